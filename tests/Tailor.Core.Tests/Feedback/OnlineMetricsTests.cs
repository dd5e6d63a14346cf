using Tailor.Feedback;
using Tailor.Serving;

namespace Tailor.Tests.Feedback;

public sealed class OnlineMetricsTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static readonly Impression[] s_impressions =
    [
        Served("A", "u1", ["x", "y", "z"], "v1", RecommendationStrategy.Personalized, Variants.Champion, 0),
        Served("B", "u1", ["y", "w"], "v1", RecommendationStrategy.Personalized, Variants.Champion, 120),
        Served("C", "u2", ["x", "q", "r"], "v2", RecommendationStrategy.Personalized, Variants.Challenger, 60),
        Served("D", null, ["x", "y"], "v1", RecommendationStrategy.Session, Variants.Champion, 60),
        Served("E", "u3", ["m", "n", "o"], "v2", RecommendationStrategy.Personalized, Variants.Challenger, 180),
    ];

    private static readonly FeedbackEvent[] s_events =
    [
        // u1 clicks y after both A and B: no id, so the latest serving impression, B (position 0).
        At("u1", "y", "click", 1f, 180),

        // u1 buys z (only A served it, at position 2: not a hit at k = 2).
        At("u1", "z", "purchase", 5f, 60),

        // Too late for A (24 h) and for B (26 h after t0).
        At("u1", "y", "click", 1f, 30 * 60),

        // Before C was served.
        At("u2", "x", "click", 1f, 30),

        // An anonymous session's click names its list.
        At("s9", "x", "click", 1f, 120, "D"),

        // Names C, which served q at position 1.
        At("u2", "q", "view", 0.5f, 300, "C"),

        // Names B, which did not serve x: falls back to u1's latest list with x, A (position 0).
        At("u1", "x", "click", 1f, 240, "B"),
    ];

    [Fact]
    public void Join_attributes_each_event_to_one_impression_and_matches_the_hand_computed_table()
    {
        var table = OnlineMetrics.Compute(s_impressions, s_events, s_t0, s_t0.AddDays(1), OnlineGrouping.Default, TimeSpan.FromHours(24), k: 2, catalogItems: 10);

        Assert.Equal(3, table.Rows.Count);
        var personalized = Row(table, "v1", RecommendationStrategy.Personalized, Variants.Champion);
        Assert.Equal((2L, 2L, 1L, 2L, 4), (personalized.Impressions, personalized.Clicked, personalized.Converted, personalized.Hits, personalized.DistinctItems));
        Assert.Equal(1.0, personalized.ClickThrough);
        Assert.Equal(0.5, personalized.Conversion);
        Assert.Equal(1.0, personalized.HitRate);
        Assert.Equal(0.4, personalized.Coverage!.Value, 12);
        Assert.Equal(7.0, personalized.Value, 6);

        var session = Row(table, "v1", RecommendationStrategy.Session, Variants.Champion);
        Assert.Equal((1L, 1L, 0L, 1L, 2), (session.Impressions, session.Clicked, session.Converted, session.Hits, session.DistinctItems));
        Assert.Equal(1.0, session.Value, 6);
        Assert.Equal(0.2, session.Coverage!.Value, 12);

        var challenger = Row(table, "v2", RecommendationStrategy.Personalized, Variants.Challenger);
        Assert.Equal((2L, 1L, 0L, 1L, 6), (challenger.Impressions, challenger.Clicked, challenger.Converted, challenger.Hits, challenger.DistinctItems));
        Assert.Equal(0.5, challenger.ClickThrough);
        Assert.Equal(0.5, challenger.Value, 6);
        Assert.Equal(0.6, challenger.Coverage!.Value, 12);

        // Champion A, B, D all clicked (3/3); challenger C of C, E (1/2): −0.5 ± 1.96·√(0.25/2).
        var comparison = table.Comparison!;
        Assert.Equal((3L, 2L), (comparison.ChampionImpressions, comparison.ChallengerImpressions));
        Assert.Equal(-0.5, comparison.Difference, 12);
        Assert.Equal(-0.5 - (1.959963984540054 * Math.Sqrt(0.125)), comparison.Low, 9);
        Assert.Equal(-0.5 + (1.959963984540054 * Math.Sqrt(0.125)), comparison.High, 9);
        Assert.False(comparison.Significant);
    }

    [Fact]
    public void Grouping_by_hour_splits_by_the_impressions_hour_and_leaves_the_other_keys_empty()
    {
        var table = OnlineMetrics.Compute(s_impressions, s_events, s_t0, s_t0.AddDays(1), [OnlineGrouping.Hour], TimeSpan.FromHours(24), k: 2);

        Assert.Equal(["2026-11-30T10", "2026-11-30T11", "2026-11-30T12", "2026-11-30T13"], table.Rows.Select(r => r.Period));
        var eleven = table.Rows[1];
        Assert.Equal((2L, 2L), (eleven.Impressions, eleven.Clicked));
        Assert.Null(eleven.ModelVersion);
        Assert.Null(eleven.Coverage);
        Assert.Equal(0L, table.Rows[3].Clicked);
    }

    [Fact]
    public void A_shorter_window_drops_late_events()
    {
        var table = OnlineMetrics.Compute(s_impressions, s_events, s_t0, s_t0.AddDays(1), [OnlineGrouping.Variant], TimeSpan.FromHours(1), k: 2);

        // Within an hour: B's click (60 min after B), A's purchase (60 min after A), D's click (60 min). A's x-click
        // (240 min) and C's view (240 min after C) are too late.
        var champion = Assert.Single(table.Rows, r => r.Variant == Variants.Champion);
        Assert.Equal(3L, champion.Clicked);
        Assert.Equal(5.0 + 1.0 + 1.0, champion.Value, 6);
        Assert.Equal(0L, Assert.Single(table.Rows, r => r.Variant == Variants.Challenger).Clicked);
    }

    [Fact]
    public void Comparison_interval_excludes_zero_when_the_challenger_clearly_wins()
    {
        var comparison = OnlineMetrics.Compare(1000, 100, 1000, 150)!;

        var se = Math.Sqrt((0.1 * 0.9 / 1000) + (0.15 * 0.85 / 1000));
        Assert.Equal(0.05, comparison.Difference, 12);
        Assert.Equal(0.05 - (1.959963984540054 * se), comparison.Low, 12);
        Assert.True(comparison.Significant);
        Assert.Null(OnlineMetrics.Compare(10, 1, 0, 0));
    }

    [Theory]
    [InlineData(null, "version,strategy,variant")]
    [InlineData("Day, version", "day,version")]
    [InlineData("variant,variant", "variant")]
    public void Grouping_parses_a_comma_separated_list(string? text, string expected)
    {
        Assert.Equal(expected, string.Join(',', OnlineGrouping.TryParse(text, out var error)!));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("colour")]
    [InlineData("hour,day")]
    public void Grouping_rejects_unknown_or_conflicting_columns(string text)
    {
        Assert.Null(OnlineGrouping.TryParse(text, out var error));
        Assert.NotNull(error);
    }

    private static OnlineMetricRow Row(OnlineMetricsTable table, string version, string strategy, string variant) =>
        Assert.Single(table.Rows, r => r.ModelVersion == version && r.Strategy == strategy && r.Variant == variant);

    private static Impression Served(string id, string? user, string[] items, string version, string strategy, string variant, int minutes) =>
        new(id, user, items, version, strategy, variant, ServingTelemetry.Routes.User, s_t0.AddMinutes(minutes));

    private static FeedbackEvent At(string user, string item, string type, float weight, int minutes, string? recommendationId = null) =>
        new(user, item, type, weight, s_t0.AddMinutes(minutes), recommendationId);
}
