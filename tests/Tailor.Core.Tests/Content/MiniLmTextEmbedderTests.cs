using System.Numerics.Tensors;
using Tailor.Content;

namespace Tailor.Tests.Content;

/// <summary>The one test that loads the shipped MiniLM weights (offline); the other content tests leave the embedding off.</summary>
public sealed class MiniLmTextEmbedderTests
{
    [Fact]
    public void Sentences_alike_in_meaning_embed_closer_than_unrelated_ones_and_vectors_are_unit_length()
    {
        using var embedder = new MiniLmTextEmbedder();

        var vectors = embedder.Embed(["running shoes for the trail", "jogging sneakers", "a hose to water the garden"]);

        Assert.All(vectors, v => Assert.Equal(embedder.Dimension, v.Length));
        Assert.All(vectors, v => Assert.Equal(1f, TensorPrimitives.Norm(v), 1e-3f));
        var near = TensorPrimitives.Dot(vectors[0], vectors[1]);
        var far = TensorPrimitives.Dot(vectors[0], vectors[2]);
        Assert.True(near > far + 0.1f, $"near {near}, far {far}");

        var data = new TasteCatalog(5, users: 200, items: 120);
        var report = ColdItemProtocol.Run(
            data.Matrix, data.ItemIds, data.Catalog, new Tailor.Training.Ease.EaseTrainer(new Tailor.Training.Ease.EaseOptions(Lambda: 50f)), ContentSettings.Default, embedder, seed: 5);
        Assert.Contains(report.Results, r => r.Method == "content + embedding (knn)");
        Assert.NotNull(report.EmbeddingDescribeSeconds);
    }
}
