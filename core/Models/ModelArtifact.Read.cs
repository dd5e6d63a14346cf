using System.Text;
using Tailor.Formats;
using Tailor.Training;

namespace Tailor.Models;

public sealed partial class ModelArtifact
{
    /// <summary>Reads an artifact in one forward pass, hashing as it goes, and verifies the checksum trailer
    /// before returning. A truncated or corrupted artifact, or one in an unknown format version, throws
    /// <see cref="InvalidDataException"/>. The model payload is read synchronously (through
    /// <see cref="RecommenderFormat.Read"/>'s <see cref="BinaryReader"/>); everything else asynchronously.</summary>
    public static Task<ModelArtifact> ReadAsync(Stream source, CancellationToken cancellationToken = default) =>
        ArtifactReader.ReadAsync(source, "Model artifact", ReadCoreAsync, cancellationToken);

    private static async Task<ModelArtifact> ReadCoreAsync(ArtifactReader reader, CancellationToken cancellationToken)
    {
        var magic = new byte[Magic.Length];
        await reader.ReadExactlyAsync(magic, cancellationToken).ConfigureAwait(false);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"Not a Tailor model artifact: it starts with 0x{Convert.ToHexString(magic)}, not \"TLRM\".");
        }

        var version = await reader.ReadInt32Async(cancellationToken).ConfigureAwait(false);
        if (version is not (FormatVersion or FirstFormatVersion))
        {
            throw new InvalidDataException(
                $"Unsupported model artifact format version {version}; this build reads versions {FirstFormatVersion} and {FormatVersion}.");
        }

        reader.UseChecksum(ChecksumOf(version));

        var algorithm = await reader.ReadStringAsync(cancellationToken).ConfigureAwait(false);
        var userIds = await reader.ReadStringsAsync("user ids", cancellationToken).ConfigureAwait(false);
        var itemIds = await reader.ReadStringsAsync("item ids", cancellationToken).ConfigureAwait(false);

        var history = await ArtifactMatrix.ReadAsync(reader, userIds.Length, itemIds.Length, "interactions", cancellationToken).ConfigureAwait(false);
        var popularity = new float[itemIds.Length];
        await reader.ReadArrayAsync(popularity, "popularity scores", cancellationToken).ConfigureAwait(false);
        float[]? trending = null;
        if (version >= FormatVersion)
        {
            var count = await reader.ReadInt32Async(cancellationToken).ConfigureAwait(false);
            if (count != 0 && count != itemIds.Length)
            {
                throw new InvalidDataException($"Model artifact has {count} trending scores for {itemIds.Length} items.");
            }

            if (count > 0)
            {
                trending = new float[count];
                await reader.ReadArrayAsync(trending, "trending scores", cancellationToken).ConfigureAwait(false);
            }
        }

        var payloadStart = reader.Consumed;
        IRecommender model;
        using (var payload = new BinaryReader(reader.AsStream(), Encoding.UTF8, leaveOpen: true))
        {
            model = RecommenderFormat.Read(algorithm, payload);
        }

        var payloadLength = reader.Consumed - payloadStart;
        var recordedLength = await reader.ReadInt64Async(cancellationToken).ConfigureAwait(false);
        await reader.VerifyTrailerAsync(cancellationToken).ConfigureAwait(false);
        if (recordedLength != payloadLength)
        {
            throw new InvalidDataException(
                $"Model artifact payload mismatch: the '{algorithm}' reader consumed {payloadLength} bytes, the writer wrote {recordedLength}.");
        }

        // The checksum holds, so the structure is what the writer wrote; the constructors still check shapes.
        return new ModelArtifact(userIds, itemIds, history, popularity, model) { Trending = trending };
    }
}
