using Parquet;
using Parquet.Schema;

namespace Tailor.Catalog;

/// <summary>
/// The Parquet layout of catalog items, for each processed catalog batch and for the merged catalog:
/// <c>item_id</c>, <c>title</c>, <c>categories</c> and <c>tags</c> (entries joined by <c>|</c>), <c>available</c>,
/// <c>created</c> (Unix milliseconds, nullable), <c>description</c>, then one nullable double column per numeric
/// attribute, named <c>attr:&lt;name&gt;</c>. Items are written in the order given, in row groups of
/// <see cref="RowGroupSize"/>.
/// </summary>
internal static class CatalogParquet
{
    public const int RowGroupSize = 64 * 1024;

    private const string AttributePrefix = "attr:";

    private static readonly DataField<string> s_item = new("item_id");
    private static readonly DataField<string?> s_title = new("title");
    private static readonly DataField<string> s_categories = new("categories");
    private static readonly DataField<string> s_tags = new("tags");
    private static readonly DataField<bool> s_available = new("available");
    private static readonly DataField<long?> s_created = new("created");
    private static readonly DataField<string?> s_description = new("description");

    public static async Task WriteAsync(Stream stream, IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken)
    {
        var attributeNames = items.SelectMany(i => i.Attributes.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        var attributeFields = attributeNames.Select(n => new DataField<double?>(AttributePrefix + n)).ToArray();
        var schema = new ParquetSchema([s_item, s_title, s_categories, s_tags, s_available, s_created, s_description, .. attributeFields]);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var start = 0;
        do
        {
            var group = items.Skip(start).Take(RowGroupSize).ToArray();
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync(s_item, new ArraySegment<string>([.. group.Select(i => i.ItemId)])).ConfigureAwait(false);
            await rowGroup.WriteAsync(s_title, new ArraySegment<string?>([.. group.Select(i => i.Title)])).ConfigureAwait(false);
            await rowGroup.WriteAsync(s_categories, new ArraySegment<string>([.. group.Select(i => string.Join(CatalogColumns.ListSeparator, i.Categories))])).ConfigureAwait(false);
            await rowGroup.WriteAsync(s_tags, new ArraySegment<string>([.. group.Select(i => string.Join(CatalogColumns.ListSeparator, i.Tags))])).ConfigureAwait(false);
            await rowGroup.WriteAsync<bool>(s_available, (ReadOnlyMemory<bool>)group.Select(i => i.Available).ToArray().AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync<long>(s_created, (ReadOnlyMemory<long?>)group.Select(i => i.Created?.ToUnixTimeMilliseconds()).ToArray().AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            await rowGroup.WriteAsync(s_description, new ArraySegment<string?>([.. group.Select(i => i.Description)])).ConfigureAwait(false);
            for (var a = 0; a < attributeNames.Length; a++)
            {
                var name = attributeNames[a];
                var values = group.Select(i => i.Attributes.TryGetValue(name, out var v) ? v : (double?)null).ToArray();
                await rowGroup.WriteAsync<double>(attributeFields[a], (ReadOnlyMemory<double?>)values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            start += RowGroupSize;
        }
        while (start < items.Count);
    }

    /// <summary>Reads items from a (seekable) stream in file order.</summary>
    public static async Task<List<CatalogItem>> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var items = new List<CatalogItem>();
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Read with the file's own fields (a field must belong to the schema it is read by).
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var attributeFields = fields.Values.Where(f => f.Name.StartsWith(AttributePrefix, StringComparison.Ordinal)).ToArray();
        var strings = new Tailor.Events.StringPool();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            var ids = new string?[rows];
            var titles = new string?[rows];
            var categories = new string?[rows];
            var tags = new string?[rows];
            var available = new bool[rows];
            var created = new long?[rows];
            var descriptions = new string?[rows];
            await group.ReadAsync(fields[s_item.Name], ids.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(fields[s_title.Name], titles.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(fields[s_categories.Name], categories.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(fields[s_tags.Name], tags.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(fields[s_available.Name], available.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(fields[s_created.Name], created.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(fields[s_description.Name], descriptions.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            var attributes = new double?[attributeFields.Length][];
            for (var a = 0; a < attributeFields.Length; a++)
            {
                attributes[a] = new double?[rows];
                await group.ReadAsync(attributeFields[a], attributes[a].AsMemory(), null, cancellationToken).ConfigureAwait(false);
            }

            for (var i = 0; i < rows; i++)
            {
                var itemAttributes = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
                for (var a = 0; a < attributeFields.Length; a++)
                {
                    if (attributes[a][i] is { } value)
                    {
                        itemAttributes[attributeFields[a].Name[AttributePrefix.Length..]] = value;
                    }
                }

                items.Add(new CatalogItem(
                    ids[i] ?? "", titles[i], Split(categories[i], strings), Split(tags[i], strings), available[i],
                    created[i] is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
                    descriptions[i], itemAttributes));
            }
        }

        return items;
    }

    private static string[] Split(string? joined, Tailor.Events.StringPool strings) =>
        string.IsNullOrEmpty(joined) ? [] : [.. joined.Split(CatalogColumns.ListSeparator).Select(s => strings.Get(s))];
}
