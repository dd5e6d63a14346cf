using Tailor.Events;
using Tailor.Snapshot;

namespace Tailor.Tests.Profiles;

/// <summary>Small seeded snapshots for profile tests: users with 1–30 events each over a few items.</summary>
internal static class SampleSnapshots
{
    public static InteractionSnapshot Random(int users, int items, int seed, string userPrefix = "user-")
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var builder = new SnapshotBuilder();
        for (var u = 0; u < users; u++)
        {
            var events = random.Next(1, 31);
            for (var e = 0; e < events; e++)
            {
                builder.Add(new InteractionEvent(
                    userPrefix + u.ToString(System.Globalization.CultureInfo.InvariantCulture), "item-" + random.Next(items),
                    "view", null, 1f + random.Next(5), start.AddMinutes(random.Next(100_000))));
            }
        }

        return builder.Build(0.25, seed: 42);
    }
}
