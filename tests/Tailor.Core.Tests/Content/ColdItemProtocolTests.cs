using Tailor.Content;
using Tailor.Training.Ease;
using Tailor.Training.Ials;

namespace Tailor.Tests.Content;

public sealed class ColdItemProtocolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Ridge_onto_ials_factors_ranks_held_out_items_better_than_random_and_popularity_by_category(int seed)
    {
        var data = new TasteCatalog(seed);

        var report = ColdItemProtocol.Run(data.Matrix, data.ItemIds, data.Catalog, new IalsTrainer(new IalsOptions(Factors: 16, Regularization: 1f, Epochs: 8)), ContentSettings.Default, seed: seed);

        Assert.Equal(30, report.ColdItems);
        Assert.True(report.Users > 100, $"{report.Users} users took a held-out item");
        var random = report.Results.Single(r => r.Method == "random");
        var category = report.Results.Single(r => r.Method == "popularity by category");
        var content = report.Results.Single(r => r.Method == "content (ridge)");
        Assert.True(content.Recall > 1.5 * random.Recall, $"content {content.Recall:F3} vs random {random.Recall:F3}");
        Assert.True(content.Ndcg > 1.5 * random.Ndcg, $"content {content.Ndcg:F3} vs random {random.Ndcg:F3}");
        Assert.True(content.Ndcg > category.Ndcg, $"content {content.Ndcg:F3} vs popularity by category {category.Ndcg:F3}");
    }

    [Fact]
    public void Content_knn_onto_ease_scores_ranks_held_out_items_better_than_random()
    {
        var data = new TasteCatalog(3);

        var report = ColdItemProtocol.Run(data.Matrix, data.ItemIds, data.Catalog, new EaseTrainer(new EaseOptions(Lambda: 50f)), ContentSettings.Default, seed: 3);

        var random = report.Results.Single(r => r.Method == "random");
        var content = report.Results.Single(r => r.Method == "content (knn)");
        Assert.True(content.Recall > 1.5 * random.Recall, $"content {content.Recall:F3} vs random {random.Recall:F3}");
        Assert.True(content.Ndcg > 1.5 * random.Ndcg, $"content {content.Ndcg:F3} vs random {random.Ndcg:F3}");
    }

    [Fact]
    public void The_protocol_is_deterministic_for_its_seed()
    {
        var data = new TasteCatalog(4, users: 200, items: 120);
        var trainer = new EaseTrainer(new EaseOptions(Lambda: 50f));

        var first = ColdItemProtocol.Run(data.Matrix, data.ItemIds, data.Catalog, trainer, ContentSettings.Default, seed: 9);
        var second = ColdItemProtocol.Run(data.Matrix, data.ItemIds, data.Catalog, trainer, ContentSettings.Default, seed: 9);

        Assert.Equal(first.Results, second.Results);
    }
}
