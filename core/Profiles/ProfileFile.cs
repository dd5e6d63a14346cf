using Tailor.Formats;

namespace Tailor.Profiles;

/// <summary>The profiles artifact, written and read in one forward pass through the checksummed binary
/// container: magic <c>TLPF</c>, format version, user ids (sorted ordinal, so readers binary-search them),
/// one column per field, the favourites as offsets into item indices and weights, the item ids, since version 2
/// the <see cref="ProfileDetails"/> columns and the segment column (empty when the run made no segments), and a
/// SHA-256 trailer over everything before it. Version 1 artifacts still read (without details or segments).</summary>
public static class ProfileFile
{
    private static ReadOnlySpan<byte> Magic => "TLPF"u8;

    private const int FormatVersion = 2;

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
        await WriteDetailsAsync(writer, profiles.Details ?? EmptyDetails(profiles.Count), cancellationToken).ConfigureAwait(false);
        await writer.WriteInt32Async(profiles.Segments?.Length ?? 0, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(profiles.Segments ?? [], cancellationToken).ConfigureAwait(false);
        await writer.WriteTrailerAsync(cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteDetailsAsync(ArtifactWriter writer, ProfileDetails d, CancellationToken cancellationToken)
    {
        await writer.WriteInt64Async(d.AsOf, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringsAsync(d.EventTypes, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(d.TypeCounts, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(d.ActiveDays, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(d.HourCounts, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(d.WeekdayCounts, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(d.MeanRatings, cancellationToken).ConfigureAwait(false);
        await writer.WriteStringsAsync(d.Categories, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(d.CategoryOffsets, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(d.TopCategories, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(d.CategoryShares, cancellationToken).ConfigureAwait(false);
        await writer.WriteArrayAsync(d.CategoryEntropy, cancellationToken).ConfigureAwait(false);
    }

    private static ProfileDetails EmptyDetails(int n)
    {
        var ratings = new float[n];
        Array.Fill(ratings, float.NaN);
        return new ProfileDetails(0, [], [], new int[n], new int[n * 24], new int[n * 7], ratings, [], new int[n + 1], [], [], new float[n]);
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
        if (version is < 1 or > FormatVersion)
        {
            throw new InvalidDataException($"Unsupported profiles format version {version}; this build reads versions 1 to {FormatVersion}.");
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
        ProfileDetails? details = null;
        int[]? segments = null;
        if (version >= 2)
        {
            details = await ReadDetailsAsync(users.Length).ConfigureAwait(false);
            var segmentCount = await reader.ReadCountAsync("segments", sizeof(int), cancellationToken).ConfigureAwait(false);
            if (segmentCount != 0 && segmentCount != users.Length)
            {
                throw new InvalidDataException($"The segment column holds {segmentCount} values for {users.Length} users.");
            }

            segments = segmentCount == 0 ? null : await ReadAsync<int>(segmentCount, "segments").ConfigureAwait(false);
        }

        await reader.VerifyTrailerAsync(cancellationToken).ConfigureAwait(false);

        foreach (var item in topItems)
        {
            if ((uint)item >= (uint)items.Length)
            {
                throw new InvalidDataException($"A favourite item index ({item}) is outside the {items.Length} item ids.");
            }
        }

        try
        {
            return new ProfileSet(users, interactions, distinct, firstSeen, lastSeen, offsets, topItems, topWeights, items)
            {
                Details = details,
                Segments = segments,
            };
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The profiles artifact is inconsistent: {e.Message}", e);
        }

        async Task<ProfileDetails> ReadDetailsAsync(int n)
        {
            var asOf = await reader.ReadInt64Async(cancellationToken).ConfigureAwait(false);
            var types = await reader.ReadStringsAsync("event types", cancellationToken).ConfigureAwait(false);
            reader.CheckCount("event type counts", (long)n * types.Length, sizeof(int));
            var typeCounts = await ReadAsync<int>(n * types.Length, "event type counts").ConfigureAwait(false);
            var activeDays = await ReadAsync<int>(n, "active days").ConfigureAwait(false);
            var hours = await ReadAsync<int>(n * 24, "hour counts").ConfigureAwait(false);
            var weekdays = await ReadAsync<int>(n * 7, "weekday counts").ConfigureAwait(false);
            var ratings = await ReadAsync<float>(n, "mean ratings").ConfigureAwait(false);
            var categories = await reader.ReadStringsAsync("categories", cancellationToken).ConfigureAwait(false);
            var categoryOffsets = await ReadAsync<int>(n + 1, "category offsets").ConfigureAwait(false);
            reader.CheckCount("top categories", categoryOffsets[n], sizeof(int) + sizeof(float));
            var top = await ReadAsync<int>(categoryOffsets[n], "top categories").ConfigureAwait(false);
            var shares = await ReadAsync<float>(categoryOffsets[n], "category shares").ConfigureAwait(false);
            var entropy = await ReadAsync<float>(n, "category entropy").ConfigureAwait(false);
            try
            {
                return new ProfileDetails(asOf, types, typeCounts, activeDays, hours, weekdays, ratings, categories, categoryOffsets, top, shares, entropy);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"The profiles artifact is inconsistent: {e.Message}", e);
            }
        }

        async Task<T[]> ReadAsync<T>(int count, string what)
            where T : unmanaged
        {
            var values = new T[count];
            await reader.ReadArrayAsync(values, what, cancellationToken).ConfigureAwait(false);
            return values;
        }
    }
}
