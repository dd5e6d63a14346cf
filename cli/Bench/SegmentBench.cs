using System.Diagnostics;
using Tailor.Catalog;
using Tailor.Evaluation;
using Tailor.Evaluation.Tuning;
using Tailor.Events;
using Tailor.Pipeline;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Snapshot;
using Tailor.Training.Popularity;

namespace Tailor.Cli.Bench;

/// <summary>
/// The pipeline's per-segment evaluation on one event file, as the training run does it: a snapshot with the
/// protocol's split (per-user stratified 75/25, seed 42), profiles (with the catalog when given), segments, the
/// auto-tuned candidate, then candidate, popularity and candidate + light-user segment blend per segment and per
/// bucket of training-history length; and the blend with each of <see cref="SlotChoices"/> segment places, on
/// the lightest bucket and overall, to choose <c>Tailor:Serving:SegmentSlots</c> by.
/// </summary>
public static class SegmentBench
{
    public sealed record Result(
        SegmentSet? Segments, string Model, IReadOnlyList<SliceMetrics> BySegment, IReadOnlyList<SliceMetrics> ByBucket,
        int LightUserThreshold, double ProfileSeconds, double SegmentSeconds)
    {
        public IReadOnlyList<BlendChoice> BlendChoices { get; init; } = [];
    }

    /// <summary>NDCG of the lightest bucket and of all users, with the blend at <paramref name="Slots"/> segment places
    /// (0: the model alone).</summary>
    public sealed record BlendChoice(int Slots, int LightUsers, double LightNdcg, double AllNdcg);

    public static readonly int[] SlotChoices = [1, 2, 3, 5];

    /// <summary>The light-user threshold the bench measures the blend at (serving's default is off).</summary>
    public const int LightUserThreshold = 3;

    public static Result Run(
        IReadOnlyList<InteractionEvent> events, ItemCatalog? catalog, int k, TrainingOptions training, LightUserOptions lightUsers, CancellationToken cancellationToken)
    {
        var builder = new SnapshotBuilder();
        foreach (var e in events)
        {
            builder.Add(e);
        }

        var snapshot = builder.Build(0.25, seed: 42);
        var watch = Stopwatch.StartNew();
        var profiles = ProfileBuilder.Build(snapshot, catalog);
        var profileSeconds = watch.Elapsed.TotalSeconds;
        var tuning = new AutoTuner(training).Tune(snapshot.Train, cancellationToken);
        var (segmented, segments) = Segmenter.Segment(
            profiles, snapshot, new SegmentOptions(), SegmentStage.UserFactorsOf(tuning.Model, snapshot), cancellationToken);
        var slices = new EvaluationSlices(snapshot, segmented, segments, k, lightUsers);
        var candidate = slices.Measure(tuning.Model, snapshot.Holdout, cancellationToken);
        var popularity = slices.Measure(new PopularityTrainer().Fit(snapshot.Train, cancellationToken), snapshot.Holdout, cancellationToken);
        var blended = slices.MeasureBlended(candidate, snapshot.Holdout);
        var alone = slices.Metrics(candidate)!;
        var choices = new List<BlendChoice> { new(0, alone.ByBucket[0].Users, alone.ByBucket[0].Ndcg, alone.Overall.Ndcg) };
        foreach (var slots in SlotChoices)
        {
            if (slices.Metrics(slices.MeasureBlended(candidate, snapshot.Holdout, slots)) is { } run)
            {
                choices.Add(new BlendChoice(slots, run.ByBucket[0].Users, run.ByBucket[0].Ndcg, run.Overall.Ndcg));
            }
        }

        return new Result(
            segments, tuning.Chosen.Describe(), slices.SegmentSlices(candidate, popularity, blended, null),
            slices.BucketSlices(candidate, popularity, blended, null), lightUsers.LightUserThreshold, profileSeconds, segments?.Seconds ?? 0)
        {
            BlendChoices = choices,
        };
    }

    /// <summary>The blend choices as a Markdown table.</summary>
    public static string BlendMarkdown(Result result, int k)
    {
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"| segment places | light users (< {result.LightUserThreshold}) | light NDCG@{k} | all NDCG@{k} |\n|---|---|---|---|\n");
        foreach (var c in result.BlendChoices)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"| {(c.Slots == 0 ? "off" : c.Slots.ToString(System.Globalization.CultureInfo.InvariantCulture))} | {c.LightUsers} | {c.LightNdcg:F4} | {c.AllNdcg:F4} |\n");
        }

        return text.ToString();
    }
}
