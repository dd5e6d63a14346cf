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
/// bucket of training-history length.
/// </summary>
public static class SegmentBench
{
    public sealed record Result(
        SegmentSet? Segments, string Model, IReadOnlyList<SliceMetrics> BySegment, IReadOnlyList<SliceMetrics> ByBucket,
        int LightUserThreshold, double ProfileSeconds, double SegmentSeconds);

    public static Result Run(
        IReadOnlyList<InteractionEvent> events, ItemCatalog? catalog, int k, TrainingOptions training, int lightUserThreshold, CancellationToken cancellationToken)
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
        var slices = new EvaluationSlices(snapshot, segmented, segments, k, lightUserThreshold);
        var candidate = slices.Measure(tuning.Model, snapshot.Holdout, cancellationToken);
        var popularity = slices.Measure(new PopularityTrainer().Fit(snapshot.Train, cancellationToken), snapshot.Holdout, cancellationToken);
        var blended = slices.MeasureBlended(candidate, snapshot.Holdout);
        return new Result(
            segments, tuning.Chosen.Describe(), slices.SegmentSlices(candidate, popularity, blended, null),
            slices.BucketSlices(candidate, popularity, blended, null), lightUserThreshold, profileSeconds, segments?.Seconds ?? 0);
    }
}
