using Tailor.Privacy;
using Tailor.Training.Popularity;

namespace Tailor.Serving;

/// <summary>Recommendations from the model an <see cref="IModelSource"/> serves (the <see cref="ModelCache"/>
/// in a host). Every answer names the model version and the strategy that produced it.</summary>
public sealed class RecommendationService(IModelSource models, IForgottenUsers forgotten)
{
    /// <summary>Top <paramref name="count"/> items for a user, excluding what they have already seen;
    /// users the model does not know, and forgotten users, get the popularity fallback (strategy <c>popular</c>).</summary>
    public ValueTask<ServingResult<RecommendationResult>> GetForUserAsync(string userId, int count, CancellationToken cancellationToken = default) =>
        ServingTelemetry.MeasureAsync(ServingTelemetry.Routes.User, () => ForUserCoreAsync(userId, count, cancellationToken));

    private async ValueTask<ServingResult<RecommendationResult>> ForUserCoreAsync(string userId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (await models.GetAsync(cancellationToken).ConfigureAwait(false) is not { } model)
        {
            return ServingResult<RecommendationResult>.NoModel;
        }

        if (!model.UserIndex.TryGetValue(userId, out var user)
            || await forgotten.ContainsAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            return Ok(model, RecommendationStrategy.Popular, ItemRanking.ByPopularity(model, count));
        }

        var history = model.Artifact.History;
        var seen = history.ItemsOf(user);
        var items = ItemRanking.ByModel(model, user, seen, history.WeightsOf(user), seen, count);
        return Ok(model, ModelStrategy(model, RecommendationStrategy.Personalized), items);
    }

    /// <summary>Top items for an anonymous session, scored by the model from the session's items (unknown
    /// ones ignored, the known ones excluded); with no known item, the popularity fallback.</summary>
    public ValueTask<ServingResult<RecommendationResult>> ForSessionAsync(IReadOnlyList<string> itemIds, int count, CancellationToken cancellationToken = default) =>
        ServingTelemetry.MeasureAsync(ServingTelemetry.Routes.Session, () => ForSessionCoreAsync(itemIds, count, cancellationToken));

    private async ValueTask<ServingResult<RecommendationResult>> ForSessionCoreAsync(IReadOnlyList<string> itemIds, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (await models.GetAsync(cancellationToken).ConfigureAwait(false) is not { } model)
        {
            return ServingResult<RecommendationResult>.NoModel;
        }

        var (items, weights) = SessionHistory(model, itemIds);
        if (items.Length == 0)
        {
            return Ok(model, RecommendationStrategy.Popular, ItemRanking.ByPopularity(model, count));
        }

        return Ok(model, ModelStrategy(model, RecommendationStrategy.Session), ItemRanking.ByModel(model, -1, items, weights, items, count));
    }

    /// <summary>Items most related to <paramref name="itemId"/> by the model; not found when the serving
    /// model does not know the item.</summary>
    public ValueTask<ServingResult<RecommendationResult>> SimilarItemsAsync(string itemId, int count, CancellationToken cancellationToken = default) =>
        ServingTelemetry.MeasureAsync(ServingTelemetry.Routes.Similar, () => SimilarItemsCoreAsync(itemId, count, cancellationToken));

    private async ValueTask<ServingResult<RecommendationResult>> SimilarItemsCoreAsync(string itemId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (await models.GetAsync(cancellationToken).ConfigureAwait(false) is not { } model)
        {
            return ServingResult<RecommendationResult>.NoModel;
        }

        if (!model.ItemIndex.TryGetValue(itemId, out var item))
        {
            return ServingResult<RecommendationResult>.NotFound;
        }

        if (IsPopularity(model))
        {
            // Popularity ignores history, so no item "rises": answer honestly with the popular items.
            ReadOnlySpan<int> self = [item];
            return Ok(model, RecommendationStrategy.Popular, ItemRanking.ByModel(model, -1, [], [], self, count));
        }

        return Ok(model, RecommendationStrategy.Similar, ItemRanking.ByLift(model, item, count));
    }

    /// <summary>The serving version with its manifest's key facts and the candidate metrics of its report.</summary>
    public async ValueTask<ServingResult<CurrentModelInfo>> GetCurrentModelAsync(CancellationToken cancellationToken = default)
    {
        if (await models.GetAsync(cancellationToken).ConfigureAwait(false) is not { } model)
        {
            return ServingResult<CurrentModelInfo>.NoModel;
        }

        var info = new CurrentModelInfo(
            model.Version,
            model.Artifact.Algorithm,
            model.Pointer.PromotedUtc,
            model.Pointer.Reason,
            model.Manifest?.CreatedUtc,
            model.Manifest?.Parameters,
            model.Artifact.UserIds.Length,
            model.Artifact.ItemIds.Length,
            model.Report?.K,
            model.Report?.Candidate);
        return ServingResult<CurrentModelInfo>.Ok(info);
    }

    /// <summary>A popularity model ranks the same for everyone, so its lists are labelled <c>popular</c> even
    /// when seen items were excluded.</summary>
    private static string ModelStrategy(LoadedModel model, string strategy) =>
        IsPopularity(model) ? RecommendationStrategy.Popular : strategy;

    private static bool IsPopularity(LoadedModel model) => model.Artifact.Algorithm == PopularityRecommender.Name;

    private static ServingResult<RecommendationResult> Ok(LoadedModel model, string strategy, ScoredItem[] items) =>
        ServingResult<RecommendationResult>.Ok(new RecommendationResult(model.Version, strategy, items));

    /// <summary>Known session items as an ascending, de-duplicated history; repeats add weight.</summary>
    private static (int[] Items, float[] Weights) SessionHistory(LoadedModel model, IReadOnlyList<string> itemIds)
    {
        var known = new List<int>(itemIds.Count);
        foreach (var id in itemIds)
        {
            if (model.ItemIndex.TryGetValue(id, out var index))
            {
                known.Add(index);
            }
        }

        known.Sort();
        var items = new List<int>(known.Count);
        var weights = new List<float>(known.Count);
        foreach (var index in known)
        {
            if (items.Count > 0 && items[^1] == index)
            {
                weights[^1] += 1f;
            }
            else
            {
                items.Add(index);
                weights.Add(1f);
            }
        }

        return (items.ToArray(), weights.ToArray());
    }
}
