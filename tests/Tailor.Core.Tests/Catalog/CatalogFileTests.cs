using Tailor.Catalog;

namespace Tailor.Tests.Catalog;

public sealed class CatalogFileTests
{
    [Fact]
    public async Task A_local_catalog_file_reads_its_valid_rows_with_the_last_row_of_an_id_winning()
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "item_id,categories,available\ni1,Drama|News,true\ni2,Comedy,false\n,Drama,true\ni1,Kids,true\n");
        try
        {
            var catalog = await CatalogFile.ReadAsync(path);

            Assert.Equal(2, catalog.Count);
            Assert.True(catalog.TryGet("i1", out var first));
            Assert.Equal(["Kids"], first.Categories);
            Assert.False(catalog.IsAvailable("i2"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
