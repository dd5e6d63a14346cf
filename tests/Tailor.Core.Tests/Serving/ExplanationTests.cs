using Tailor.Models;
using Tailor.Serving;
using Tailor.Tests.Models;
using Tailor.Training;
using Tailor.Training.Blend;
using Tailor.Training.Ease;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;
using Tailor.Training.Sar;

namespace Tailor.Tests.Serving;

/// <summary><c>explain</c>: each item's <c>because</c> names the history items with the largest terms of its score.</summary>
public sealed class ExplanationTests
{
    private static readonly ModelArtifact s_data = SampleArtifacts.Random(21, 80, 50, 7);

    public static TheoryData<string> ItemItemModels => new() { "ease", "sar" };

    [Theory]
    [MemberData(nameof(ItemItemModels))]
    public async Task Item_item_explanations_are_the_largest_terms_of_the_score_with_their_shares(string algorithm)
    {
        var model = algorithm == "ease" ? new EaseTrainer().Fit(s_data.History) : new SarTrainer().Fit(s_data.History);
        var service = Service(model);
        var checkedItems = 0;

        for (var u = 0; u < s_data.UserIds.Length; u += 3)
        {
            var history = s_data.History.ItemsOf(u).ToArray();
            var weights = s_data.History.WeightsOf(u).ToArray();
            var scores = new float[s_data.ItemIds.Length];
            model.Score(u, history, weights, scores);
            var result = (await service.GetForUserAsync(s_data.UserIds[u], new RecommendationRequest { Count = 10, Explain = true })).Value!;

            foreach (var item in result.Items)
            {
                var index = Array.IndexOf(s_data.ItemIds, item.ItemId);
                var terms = NaiveTerms(model, history, weights, index);
                Assert.Equal(scores[index], terms.Sum(), 1e-3f); // the terms are the score, exactly split
                var positive = terms.Where(t => t > 0f).Sum();
                var expected = Enumerable.Range(0, history.Length)
                    .Where(h => terms[h] > 0f)
                    .OrderByDescending(h => terms[h]).ThenBy(h => h)
                    .Take(3)
                    .Select(h => (s_data.ItemIds[history[h]], terms[h] / positive))
                    .ToList();

                Assert.NotNull(item.Because);
                Assert.Equal(expected.Select(e => e.Item1), item.Because.Select(b => b.ItemId));
                for (var b = 0; b < expected.Count; b++)
                {
                    Assert.Equal(expected[b].Item2, item.Because[b].Share, 1e-4f);
                }

                checkedItems += expected.Count;
            }
        }

        Assert.True(checkedItems > 50, $"only {checkedItems} explanations were checked");
    }

    [Fact]
    public async Task Ials_explanations_name_only_history_items_best_first()
    {
        var model = new IalsTrainer(new IalsOptions(Factors: 8, Epochs: 4)).Fit(s_data.History);
        var service = Service(model);

        for (var u = 0; u < s_data.UserIds.Length; u += 5)
        {
            var history = s_data.History.ItemsOf(u).ToArray().Select(i => s_data.ItemIds[i]).ToHashSet();
            var result = (await service.GetForUserAsync(s_data.UserIds[u], new RecommendationRequest { Count = 5, Explain = true })).Value!;

            Assert.All(result.Items, item =>
            {
                Assert.InRange(item.Because!.Count, history.Count == 0 ? 0 : 1, 3);
                Assert.All(item.Because, b => Assert.Contains(b.ItemId, history));
                Assert.Equal(item.Because.OrderByDescending(b => b.Share).Select(b => b.ItemId), item.Because.Select(b => b.ItemId));
                Assert.InRange(item.Because.Sum(b => b.Share), 0f, 1.0001f);
            });
        }
    }

    [Fact]
    public async Task A_session_is_explained_by_its_own_items_and_a_blend_by_its_heaviest_part()
    {
        var model = new BlendTrainer([new SarTrainer(), new PopularityTrainer()], [0.8f, 0.2f]).Fit(s_data.History);
        var service = Service(model);
        string[] session = [s_data.ItemIds[2], s_data.ItemIds[7], s_data.ItemIds[11]];

        var result = (await service.ForSessionAsync(session, new RecommendationRequest { Count = 8, Explain = true })).Value!;

        Assert.Equal(RecommendationStrategy.Session, result.Strategy);
        Assert.Contains(result.Items, i => i.Because!.Count > 0);
        Assert.All(result.Items, i => Assert.All(i.Because!, b => Assert.Contains(b.ItemId, session)));
    }

    [Fact]
    public async Task The_popularity_fallback_explains_itself_with_a_reason()
    {
        var service = Service(new SarTrainer().Fit(s_data.History));

        var result = (await service.GetForUserAsync("stranger", new RecommendationRequest { Count = 4, Explain = true })).Value!;

        Assert.Equal(RecommendationStrategy.Popular, result.Strategy);
        Assert.All(result.Items, i =>
        {
            Assert.Empty(i.Because!);
            Assert.Equal("popular overall", i.Reason);
        });
    }

    [Fact]
    public async Task Without_explain_no_item_carries_because_or_reason()
    {
        var service = Service(new EaseTrainer().Fit(s_data.History));

        var result = (await service.GetForUserAsync(s_data.UserIds[1], RecommendationRequest.Top(10))).Value!;

        Assert.All(result.Items, i => Assert.True(i.Because is null && i.Reason is null));
    }

    /// <summary>Each history item's term of the score, from the model's public weights.</summary>
    private static float[] NaiveTerms(IRecommender model, int[] history, float[] weights, int item)
    {
        var terms = new float[history.Length];
        for (var h = 0; h < history.Length; h++)
        {
            if (model is EaseRecommender ease)
            {
                terms[h] = WeightScaling.Apply(ease.Input, weights[h]) * ease.WeightsFrom(history[h])[item];
            }
            else
            {
                var sar = (SarRecommender)model;
                var (neighbours, similarities) = sar.NeighboursOf(history[h]);
                var at = Array.IndexOf(neighbours.ToArray(), item);
                terms[h] = at < 0 ? 0f : WeightScaling.Apply(sar.Input, weights[h]) * similarities.Span[at];
            }
        }

        return terms;
    }

    private static RecommendationService Service(IRecommender model)
    {
        var artifact = new ModelArtifact(s_data.UserIds, s_data.ItemIds, s_data.History, s_data.Popularity, model);
        return new RecommendationService(new FixedModelSource(ServingModels.Loaded(artifact)), ForgottenUserSet.None);
    }
}
