using Tailor.Interactions;

namespace Tailor.Formats;

/// <summary>The interaction-matrix section shared by model artifacts and snapshots: the entry count, then
/// row offsets, item indices and weights as raw little-endian blocks.</summary>
internal static class ArtifactMatrix
{
    public static async ValueTask WriteAsync(ArtifactWriter writer, InteractionMatrix matrix, CancellationToken cancellationToken)
    {
        await writer.WriteInt32Async(matrix.NonZeroCount, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(matrix.RowOffsets, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(matrix.Columns, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(matrix.Values, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a matrix of <paramref name="users"/> rows over <paramref name="items"/> items; the entry
    /// count is checked against what is left of the stream before anything large is allocated.</summary>
    public static async ValueTask<InteractionMatrix> ReadAsync(ArtifactReader reader, int users, int items, string what, CancellationToken cancellationToken)
    {
        var nonZeros = await reader.ReadCountAsync(what, minimumBytesEach: 8, cancellationToken).ConfigureAwait(false);
        var rowOffsets = new int[users + 1];
        await reader.ReadArrayAsync(rowOffsets, what + " row offsets", cancellationToken).ConfigureAwait(false);
        var columns = new int[nonZeros];
        await reader.ReadArrayAsync(columns, what + " items", cancellationToken).ConfigureAwait(false);
        var values = new float[nonZeros];
        await reader.ReadArrayAsync(values, what + " weights", cancellationToken).ConfigureAwait(false);
        return new InteractionMatrix(users, items, rowOffsets, columns, values);
    }
}
