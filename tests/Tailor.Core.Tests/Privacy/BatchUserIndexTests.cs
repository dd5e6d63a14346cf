using Tailor.Privacy;

namespace Tailor.Tests.Privacy;

public sealed class BatchUserIndexTests
{
    [Fact]
    public void Index_holds_every_user_it_was_built_from_and_survives_its_blob_form()
    {
        var users = Enumerable.Range(0, 5_000).Select(i => $"user-{i}").ToArray();
        var index = BatchUserIndex.FromHashes([.. users.Concat(users.Take(100)).Select(BatchUserIndex.Hash)]);

        var read = BatchUserIndex.FromBytes(index.ToBytes());

        Assert.NotNull(read);
        Assert.Equal(users.Length, read.Count);
        Assert.All(users, u => Assert.True(read.MayHold(BatchUserIndex.Hash(u)), u));
        var strangers = Enumerable.Range(0, 5_000).Select(i => $"stranger-{i}").Count(u => read.MayHold(BatchUserIndex.Hash(u)));
        Assert.Equal(0, strangers);
        Assert.False(read.MayHoldAny([BatchUserIndex.Hash("stranger-1"), BatchUserIndex.Hash("stranger-2")]));
        Assert.True(read.MayHoldAny([BatchUserIndex.Hash("stranger-1"), BatchUserIndex.Hash("user-42")]));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'T', (byte)'U', (byte)'I', (byte)'1', 2, 0, 0, 0, 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'X', (byte)'U', (byte)'I', (byte)'1', 0, 0, 0, 0 })]
    public void A_blob_that_is_not_an_index_reads_as_none(byte[] bytes) =>
        Assert.Null(BatchUserIndex.FromBytes(bytes));

    [Fact]
    public void A_long_id_hashes_like_a_short_one_does()
    {
        var id = new string('x', 2_000);
        Assert.Equal(System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(id)), BatchUserIndex.Hash(id));
        Assert.Equal(System.IO.Hashing.XxHash64.HashToUInt64("u1"u8), BatchUserIndex.Hash("u1"));
    }
}
