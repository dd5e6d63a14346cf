using Tailor.Evaluation.Tuning;
using Tailor.Interactions;
using Tailor.Training;
using Tailor.Training.Sar;

namespace Tailor.Tests.Evaluation.Tuning;

/// <summary>The tuner's half-life choice (<see cref="TrainingOptions.HalfLifeDays"/>) on data whose users change taste.</summary>
public class AutoTunerRecencyTests
{
    private const long Day = 86_400_000L;

    private static TrainingOptions Options(string halfLife) =>
        new() { BudgetSeconds = 3600, MaxTrials = 2, Algorithms = "popularity,sar", HalfLifeDays = halfLife };

    [Fact]
    public void With_auto_the_tuner_picks_a_half_life_when_users_latest_items_follow_their_recent_taste()
    {
        var (train, times) = ChangingTaste(returnsToOldTaste: false);

        var result = new AutoTuner(Options(TrainingOptions.HalfLifeAuto)).Tune(train, times, null);
        var temporal = result.Trials.Where(t => t.Note == AutoTuner.TemporalValidationNote).ToList();

        // Off and every half-life were measured on the temporal split, and the choice is the best of them, off losing.
        Assert.Equal(1 + TrainingOptions.HalfLifeChoices.Count, temporal.Count);
        Assert.NotNull(result.Recency);
        var off = temporal.Single(t => !t.Parameters.ContainsKey(TrainerCandidate.HalfLifeParameter));
        var best = temporal.MaxBy(t => t.Validation!.Ndcg)!;
        Assert.True(best.Validation!.Ndcg > off.Validation!.Ndcg, $"decay {best.Validation.Ndcg:F4} does not beat off {off.Validation.Ndcg:F4}");
        Assert.Equal(best.Parameters[TrainerCandidate.HalfLifeParameter], result.FinalParameters[TrainerCandidate.HalfLifeParameter]);
        Assert.Equal(SarRecommender.Name, result.Model.Algorithm);
        Assert.True(result.Recency.BinarizeFirst);
        Assert.Equal("Raw", result.FinalParameters["input"]);
    }

    [Fact]
    public void The_half_life_choice_is_the_same_on_every_run()
    {
        var (train, times) = ChangingTaste(returnsToOldTaste: false);

        var first = new AutoTuner(Options(TrainingOptions.HalfLifeAuto)).Tune(train, times, null);
        var again = new AutoTuner(Options(TrainingOptions.HalfLifeAuto)).Tune(train, times, null);

        Assert.Equal(first.Recency, again.Recency);
        Assert.Equal(first.Trials.Select(t => t.Validation?.Ndcg), again.Trials.Select(t => t.Validation?.Ndcg));
    }

    [Fact]
    public void With_auto_the_tuner_keeps_decay_off_when_recent_taste_does_not_predict_the_latest_items()
    {
        var (train, times) = ChangingTaste(returnsToOldTaste: true);

        var result = new AutoTuner(Options(TrainingOptions.HalfLifeAuto)).Tune(train, times, null);

        Assert.Null(result.Recency);
        Assert.False(result.FinalParameters.ContainsKey(TrainerCandidate.HalfLifeParameter));
        Assert.Equal("Binary", result.FinalParameters["input"]);
    }

    [Fact]
    public void Off_a_fixed_half_life_and_data_without_time_spread_need_no_temporal_trials()
    {
        var (train, times) = ChangingTaste(returnsToOldTaste: false);
        var untimed = new long[times.Length];

        var off = new AutoTuner(Options(TrainingOptions.HalfLifeOff)).Tune(train, times, null);
        var fixedDays = new AutoTuner(Options("30")).Tune(train, times, null);
        var flat = new AutoTuner(Options(TrainingOptions.HalfLifeAuto)).Tune(train, untimed, null);

        Assert.Null(off.Recency);
        Assert.Equal(new RecencyWeighting(30, BinarizeFirst: true), fixedDays.Recency);
        Assert.Equal("30", fixedDays.FinalParameters[TrainerCandidate.HalfLifeParameter]);
        Assert.Null(flat.Recency);
        Assert.All(new[] { off, fixedDays, flat }, r => Assert.DoesNotContain(r.Trials, t => t.Note == AutoTuner.TemporalValidationNote));
    }

    /// <summary>300 users over 60 items in six clusters of ten. Each user first (day 0–5) touches six items of an "old"
    /// cluster among 0–2, then (day 100–105) six of a "new" cluster among 3–5; the latest four are four more of the new
    /// cluster, or, with <paramref name="returnsToOldTaste"/>, four more of the old one.</summary>
    private static (InteractionMatrix Train, long[] Times) ChangingTaste(bool returnsToOldTaste)
    {
        var random = new Random(7);
        var triples = new List<(int User, int Item, float Weight)>();
        var timeOf = new Dictionary<(int, int), long>();
        const int users = 300;
        for (var u = 0; u < users; u++)
        {
            var oldCluster = random.Next(3);
            var newCluster = 3 + random.Next(3);
            var oldItems = Enumerable.Range(oldCluster * 10, 10).OrderBy(_ => random.Next()).ToArray();
            var newItems = Enumerable.Range(newCluster * 10, 10).OrderBy(_ => random.Next()).ToArray();
            void Add(int item, long time)
            {
                triples.Add((u, item, 1f));
                timeOf[(u, item)] = time;
            }

            for (var k = 0; k < 6; k++)
            {
                Add(oldItems[k], (k * Day) + u);
                Add(newItems[k], ((100 + k) * Day) + u);
            }

            for (var k = 6; k < 10; k++)
            {
                Add(returnsToOldTaste ? oldItems[k] : newItems[k], ((200 + k) * Day) + u);
            }
        }

        var matrix = InteractionMatrix.FromTriples(users, 60, [.. triples]);
        var times = new long[matrix.NonZeroCount];
        for (var u = 0; u < users; u++)
        {
            for (var k = matrix.RowOffsets[u]; k < matrix.RowOffsets[u + 1]; k++)
            {
                times[k] = timeOf[(u, matrix.Columns[k])];
            }
        }

        return (matrix, times);
    }
}
