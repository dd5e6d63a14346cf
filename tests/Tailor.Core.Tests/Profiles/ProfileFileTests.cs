using Tailor.Profiles;

namespace Tailor.Tests.Profiles;

public sealed class ProfileFileTests
{
    [Fact]
    public async Task A_written_artifact_reads_back_every_users_profile_and_no_other()
    {
        var snapshot = SampleSnapshots.Random(users: 700, items: 90, seed: 3);
        var built = ProfileBuilder.Build(snapshot);
        using var stream = new MemoryStream();

        await ProfileFile.WriteAsync(stream, built);
        stream.Position = 0;
        var read = await ProfileFile.ReadAsync(stream);

        Assert.Equal(snapshot.UserIds.Length, read.Count);
        foreach (var userId in snapshot.UserIds)
        {
            var expected = built.Find(userId)!;
            var actual = read.Find(userId);
            Assert.NotNull(actual);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected), System.Text.Json.JsonSerializer.Serialize(actual));
            Assert.NotNull(actual.HourOfDay);
            Assert.InRange(actual.TopItems.Count, 1, ProfileBuilder.TopItemCount);
        }

        Assert.Null(read.Find("user-700"));
        Assert.Null(read.Find(""));
    }

    [Fact]
    public async Task A_corrupted_artifact_fails_its_checksum()
    {
        var built = ProfileBuilder.Build(SampleSnapshots.Random(users: 50, items: 20, seed: 4));
        using var stream = new MemoryStream();
        await ProfileFile.WriteAsync(stream, built);
        var bytes = stream.ToArray();
        bytes[bytes.Length / 2] ^= 0x40;

        await Assert.ThrowsAsync<InvalidDataException>(() => ProfileFile.ReadAsync(new MemoryStream(bytes)));
    }

    [Fact]
    public async Task A_truncated_artifact_is_reported_as_truncated()
    {
        var built = ProfileBuilder.Build(SampleSnapshots.Random(users: 50, items: 20, seed: 5));
        using var stream = new MemoryStream();
        await ProfileFile.WriteAsync(stream, built);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ProfileFile.ReadAsync(new MemoryStream(stream.ToArray()[..100])));

        Assert.Contains("profiles artifact", error.Message, StringComparison.Ordinal);
    }
}
