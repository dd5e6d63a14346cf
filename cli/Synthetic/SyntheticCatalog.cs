using System.Globalization;
using System.Text;

namespace Tailor.Cli.Synthetic;

/// <summary>One generated catalog row.</summary>
internal sealed record SyntheticCatalogItem(
    int Item, string Title, IReadOnlyList<string> Categories, IReadOnlyList<string> Tags, DateTimeOffset Created, string Description, double Price);

/// <summary>
/// Writes a generated catalog as the catalog CSV (<c>item_id,title,categories,tags,created,description,price</c>;
/// categories and tags <c>|</c>-separated), for both generators; and the tag vocabulary they share: themes, which
/// name a taste, and tags that say nothing about taste.
/// </summary>
internal static class SyntheticCatalog
{
    private static readonly string[] s_themes =
        ["classic", "modern", "eco", "retro", "premium", "budget", "handmade", "smart", "kids", "outdoor", "vintage", "minimal"];

    private static readonly string[] s_noiseTags = ["gift", "sale", "bestseller", "limited", "new-arrival"];

    /// <summary>How many distinct themes there are before they repeat with a number.</summary>
    public static int ThemeCount => s_themes.Length;

    /// <summary>The theme tag of taste <paramref name="taste"/> (<c>classic</c>, …, then <c>classic2</c>, …).</summary>
    public static string Theme(int taste) =>
        taste < s_themes.Length
            ? s_themes[taste]
            : s_themes[taste % s_themes.Length] + (taste / s_themes.Length + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>A tag that says nothing about taste, fixed per item.</summary>
    public static string NoiseTag(int item) => s_noiseTags[(int)((uint)(item * 2654435761u) % (uint)s_noiseTags.Length)];

    /// <summary>"A classic pick from our books range".</summary>
    public static string Description(string theme, string category) =>
        $"{("aeiou".Contains(theme[0], StringComparison.Ordinal) ? "An" : "A")} {theme} pick from our {category} range";

    public static async Task WriteAsync(IEnumerable<SyntheticCatalogItem> items, Stream stream, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync("item_id,title,categories,tags,created,description,price\n".AsMemory(), cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{SyntheticEventGenerator.ItemId(item.Item)},{item.Title},{string.Join('|', item.Categories)},{string.Join('|', item.Tags)},{item.Created:yyyy-MM-ddTHH:mm:ssZ},{item.Description},{item.Price}\n");
                await writer.WriteAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
