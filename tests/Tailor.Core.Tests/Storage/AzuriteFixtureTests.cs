using Tailor.Testing;

namespace Tailor.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_test_gets_its_own_containers_and_table()
    {
        var first = await azurite.CreateStorageAsync();
        var second = await azurite.CreateStorageAsync();

        Assert.NotEqual(first.Options.EventsContainer, second.Options.EventsContainer);
        Assert.NotEqual(first.Options.BatchesTable, second.Options.BatchesTable);
        Assert.True(await first.Events.ExistsAsync());
        Assert.True(await second.Models.ExistsAsync());
    }
}
