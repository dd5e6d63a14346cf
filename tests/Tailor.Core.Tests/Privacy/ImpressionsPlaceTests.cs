using System.Text;
using Tailor.Feedback;
using Tailor.Privacy;
using Tailor.Testing;

namespace Tailor.Tests.Privacy;

[Collection(AzuriteCollection.Name)]
public sealed class ImpressionsPlaceTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset s_hour = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Erasing_a_user_rewrites_only_the_hours_that_served_them_and_keeps_every_other_line()
    {
        var storage = await azurite.CreateStorageAsync();
        var store = new ImpressionStore(storage);
        await store.AppendAsync(
        [
            Served("r1", "zz-gone-user-41", s_hour.AddMinutes(5)),
            Served("r2", "keep-user-7", s_hour.AddMinutes(6)),
            Served("r3", null, s_hour.AddMinutes(7)),
            Served("r4", "zz-gone-user-41", s_hour.AddHours(1).AddMinutes(1)),
            Served("r5", "keep-user-7", s_hour.AddHours(2)),
        ]);

        var (served, total) = await store.ReadForUserAsync("zz-gone-user-41", limit: 1);
        Assert.Equal(2, total);
        Assert.Equal("r1", Assert.Single(served).RecommendationId);

        var place = new ImpressionsPlace(store);
        var erased = await place.EraseAsync(new ErasureBatch(new HashSet<string>(StringComparer.Ordinal) { "zz-gone-user-41" }, s_hour));
        var again = await place.EraseAsync(new ErasureBatch(new HashSet<string>(StringComparer.Ordinal) { "zz-gone-user-41" }, s_hour));

        Assert.Equal(2, erased.Removed);
        Assert.Equal(2, erased.RemovedFor("zz-gone-user-41"));
        Assert.Equal(2, erased.BlobsChanged); // the third hour never served the user
        Assert.Equal(0, again.Removed);
        Assert.Equal(0, (await store.ReadForUserAsync("zz-gone-user-41", limit: 10)).Total);
        var left = new List<Impression>();
        await foreach (var impression in store.ReadAsync(s_hour, s_hour.AddHours(3)))
        {
            left.Add(impression);
        }

        Assert.Equal(["r2", "r3", "r5"], left.Select(i => i.RecommendationId).Order(StringComparer.Ordinal));
        await foreach (var blob in storage.Impressions.GetBlobsAsync())
        {
            var bytes = (await storage.Impressions.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            Assert.DoesNotContain("zz-gone-user-41", bytes, StringComparison.Ordinal);
        }

        // The hour's writer keeps appending to a blob the erasure rewrote.
        await store.AppendAsync([Served("r6", "keep-user-7", s_hour.AddMinutes(30))]);
        var firstHour = new List<string>();
        await foreach (var impression in store.ReadAsync(s_hour, s_hour.AddHours(1)))
        {
            firstHour.Add(impression.RecommendationId);
        }

        Assert.Equal(["r2", "r3", "r6"], firstHour.Order(StringComparer.Ordinal));
        Assert.Contains("keep-user-7", Encoding.UTF8.GetString((await storage.Impressions.GetBlobClient(ImpressionStore.HourPrefix(s_hour) + store.Instance + ".jsonl").DownloadContentAsync()).Value.Content.ToArray()), StringComparison.Ordinal);
    }

    private static Impression Served(string id, string? user, DateTimeOffset at) =>
        new(id, user, ["i1", "i2"], "v1", "personalized", Variants.Champion, "user", at);
}
