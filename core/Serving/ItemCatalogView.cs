using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Tailor.Training;
using CatalogEntry = Tailor.Catalog.CatalogItem;
using ItemCatalog = Tailor.Catalog.ItemCatalog;

namespace Tailor.Serving;

/// <summary>What serving needs to know about one catalog item: its categories (the first is its main one), whether it
/// may be recommended, and when it was created (for the <c>new in …</c> reason), if known.</summary>
public sealed record CatalogItem(IReadOnlyList<string> Categories, bool Available = true, DateTimeOffset? Created = null);

/// <summary>An immutable snapshot of the catalog as serving reads it: categories and availability by item id.
/// Items the catalog does not list are available and belong to no category. Categories compare ignoring case.
/// Serving reads it through <see cref="For"/>, a projection onto one model's item order, built once per model.</summary>
public sealed class ItemCatalogView(IReadOnlyDictionary<string, CatalogItem> items)
{
    private readonly ConditionalWeakTable<string[], CatalogProjection> _projections = [];

    /// <summary>The view of a loaded item catalog: each item's categories and availability.</summary>
    public static ItemCatalogView From(ItemCatalog catalog)
    {
        var items = new Dictionary<string, CatalogItem>(catalog.Count, StringComparer.Ordinal);
        foreach (CatalogEntry item in catalog.Items)
        {
            items[item.ItemId] = new CatalogItem(item.Categories, item.Available, item.Created);
        }

        return new ItemCatalogView(items);
    }

    public int Count => items.Count;

    public bool IsAvailable(string itemId) => !items.TryGetValue(itemId, out var item) || item.Available;

    /// <summary>Category overlap (Jaccard) of items by index into <paramref name="itemIds"/>: what diversity measures
    /// alikeness by while a catalog is loaded.</summary>
    public IItemSimilarity CategoryOverlapOf(string[] itemIds) => For(itemIds).Overlap;

    /// <summary>The catalog in the order of a model's <paramref name="itemIds"/> (built on first use, cached per array).</summary>
    internal CatalogProjection For(string[] itemIds) => _projections.GetValue(itemIds, ids => new CatalogProjection(items, ids));
}

/// <summary>The catalog laid out by model item index: availability flags, creation times and each item's category
/// numbers (CSR, in catalog order), so a request's mask is one pass over arrays, without a lookup per item.</summary>
internal sealed class CatalogProjection
{
    private readonly bool[] _unavailable;
    private readonly long[] _created;
    private readonly int[] _offsets;
    private readonly int[] _categories;
    private readonly Dictionary<string, int> _categoryNumbers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _categoryNames = [];
    private readonly ConcurrentDictionary<string, bool[]> _allowed = new(StringComparer.Ordinal);

    public CatalogProjection(IReadOnlyDictionary<string, CatalogItem> items, string[] itemIds)
    {
        _unavailable = new bool[itemIds.Length];
        _created = new long[itemIds.Length];
        _offsets = new int[itemIds.Length + 1];
        var categories = new List<int>();
        for (var i = 0; i < itemIds.Length; i++)
        {
            _created[i] = long.MinValue;
            if (items.TryGetValue(itemIds[i], out var item))
            {
                _unavailable[i] = !item.Available;
                _created[i] = item.Created?.ToUnixTimeMilliseconds() ?? long.MinValue;
                for (var c = 0; c < item.Categories.Count; c++)
                {
                    if (!_categoryNumbers.TryGetValue(item.Categories[c], out var number))
                    {
                        number = _categoryNumbers.Count;
                        _categoryNumbers.Add(item.Categories[c], number);
                        _categoryNames.Add(item.Categories[c]);
                    }

                    categories.Add(number);
                }
            }

            _offsets[i + 1] = categories.Count;
        }

        _categories = [.. categories];
        Overlap = new CategoryOverlap(this);
    }

    public int CategoryCount => _categoryNumbers.Count;

    /// <summary>Category overlap (Jaccard) of two items: the similarity diversity uses while a catalog is loaded.</summary>
    public CategoryOverlap Overlap { get; }

    /// <summary>The category numbers of <paramref name="item"/>, its main (first listed) one first.</summary>
    public ReadOnlySpan<int> CategoriesOf(int item) => _categories.AsSpan(_offsets[item], _offsets[item + 1] - _offsets[item]);

    /// <summary>The number of a category name (ignoring case); false when no item is in it.</summary>
    public bool TryGetNumber(string name, out int number) => _categoryNumbers.TryGetValue(name, out number);

    /// <summary>A category's name as the catalog first spelled it.</summary>
    public string CategoryName(int number) => _categoryNames[number];

    /// <summary>When the item was created (Unix ms), or null when the catalog does not say.</summary>
    public long? CreatedOf(int item) => _created[item] == long.MinValue ? null : _created[item];

    public bool IsUnavailable(int item) => _unavailable[item];

    /// <summary>Marks in <paramref name="wanted"/> (length <see cref="CategoryCount"/>) the numbers of the named
    /// categories; returns false when the catalog has none of them.</summary>
    public bool Mark(IReadOnlyList<string> names, Span<bool> wanted)
    {
        var any = false;
        for (var n = 0; n < names.Count; n++)
        {
            if (_categoryNumbers.TryGetValue(names[n], out var number))
            {
                wanted[number] = true;
                any = true;
            }
        }

        return any;
    }

    /// <summary>Most category filters whose item masks a projection keeps.</summary>
    public const int MaxCachedFilters = 64;

    /// <summary>Per item, whether a filter by <paramref name="names"/> (and, with <paramref name="availableOnly"/>,
    /// availability) lets it through. Masks are kept per distinct filter (up to <see cref="MaxCachedFilters"/>), so a
    /// repeated filter costs one pass over a flag array instead of a walk over every item's categories.</summary>
    public bool[] Allowed(IReadOnlyList<string> names, bool availableOnly)
    {
        Span<bool> wanted = CategoryCount <= 256 ? stackalloc bool[CategoryCount] : new bool[CategoryCount];
        var any = Mark(names, wanted);
        var key = new StringBuilder(availableOnly ? "a" : "-");
        for (var c = 0; c < wanted.Length; c++)
        {
            if (wanted[c])
            {
                key.Append(',').Append(c);
            }
        }

        var name = key.ToString();
        if (_allowed.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var allowed = new bool[_unavailable.Length];
        for (var i = 0; i < allowed.Length; i++)
        {
            allowed[i] = any && !(availableOnly && _unavailable[i]) && InAny(i, wanted);
        }

        if (_allowed.Count < MaxCachedFilters)
        {
            _allowed.TryAdd(name, allowed);
        }

        return allowed;
    }

    public bool InAny(int item, ReadOnlySpan<bool> wanted)
    {
        for (var k = _offsets[item]; k < _offsets[item + 1]; k++)
        {
            if (wanted[_categories[k]])
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The Jaccard overlap of two items' category sets, from 0 (nothing shared, or no categories) to 1.</summary>
internal sealed class CategoryOverlap(CatalogProjection catalog) : IItemSimilarity
{
    public float Similarity(int a, int b)
    {
        var first = catalog.CategoriesOf(a);
        var second = catalog.CategoriesOf(b);
        if (first.IsEmpty || second.IsEmpty)
        {
            return 0f;
        }

        var shared = 0;
        foreach (var c in first)
        {
            shared += second.Contains(c) ? 1 : 0;
        }

        return Math.Min(1f, (float)shared / (first.Length + second.Length - shared));
    }
}
