using Tailor.Catalog;
using Tailor.Events;
using Tailor.Profiles;
using Tailor.Snapshot;

namespace Tailor.Tests.Profiles;

public sealed class ProfileDetailsTests
{
    internal static CatalogItem Item(string id, params string[] categories) =>
        new(id, null, categories, [], true, null, null, new Dictionary<string, double>());

    [Fact]
    public void A_profile_counts_event_types_days_hours_weekdays_ratings_and_category_shares()
    {
        // Sunday 2026-03-01, 20:00 UTC.
        var sunday = new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero);
        var builder = new SnapshotBuilder();
        builder.Add(new InteractionEvent("ann", "m1", "rating", 4, 4f, sunday));
        builder.Add(new InteractionEvent("ann", "m2", "rating", 2, 2f, sunday.AddMinutes(30)));
        builder.Add(new InteractionEvent("ann", "m3", "view", null, 2f, sunday.AddDays(1).AddHours(-12)));
        builder.Add(new InteractionEvent("bob", "m3", "view", null, 1f, sunday.AddDays(4)));
        var catalog = ItemCatalog.From([Item("m1", "Drama"), Item("m2", "Drama", "Thriller"), Item("m3", "Comedy")]);

        var profiles = ProfileBuilder.Build(builder.Build(0.25, seed: 42), catalog);
        var ann = profiles.Find("ann")!;

        Assert.Equal(new Dictionary<string, int> { ["rating"] = 2, ["view"] = 1 }, ann.EventTypes);
        Assert.Equal(2, ann.ActiveDays); // Sunday 20:00 and 20:30, Monday 08:00
        Assert.Equal(1.5, ann.EventsPerActiveDay);
        Assert.Equal(3.0, ann.MeanRating);
        Assert.Equal(2, ann.HourOfDay![20]);
        Assert.Equal(1, ann.HourOfDay[8]);
        Assert.Equal(2, ann.DayOfWeek![0]);
        Assert.Equal(1, ann.DayOfWeek[1]);
        Assert.Equal(3.5, ann.DaysSinceLastActivity);
        Assert.Equal(0.5, ann.TenureDays);

        // Weight 8: Drama 4 + 1, Thriller 1, Comedy 2.
        Assert.Equal(["Drama", "Comedy", "Thriller"], ann.TopCategories!.Select(c => c.Category));
        Assert.Equal(0.625, ann.TopCategories![0].Share, 4);
        var entropy = -((0.625 * Math.Log2(0.625)) + (0.25 * Math.Log2(0.25)) + (0.125 * Math.Log2(0.125)));
        Assert.Equal(entropy, ann.CategoryEntropy!.Value, 3);
        var bob = profiles.Find("bob")!;
        Assert.Null(bob.MeanRating);
        Assert.Equal(0, bob!.CategoryEntropy);
    }
}
