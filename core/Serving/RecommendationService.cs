using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Fresh;
using Tailor.Privacy;
using Tailor.Segments;
using Tailor.Training;
using Tailor.Training.Popularity;

namespace Tailor.Serving;

/// <summary>Recommendations from the model an <see cref="IModelSource"/> serves (the <see cref="ModelCache"/>
/// in a host), shaped by a <see cref="RecommendationRequest"/> and filtered with the <see cref="IItemCatalog"/>.
/// Every answer names the model version and the strategy that produced it, carries a new recommendation id and its
/// variant, and is handed to the <see cref="IImpressionRecorder"/> (which returns at once). With a
/// <see cref="ChallengerModel"/>, a user in its share is served by the challenger. A user's fresh events
/// (<see cref="IFreshHistory"/>, read once per request) join their history before scoring. While a catalog with
/// categories is loaded, diversity re-ranks by the items' category overlap, otherwise by the model's item similarity.</summary>
public sealed partial class RecommendationService(
    IModelSource models, IForgottenUsers forgotten, IItemCatalog? catalog = null, IOptions<ServingOptions>? options = null, TimeProvider? time = null,
    IOptions<LightUserOptions>? lightUsers = null, IFreshHistory? freshHistory = null, IImpressionRecorder? impressions = null,
    ChallengerModel? challenger = null)
{
    /// <summary>The reason a fresh slot's item gives: a new item the model knows, or one scored from its content.</summary>
    public const string FreshReason = "new item", ColdFreshReason = "new item, scored from its content";

    private readonly IItemCatalog _catalog = catalog ?? NoItemCatalog.Instance;
    private readonly ServingOptions _options = options?.Value ?? new ServingOptions();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly int _lightUserThreshold = (lightUsers?.Value ?? new LightUserOptions()).LightUserThreshold;
    private readonly int _segmentSlots = (lightUsers?.Value ?? new LightUserOptions()).SegmentSlots;

    /// <summary>Top <paramref name="count"/> items for a user, as <see cref="GetForUserAsync(string, RecommendationRequest, CancellationToken)"/>.</summary>
    public ValueTask<ServingResult<RecommendationResult>> GetForUserAsync(string userId, int count, CancellationToken cancellationToken = default) =>
        GetForUserAsync(userId, RecommendationRequest.Top(count), cancellationToken);

    /// <summary>The requested page for a user, excluding what they have already seen, fresh events included: a known
    /// user's fresh items are excluded and their list rescored from history plus fresh items; a user the model does
    /// not know with fresh events on items it knows is scored from those (strategy <c>fresh</c>); other unknown users,
    /// and forgotten users, get the fallback (strategy <c>trending</c> when the model has trending scores, else <c>popular</c>).</summary>
    public ValueTask<ServingResult<RecommendationResult>> GetForUserAsync(string userId, RecommendationRequest request, CancellationToken cancellationToken = default) =>
        ServingTelemetry.MeasureAsync(
            ServingTelemetry.Routes.User, (Service: this, userId, request, cancellationToken),
            static s => s.Service.ServedAsync(ServingTelemetry.Routes.User, s.userId, s.Service.ForUserCoreAsync(s.userId, s.request, s.cancellationToken)));

    private async ValueTask<ServingResult<RecommendationResult>> ForUserCoreAsync(string userId, RecommendationRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1);
        var (status, model, mask) = await PrepareAsync(request, cancellationToken, userId).ConfigureAwait(false);
        if (model is null || mask is null)
        {
            return new ServingResult<RecommendationResult>(status, null);
        }

        if (await forgotten.ContainsAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            return Fallback(model, mask, request);
        }

        var answer = await ForKnownOrFreshAsync(model, mask, request, userId, cancellationToken).ConfigureAwait(false);
        return answer.Value is { } value && model.SegmentOf(userId) is { } served
            ? ServingResult<RecommendationResult>.Ok(value with { Segment = served.SegmentId })
            : answer;
    }

    private async ValueTask<ServingResult<RecommendationResult>> ForKnownOrFreshAsync(
        LoadedModel model, CandidateMask mask, RecommendationRequest request, string userId, CancellationToken cancellationToken)
    {
        var known = model.UserIndex.TryGetValue(userId, out var user);

        if (freshHistory is not null && await FreshAsync(model, mask, request, userId, known ? user : -1, cancellationToken).ConfigureAwait(false) is { } served)
        {
            return served;
        }

        if (!known)
        {
            return Fallback(model, mask, request);
        }

        var history = model.Artifact.History;
        var seen = history.ItemsOf(user);
        var weights = history.WeightsOf(user);
        if (seen.Length < _lightUserThreshold && !IsPopularity(model) && model.SegmentOf(userId) is { } segment)
        {
            return SegmentBlended(model, segment, mask, request, user, seen, weights);
        }

        return Scored(model, ModelStrategy(model, RecommendationStrategy.Personalized), mask, request, user, seen, weights, seen, FreshRule(model, request));
    }

    /// <summary>The answer from the user's history plus their fresh events, or null when their fresh events add no
    /// item the model knows and has not seen them with. The combined history is scored as an unseen user's
    /// (fold-in for iALS, item-based for EASE, SAR and blends), with every item in it excluded.</summary>
    private async ValueTask<ServingResult<RecommendationResult>?> FreshAsync(
        LoadedModel model, CandidateMask mask, RecommendationRequest request, string userId, int user, CancellationToken cancellationToken)
    {
        var recent = await freshHistory!.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (recent.Count == 0)
        {
            return null;
        }

        var (items, weights, added) = FreshItems.Combine(model, user, recent);
        if (!added)
        {
            return null;
        }

        var strategy = ModelStrategy(model, user >= 0 ? RecommendationStrategy.Personalized : RecommendationStrategy.Fresh);
        return Scored(model, strategy, mask, request, -1, items, weights, items, FreshRule(model, request));
    }

    /// <summary>Top <paramref name="count"/> items for a session, as <see cref="ForSessionAsync(IReadOnlyList{string}, RecommendationRequest, CancellationToken)"/>.</summary>
    public ValueTask<ServingResult<RecommendationResult>> ForSessionAsync(IReadOnlyList<string> itemIds, int count, CancellationToken cancellationToken = default) =>
        ForSessionAsync(itemIds, RecommendationRequest.Top(count), cancellationToken);

    /// <summary>The requested page for an anonymous session, scored by the model from the session's items
    /// (unknown ones ignored, the known ones excluded); with no known item, the popularity fallback.</summary>
    public ValueTask<ServingResult<RecommendationResult>> ForSessionAsync(IReadOnlyList<string> itemIds, RecommendationRequest request, CancellationToken cancellationToken = default) =>
        ServingTelemetry.MeasureAsync(
            ServingTelemetry.Routes.Session, (Service: this, itemIds, request, cancellationToken),
            static s => s.Service.ServedAsync(ServingTelemetry.Routes.Session, null, s.Service.ForSessionCoreAsync(s.itemIds, s.request, s.cancellationToken)));

    private async ValueTask<ServingResult<RecommendationResult>> ForSessionCoreAsync(IReadOnlyList<string> itemIds, RecommendationRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1);
        var (status, model, mask) = await PrepareAsync(request, cancellationToken).ConfigureAwait(false);
        if (model is null || mask is null)
        {
            return new ServingResult<RecommendationResult>(status, null);
        }

        var (items, weights) = SessionHistory(model, itemIds);
        if (items.Length == 0)
        {
            return Fallback(model, mask, request);
        }

        return Scored(model, ModelStrategy(model, RecommendationStrategy.Session), mask, request, -1, items, weights, items, FreshRule(model, request));
    }

    /// <summary>Top <paramref name="count"/> similar items, as <see cref="SimilarItemsAsync(string, RecommendationRequest, CancellationToken)"/>.</summary>
    public ValueTask<ServingResult<RecommendationResult>> SimilarItemsAsync(string itemId, int count, CancellationToken cancellationToken = default) =>
        SimilarItemsAsync(itemId, RecommendationRequest.Top(count), cancellationToken);

    /// <summary>Items most related to <paramref name="itemId"/> by the model; not found when the serving
    /// model does not know the item. Explanations name the item itself.</summary>
    public ValueTask<ServingResult<RecommendationResult>> SimilarItemsAsync(string itemId, RecommendationRequest request, CancellationToken cancellationToken = default) =>
        ServingTelemetry.MeasureAsync(
            ServingTelemetry.Routes.Similar, (Service: this, itemId, request, cancellationToken),
            static s => s.Service.ServedAsync(ServingTelemetry.Routes.Similar, null, s.Service.SimilarItemsCoreAsync(s.itemId, s.request, s.cancellationToken)));

    private async ValueTask<ServingResult<RecommendationResult>> SimilarItemsCoreAsync(string itemId, RecommendationRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1);
        var (status, model, mask) = await PrepareAsync(request, cancellationToken).ConfigureAwait(false);
        if (model is null || mask is null)
        {
            return new ServingResult<RecommendationResult>(status, null);
        }

        if (!model.ItemIndex.TryGetValue(itemId, out var item))
        {
            if (model.Content is { Mapping: { } mapping } content && content.TryGetCold(itemId, out var cold))
            {
                var byContent = ItemRanking.ByContent(model, mapping, cold, mask, request);
                return Ok(model, RecommendationStrategy.Content, Page(model, byContent, request, RecommendationStrategy.Content, mask, null, -1, [], []));
            }

            return ServingResult<RecommendationResult>.NotFound;
        }

        int[] self = [item];
        if (IsPopularity(model))
        {
            // Popularity ignores history, so no item "rises": answer honestly with the popular items.
            return Scored(model, RecommendationStrategy.Popular, mask, request, -1, [], [], self);
        }

        float[] weight = [1f];
        var dominant = ModelParts.Dominant(model.Artifact.Model);
        var ranked = ItemRanking.ByLift(model, item, mask, request, Similarity(model, mask, request, dominant));
        return Ok(model, RecommendationStrategy.Similar, Page(model, ranked, request, RecommendationStrategy.Similar, mask, dominant, -1, self, weight));
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

    /// <summary>Names a served list (a new recommendation id, its variant) and hands it to the impressions recorder.</summary>
    private async ValueTask<ServingResult<RecommendationResult>> ServedAsync(
        string route, string? userId, ValueTask<ServingResult<RecommendationResult>> answer)
    {
        var result = await answer.ConfigureAwait(false);
        if (result.Value is not { } value)
        {
            return result;
        }

        var served = value with
        {
            RecommendationId = Guid.CreateVersion7().ToString("N"),
            Variant = challenger?.VariantOf(value.ModelVersion) ?? Variants.Champion,
        };
        if (impressions is not null)
        {
            var items = new string[served.Items.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = served.Items[i].ItemId;
            }

            impressions.Record(new Impression(served.RecommendationId, userId, items, served.ModelVersion, served.Strategy, served.Variant, route, _time.GetUtcNow())
            {
                Segment = served.Segment,
            });
        }

        return ServingResult<RecommendationResult>.Ok(served);
    }

    /// <summary>The model and the request's candidate mask, or why there are none: <see cref="ServingStatus.NoModel"/>
    /// when none is serving, <see cref="ServingStatus.NoCatalog"/> when the request filters by category and no catalog is loaded.</summary>
    private async ValueTask<(ServingStatus Status, LoadedModel? Model, CandidateMask? Mask)> PrepareAsync(
        RecommendationRequest request, CancellationToken cancellationToken, string? userId = null)
    {
        if (await models.GetAsync(cancellationToken).ConfigureAwait(false) is not { } model)
        {
            return (ServingStatus.NoModel, null, null);
        }

        if (userId is not null && challenger is not null)
        {
            model = await challenger.ForUserAsync(userId, model, cancellationToken).ConfigureAwait(false);
        }

        var view = await _catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        if (request.Categories.Count > 0 && view is null)
        {
            return (ServingStatus.NoCatalog, null, null);
        }

        return (ServingStatus.Ok, model, CandidateMask.For(model, request, view));
    }

    /// <summary>The list for users and sessions the model cannot personalise: <c>trending</c> when the model carries
    /// recent-window scores (its data had timestamps), else <c>popular</c>.</summary>
    private ServingResult<RecommendationResult> Fallback(LoadedModel model, CandidateMask mask, RecommendationRequest request)
    {
        var (strategy, scores) = model.Artifact.Trending is { } trending && !IsPopularity(model)
            ? (RecommendationStrategy.Trending, trending)
            : (RecommendationStrategy.Popular, model.Artifact.Popularity);
        var ranked = ItemRanking.ByPopularity(model, scores, mask, request, Similarity(model, mask, request, ModelParts.Dominant(model.Artifact.Model)));
        return Ok(model, strategy, Page(model, ranked, request, strategy, mask, null, -1, [], []));
    }

    private ServingResult<RecommendationResult> Scored(
        LoadedModel model, string strategy, CandidateMask mask, RecommendationRequest request,
        int user, ReadOnlySpan<int> history, ReadOnlySpan<float> weights, ReadOnlySpan<int> seen, FreshSlotRule? fresh = null)
    {
        var dominant = ModelParts.Dominant(model.Artifact.Model);
        if (fresh is null || model.Content is not { } content)
        {
            var ranked = ItemRanking.ByModel(model, user, history, weights, seen, mask, request, Similarity(model, mask, request, dominant));
            return Ok(model, strategy, Page(model, ranked, request, strategy, mask, IsPopularity(model) ? null : dominant, user, history, weights));
        }

        var (page, picks) = ItemRanking.ByModelWithFresh(model, user, history, weights, seen, mask, request, Similarity(model, mask, request, dominant), content, fresh);
        return Ok(model, strategy, WithFresh(Page(model, page, request, strategy, mask, IsPopularity(model) ? null : dominant, user, history, weights), picks, request.Count));
    }

    /// <summary>Fresh slots for a first page of a model that is not popularity, when the catalog dates items.</summary>
    private FreshSlotRule? FreshRule(LoadedModel model, RecommendationRequest request) =>
        _options.FreshItemSlots > 0 && request.Offset == 0 && !IsPopularity(model) && model.Content is { Dated.Count: > 0 }
            ? new FreshSlotRule(Math.Min(_options.FreshItemSlots, request.Count), _time.GetUtcNow().AddDays(-_options.FreshItemDays), _options.FreshItemScoreFloor)
            : null;

    /// <summary>The page with its last slots given to the fresh picks (appended while the page is short of <paramref name="count"/>).</summary>
    private static ScoredItem[] WithFresh(ScoredItem[] page, FreshPick[] picks, int count)
    {
        if (picks.Length == 0)
        {
            return page;
        }

        var keep = Math.Min(page.Length, count - picks.Length);
        var items = new ScoredItem[keep + picks.Length];
        page.AsSpan(0, keep).CopyTo(items);
        for (var p = 0; p < picks.Length; p++)
        {
            items[keep + p] = new ScoredItem(picks[p].ItemId, picks[p].Score) { Reason = picks[p].Cold ? ColdFreshReason : FreshReason };
        }

        return items;
    }

    /// <summary>What diversity measures alikeness by: category overlap while a catalog with categories is loaded, else
    /// the model's own item similarity (none for models without one); nothing when the request asks for no diversity.</summary>
    private static IItemSimilarity? Similarity(LoadedModel model, CandidateMask mask, RecommendationRequest request, IRecommender dominant) =>
        request.Diversity <= 0f ? null
        : mask.Catalog(model) is { CategoryCount: > 0 } catalog ? catalog.Overlap
        : dominant as IItemSimilarity;

    /// <summary>The ranked items as the answer: with explanations only when asked (off the hot path otherwise); a
    /// fallback (no <paramref name="explainer"/>) gives each item its reason.</summary>
    private ScoredItem[] Page(
        LoadedModel model, RankedItem[] ranked, RecommendationRequest request, string strategy, CandidateMask mask, IRecommender? explainer,
        int user, ReadOnlySpan<int> history, ReadOnlySpan<float> weights)
    {
        if (request.Explain)
        {
            return explainer is null
                ? FallbackReasons.Explain(model, ranked, strategy, request, mask.Catalog(model), NewSince())
                : ItemExplanations.Explain(model, ranked, explainer as IExplainableRecommender, user, history, weights);
        }

        var ids = model.Artifact.ItemIds;
        var items = new ScoredItem[ranked.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            items[i] = new ScoredItem(ids[ranked[i].Index], ranked[i].Score);
        }

        return items;
    }

    /// <summary>Items created at or after this time (Unix ms) are new; null when the reason is off.</summary>
    private long? NewSince() =>
        _options.NewItemDays > 0 ? _time.GetUtcNow().AddDays(-_options.NewItemDays).ToUnixTimeMilliseconds() : null;

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
