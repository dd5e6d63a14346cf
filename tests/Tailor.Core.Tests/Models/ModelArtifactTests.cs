using Tailor.Models;
using Tailor.Streams;

namespace Tailor.Tests.Models;

public sealed class ModelArtifactTests
{
    [Theory]
    [InlineData(1, 0, 1, 0)]
    [InlineData(2, 15, 30, 3)]
    [InlineData(3, 333, 77, 9)]
    [InlineData(4, 5000, 2000, 20)]
    public async Task Artifact_round_trip_preserves_ids_history_popularity_and_scores(int seed, int users, int items, int perUser)
    {
        var original = SampleArtifacts.Random(seed, users, items, perUser);

        var read = await ModelArtifact.ReadAsync(new MemoryStream(await SampleArtifacts.ToBytesAsync(original)));

        Assert.Equal(original.Algorithm, read.Algorithm);
        Assert.Equal(original.UserIds, read.UserIds);
        Assert.Equal(original.ItemIds, read.ItemIds);
        Assert.Equal(original.History.RowOffsets, read.History.RowOffsets);
        Assert.Equal(original.History.Columns, read.History.Columns);
        Assert.Equal(original.History.Values, read.History.Values);
        Assert.Equal(original.Popularity, read.Popularity);
        var expected = new float[items];
        var actual = new float[items];
        for (var u = 0; u < users; u += Math.Max(1, users / 10))
        {
            original.Model.Score(u, original.History.ItemsOf(u), original.History.WeightsOf(u), expected);
            read.Model.Score(u, read.History.ItemsOf(u), read.History.WeightsOf(u), actual);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.6)]
    [InlineData(0.9)]
    public async Task Arrays_read_straight_into_place_are_still_hashed_and_checked_for_truncation(double at)
    {
        // 5,000 users × ~20: the history's arrays are hundreds of KB, past the reader's buffer.
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Random(4, 5000, 2000, 20));
        var cut = (int)(bytes.Length * at);

        var flipped = (byte[])bytes.Clone();
        flipped[cut] ^= 0x04;
        await Assert.ThrowsAsync<InvalidDataException>(() => ModelArtifact.ReadAsync(new TricklingStream(flipped, chunk: 100_003)));
        await Assert.ThrowsAsync<InvalidDataException>(() => ModelArtifact.ReadAsync(new TricklingStream(bytes[..cut], chunk: 100_003)));
        var read = await ModelArtifact.ReadAsync(new TricklingStream(bytes, chunk: 100_003));
        Assert.Equal(5000, read.UserIds.Length);
    }

    [Fact]
    public async Task Artifact_round_trips_the_longest_ids_in_multibyte_scripts()
    {
        string[] users = [new string('用', 128), "u", new string('ü', 128)];
        string[] items = ["😀" + new string('商', 126), "i", new string('x', 128)];
        var original = SampleArtifacts.Build(users, items, [(0, 0, 1f), (2, 2, 2f), (1, 0, 1f)]);

        var read = await ModelArtifact.ReadAsync(new MemoryStream(await SampleArtifacts.ToBytesAsync(original)));

        Assert.Equal(users, read.UserIds);
        Assert.Equal(items, read.ItemIds);
    }

    [Fact]
    public async Task Artifact_reads_from_a_forward_only_stream_that_returns_few_bytes_at_a_time()
    {
        var original = SampleArtifacts.Random(5, 200, 150, 6);
        var bytes = await SampleArtifacts.ToBytesAsync(original);

        var read = await ModelArtifact.ReadAsync(new TricklingStream(bytes, chunk: 7));

        Assert.Equal(original.UserIds, read.UserIds);
        Assert.Equal(original.History.Values, read.History.Values);
        Assert.Equal(original.Popularity, read.Popularity);
    }

    [Fact]
    public async Task Artifact_starts_with_magic_and_version_and_ends_with_an_xxh128_of_the_rest()
    {
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Small());

        Assert.Equal("TLRM"u8.ToArray(), bytes[..4]);
        Assert.Equal(ModelArtifact.FormatVersion, BitConverter.ToInt32(bytes, 4));
        Assert.Equal(System.IO.Hashing.XxHash128.Hash(bytes.AsSpan(0, bytes.Length - 16)), bytes[^16..]);
    }

    [Fact]
    public async Task Trending_scores_round_trip_and_an_artifact_without_them_reads_as_none()
    {
        var small = SampleArtifacts.Small();
        var trending = Enumerable.Range(0, small.ItemIds.Length).Select(i => (float)(i % 4) + 0.5f).ToArray();
        var withTrending = new ModelArtifact(small.UserIds, small.ItemIds, small.History, small.Popularity, small.Model) { Trending = trending };

        var read = await ModelArtifact.ReadAsync(new MemoryStream(await SampleArtifacts.ToBytesAsync(withTrending)));
        var without = await ModelArtifact.ReadAsync(new MemoryStream(await SampleArtifacts.ToBytesAsync(small)));

        Assert.Equal(trending, read.Trending);
        Assert.Null(without.Trending);
    }

    [Fact]
    public async Task A_version_1_artifact_with_no_trending_scores_and_a_sha256_trailer_still_reads()
    {
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Small());
        // Version 1 had no trending count (the int32 before the payload) and a SHA-256 trailer: drop the count,
        // stamp version 1, hash with SHA-256.
        var payloadLength = (int)BitConverter.ToInt64(bytes, bytes.Length - 16 - 8);
        var countAt = bytes.Length - 16 - 8 - payloadLength - 4;
        Assert.Equal(0, BitConverter.ToInt32(bytes, countAt));
        var body = bytes[..countAt].Concat(bytes[(countAt + 4)..^16]).ToArray();
        BitConverter.GetBytes(ModelArtifact.FirstFormatVersion).CopyTo(body, 4);
        var v1 = body.Concat(System.Security.Cryptography.SHA256.HashData(body)).ToArray();

        var read = await ModelArtifact.ReadAsync(new MemoryStream(v1));

        Assert.Equal(SampleArtifacts.Small().Popularity, read.Popularity);
        Assert.Equal(SampleArtifacts.Small().UserIds, read.UserIds);
        Assert.Null(read.Trending);

        var corrupt = (byte[])v1.Clone();
        corrupt[v1.Length / 2] ^= 0x01;
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ModelArtifact.ReadAsync(new MemoryStream(corrupt)));
        Assert.Contains("Sha256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flipped_bit_anywhere_fails_the_read_with_InvalidDataException()
    {
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Small());

        for (var at = 0; at < bytes.Length; at++)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[at] ^= 0x10;

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => ModelArtifact.ReadAsync(new MemoryStream(corrupt)));
            Assert.False(string.IsNullOrWhiteSpace(error.Message), $"no message for a flip at byte {at}");
        }
    }

    [Fact]
    public async Task A_flipped_byte_in_the_data_is_reported_as_a_checksum_mismatch()
    {
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Small());
        // The popularity scores sit just before the trending count and the payload, well inside the checksummed data.
        bytes[bytes.Length - 32 - 8 - 34] ^= 0xFF;

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ModelArtifact.ReadAsync(new MemoryStream(bytes)));

        Assert.Contains("Checksum mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_artifact_fails_with_InvalidDataException_at_every_length()
    {
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Small());

        for (var length = 0; length < bytes.Length; length++)
        {
            // Forward-only, so the reader cannot know the length up front and must notice the early end.
            await Assert.ThrowsAsync<InvalidDataException>(() => ModelArtifact.ReadAsync(new TricklingStream(bytes[..length], chunk: 64)));
            await Assert.ThrowsAsync<InvalidDataException>(() => ModelArtifact.ReadAsync(new MemoryStream(bytes[..length])));
        }
    }

    [Fact]
    public async Task A_truncated_artifact_says_it_is_truncated()
    {
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Small());

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ModelArtifact.ReadAsync(new TricklingStream(bytes[..^40], chunk: 64)));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_version_is_rejected_naming_the_version()
    {
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Small());
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), 7);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ModelArtifact.ReadAsync(new MemoryStream(bytes)));

        Assert.Contains("format version 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_artifact_is_rejected()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => ModelArtifact.ReadAsync(new MemoryStream("user,item,rating\n1,2,3\n"u8.ToArray())));

        Assert.Contains("Not a Tailor model artifact", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_after_the_trailer_is_rejected()
    {
        var bytes = await SampleArtifacts.ToBytesAsync(SampleArtifacts.Small());

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ModelArtifact.ReadAsync(new MemoryStream([.. bytes, 0])));

        Assert.Contains("after the checksum trailer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Artifact_rejects_parts_that_disagree_in_size()
    {
        var artifact = SampleArtifacts.Small();

        Assert.Throws<ArgumentException>(() => new ModelArtifact(artifact.UserIds, ["only-one"], artifact.History, artifact.Popularity, artifact.Model));
        Assert.Throws<ArgumentException>(() => new ModelArtifact(artifact.UserIds, artifact.ItemIds, artifact.History, new float[2], artifact.Model));
    }

    /// <summary>A read-only, forward-only stream that hands out at most <c>chunk</c> bytes per read.</summary>
    private sealed class TricklingStream(byte[] data, int chunk) : ForwardOnlyReadStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
