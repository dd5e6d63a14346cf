using Tailor.Events.Reading;

namespace Tailor.Catalog;

/// <summary>Catalog column names and their aliases (case-insensitive): <c>item_id</c> [item, itemId, movieId],
/// <c>title</c>, <c>categories</c> [genres], <c>tags</c>, <c>available</c>, <c>created</c>, <c>description</c>.
/// Any other column is kept for the numeric attributes.</summary>
internal static class CatalogColumns
{
    /// <summary>Separator of the entries of <c>categories</c> and <c>tags</c>.</summary>
    public const char ListSeparator = '|';

    /// <summary>Longest cell read from JSON Lines and Parquet (descriptions are longer than event fields).</summary>
    public const int MaxFieldChars = 16 * 1024;

    private static readonly string[] s_canonical = ["item_id", "title", "categories", "tags", "available", "created", "description"];

    public static ColumnSet Set { get; } = new(
        "catalog",
        s_canonical,
        [
            ("item_id", (int)CatalogField.Item, 0),
            ("item", (int)CatalogField.Item, 1),
            ("itemId", (int)CatalogField.Item, 2),
            ("movieId", (int)CatalogField.Item, 3),
            ("title", (int)CatalogField.Title, 0),
            ("categories", (int)CatalogField.Categories, 0),
            ("genres", (int)CatalogField.Categories, 1),
            ("tags", (int)CatalogField.Tags, 0),
            ("available", (int)CatalogField.Available, 0),
            ("created", (int)CatalogField.Created, 0),
            ("description", (int)CatalogField.Description, 0),
        ],
        [(int)CatalogField.Item],
        "an item column (item_id, item, itemId, movieId) is",
        keepsOtherColumns: true,
        maxFieldChars: MaxFieldChars,
        acceptsBooleans: true);

    public static string Name(CatalogField field) => s_canonical[(int)field];
}
