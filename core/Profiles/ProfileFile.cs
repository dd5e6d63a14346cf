using Tailor.Formats;

namespace Tailor.Profiles;

/// <summary>The profiles artifact, written and read in one forward pass through the checksummed binary
/// container: magic <c>TLPF</c>, format version, user ids (sorted ordinal, so readers binary-search them),
/// one column per field, the favourites as offsets into item indices and weights, the item ids, and a
/// SHA-256 trailer over everything before it.</summary>
public static class ProfileFile
{
    private static ReadOnlySpan<byte> Magic => "TLPF"u8;

    private const int FormatVersion = 1;

    public static async Task WriteAsync(Stream destination, ProfileSet profiles, CancellationToken cancellationToken = default)
    {
        ArtifactFormat.RequireLittleEndian();
        using var writer = new ArtifactWriter(destination);
        await writer.WriteBytesAsync(Magic, cancellationToken).ConfigureAwait(false);
        await writer.WriteInt32Async(FormatVersion, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringsAsync(profiles.UserIds, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringsAsync(profiles.ItemIds, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(profiles.Interactions, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(profiles.DistinctItems, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(profiles.FirstSeen, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(profiles.LastSeen, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(profiles.TopOffsets, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(profiles.TopItems, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(profiles.TopWeights, cancellationToken).ConfigureAwait(false);
        await writer.WriteTrailerAsync(cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a profiles artifact and verifies its checksum; a truncated, corrupted or foreign file
    /// throws <see cref="InvalidDataException"/>.</summary>
    public static Task<ProfileSet> ReadAsync(Stream source, CancellationToken cancellationToken = default) =>
        ArtifactReader.ReadAsync(source, "The profiles artifact", ReadCoreAsync, cancellationToken);

    private static async Task<ProfileSet> ReadCoreAsync(ArtifactReader reader, CancellationToken cancellationToken)
    {
        var magic = new byte[Magic.Length];
        await reader.ReadExactlyAsync(magic, cancellationToken).ConfigureAwait(false);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a Tailor profiles artifact (it does not start with \"TLPF\").");
        }

        var version = await reader.ReadInt32Async(cancellationToken).ConfigureAwait(false);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported profiles format version {version}; this build reads version {FormatVersion}.");
        }

        var users = await reader.ReadStringsAsync("user ids", cancellationToken).ConfigureAwait(false);
        var items = await reader.ReadStringsAsync("item ids", cancellationToken).ConfigureAwait(false);
        var interactions = await ReadAsync<int>(users.Length, "interactions").ConfigureAwait(false);
        var distinct = await ReadAsync<int>(users.Length, "distinct items").ConfigureAwait(false);
        var firstSeen = await ReadAsync<long>(users.Length, "first seen").ConfigureAwait(false);
        var lastSeen = await ReadAsync<long>(users.Length, "last seen").ConfigureAwait(false);
        var offsets = await ReadAsync<int>(users.Length + 1, "favourite offsets").ConfigureAwait(false);
        var favourites = offsets[users.Length];
        reader.CheckCount("favourites", favourites, sizeof(int) + sizeof(float));
        var topItems = await ReadAsync<int>(favourites, "favourite items").ConfigureAwait(false);
        var topWeights = await ReadAsync<float>(favourites, "favourite weights").ConfigureAwait(false);
        await reader.VerifyTrailerAsync(cancellationToken).ConfigureAwait(false);

        foreach (var item in topItems)
        {
            if ((uint)item >= (uint)items.Length)
            {
                throw new InvalidDataException($"A favourite item index ({item}) is outside the {items.Length} item ids.");
            }
        }

        return new ProfileSet(users, interactions, distinct, firstSeen, lastSeen, offsets, topItems, topWeights, items);

        async Task<T[]> ReadAsync<T>(int count, string what)
            where T : unmanaged
        {
            var values = new T[count];
            await reader.ReadArrayAsync(values, what, cancellationToken).ConfigureAwait(false);
            return values;
        }
    }
}
