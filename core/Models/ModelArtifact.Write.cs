using Tailor.Formats;

namespace Tailor.Models;

public sealed partial class ModelArtifact
{
    /// <summary>Writes the artifact to <paramref name="destination"/> in one forward pass (the stream
    /// need not seek), ending with the checksum trailer. The destination is flushed, not closed.</summary>
    public async Task WriteAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArtifactFormat.RequireLittleEndian();
        using var writer = new ArtifactWriter(destination, ChecksumOf(FormatVersion));
        await writer.WriteBytesAsync(Magic, cancellationToken).ConfigureAwait(false);
        await writer.WriteInt32Async(FormatVersion, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringAsync(Algorithm, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringsAsync(UserIds, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringsAsync(ItemIds, cancellationToken).ConfigureAwait(false);

        await ArtifactMatrix.WriteAsync(writer, History, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(Popularity, cancellationToken).ConfigureAwait(false);
        await writer.WriteInt32Async(Trending?.Length ?? 0, cancellationToken).ConfigureAwait(false);
        if (Trending is not null)
        {
            await writer.WriteArrayAsync(Trending, cancellationToken).ConfigureAwait(false);
        }

        // IRecommender.Write is synchronous; its bytes go through the same buffer and hash.
        var payloadStart = writer.Written;
        using (var payload = new BinaryWriter(writer.AsStream(), System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Model.Write(payload);
        }

        await writer.WriteInt64Async(writer.Written - payloadStart, cancellationToken).ConfigureAwait(false);
        await writer.WriteTrailerAsync(cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
