using Tailor.Models;
using Tailor.Testing;

namespace Tailor.Tests.Models;

[Collection(AzuriteCollection.Name)]
public sealed class ModelPointerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 29, 4, 15, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pointer_is_absent_before_the_first_promotion()
    {
        var pointer = new ModelPointer(await azurite.CreateStorageAsync());

        Assert.Null(await pointer.ReadAsync());
    }

    [Fact]
    public async Task First_swap_creates_the_pointer_and_returns_its_etag()
    {
        var pointer = new ModelPointer(await azurite.CreateStorageAsync());

        var result = await pointer.TrySwapAsync(new CurrentModel("v1", s_now, "first model"), expected: null);

        Assert.True(result.Swapped);
        var state = await pointer.ReadAsync();
        Assert.Equal(new CurrentModel("v1", s_now, "first model"), state!.Current);
        Assert.Equal(result.ETag, state.ETag);
    }

    [Fact]
    public async Task Swap_expecting_no_pointer_conflicts_when_one_exists()
    {
        var pointer = new ModelPointer(await azurite.CreateStorageAsync());
        await pointer.TrySwapAsync(new CurrentModel("v1", s_now, "first"), expected: null);

        var result = await pointer.TrySwapAsync(new CurrentModel("v2", s_now, "second"), expected: null);

        Assert.Equal(PointerSwapStatus.Conflict, result.Status);
        Assert.Equal("v1", (await pointer.ReadAsync())!.Current.Version);
    }

    [Fact]
    public async Task Swap_with_a_stale_etag_conflicts_and_leaves_the_newer_promotion()
    {
        var pointer = new ModelPointer(await azurite.CreateStorageAsync());
        var first = await pointer.TrySwapAsync(new CurrentModel("v1", s_now, "first"), expected: null);
        var second = await pointer.TrySwapAsync(new CurrentModel("v2", s_now, "second"), first.ETag);

        var stale = await pointer.TrySwapAsync(new CurrentModel("v3", s_now, "late"), first.ETag);

        Assert.True(second.Swapped);
        Assert.Equal(PointerSwapStatus.Conflict, stale.Status);
        Assert.Equal("v2", (await pointer.ReadAsync())!.Current.Version);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pointer_swap_is_atomic_under_concurrent_promotion(bool pointerExists)
    {
        var storage = await azurite.CreateStorageAsync();
        var pointer = new ModelPointer(storage);
        Azure.ETag? expected = null;
        if (pointerExists)
        {
            expected = (await pointer.TrySwapAsync(new CurrentModel("v0", s_now, "initial"), null)).ETag;
        }

        // Separate pointer instances (as separate processes would have), all from the same ETag.
        const int contenders = 8;
        using var start = new ManualResetEventSlim();
        var swaps = Enumerable.Range(1, contenders).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return (Version: $"v{i}", Result: await new ModelPointer(storage).TrySwapAsync(new CurrentModel($"v{i}", s_now, "race"), expected));
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(swaps);

        var winners = results.Where(r => r.Result.Swapped).ToList();
        Assert.Single(winners);
        Assert.Equal(contenders - 1, results.Count(r => r.Result.Status == PointerSwapStatus.Conflict));
        var state = await pointer.ReadAsync();
        Assert.Equal(winners[0].Version, state!.Current.Version);
        Assert.Equal(winners[0].Result.ETag, state.ETag);
    }
}
