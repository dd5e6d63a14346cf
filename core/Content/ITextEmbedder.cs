namespace Tailor.Content;

/// <summary>Turns texts into fixed-length vectors whose dot product measures how alike they are in meaning
/// (unit length). Implementations are thread-safe.</summary>
public interface ITextEmbedder
{
    int Dimension { get; }

    /// <summary>One vector of <see cref="Dimension"/> floats per text, in order.</summary>
    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
