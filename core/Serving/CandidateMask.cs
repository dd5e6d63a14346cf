namespace Tailor.Serving;

/// <summary>The one set of rules deciding which items may be recommended in a request: not in the history (or
/// the session, or the item asked about), not excluded by the caller, available, and in a requested category.
/// <see cref="ItemRanking"/> applies it to the score buffer of every strategy before ranking.</summary>
internal sealed class CandidateMask
{
    private readonly int[] _excluded;
    private readonly ItemCatalogView? _catalog;
    private readonly IReadOnlyList<string> _categories;
    private readonly bool _availableOnly;

    private CandidateMask(int[] excluded, ItemCatalogView? catalog, IReadOnlyList<string> categories, bool availableOnly)
    {
        _excluded = excluded;
        _catalog = catalog;
        _categories = categories;
        _availableOnly = availableOnly;
    }

    /// <summary>The mask of <paramref name="request"/> against <paramref name="model"/>'s items; excluded ids the
    /// model does not know are ignored. A category filter needs <paramref name="catalog"/> (the caller checks).</summary>
    public static CandidateMask For(LoadedModel model, RecommendationRequest request, ItemCatalogView? catalog)
    {
        var excluded = request.Exclude.Count == 0 ? [] : new int[request.Exclude.Count];
        var known = 0;
        foreach (var id in request.Exclude)
        {
            if (model.ItemIndex.TryGetValue(id, out var index))
            {
                excluded[known++] = index;
            }
        }

        return new CandidateMask(known == excluded.Length ? excluded : excluded[..known], catalog, request.Categories, request.AvailableOnly && catalog is not null);
    }

    /// <summary>The request's catalog laid out in <paramref name="model"/>'s item order, or null when none is loaded.</summary>
    public CatalogProjection? Catalog(LoadedModel model) => _catalog?.For(model.Artifact.ItemIds);

    /// <summary>Sets the score of every item that may not be recommended to -∞, which <see cref="Numerics.TopK"/> never selects.</summary>
    public void Apply(LoadedModel model, Span<float> scores, ReadOnlySpan<int> seen)
    {
        foreach (var item in seen)
        {
            scores[item] = float.NegativeInfinity;
        }

        foreach (var item in _excluded)
        {
            scores[item] = float.NegativeInfinity;
        }

        if (_catalog is null || (_categories.Count == 0 && !_availableOnly))
        {
            return;
        }

        var catalog = _catalog.For(model.Artifact.ItemIds);
        if (_categories.Count == 0)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                if (catalog.IsUnavailable(i))
                {
                    scores[i] = float.NegativeInfinity;
                }
            }

            return;
        }

        var allowed = catalog.Allowed(_categories, _availableOnly);
        for (var i = 0; i < scores.Length; i++)
        {
            if (!allowed[i])
            {
                scores[i] = float.NegativeInfinity;
            }
        }
    }
}
