using System.Globalization;
using Tailor.Evaluation;
using Tailor.Interactions;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Snapshot;
using Tailor.Training;

namespace Tailor.Pipeline;

/// <summary>
/// How the evaluation slices a run's holdout users: by segment (the run's profiles' segment column and
/// <c>segments.json</c>) and by bucket of training-history length; and the segment blend light users get in serving,
/// with each segment's popular items counted over the training interactions only (the holdout stays unseen).
/// A run measures a range of users (one evaluation shard) into <see cref="SlicedSums"/>, which add up across shards.
/// </summary>
public sealed class EvaluationSlices
{
    /// <summary>Inclusive upper ends of the activity buckets (training interactions): 0–2, 3–9, 10–49, 50–199, 200+.</summary>
    public static readonly int[] BucketBounds = [2, 9, 49, 199];

    private readonly InteractionMatrix _train;
    private readonly int _k;
    private readonly int[] _segmentOf;
    private readonly SegmentSet? _segments;
    private readonly int[][] _segmentPopular;
    private readonly double[] _selfInformation;

    public EvaluationSlices(InteractionSnapshot snapshot, ProfileSet? profiles, SegmentSet? segments, int k, LightUserOptions lightUsers)
    {
        _train = snapshot.Train;
        _k = k;
        LightThreshold = lightUsers.LightUserThreshold;
        SegmentSlots = lightUsers.SegmentSlots;
        _segmentOf = new int[snapshot.UserIds.Length];
        Array.Fill(_segmentOf, -1);
        _segments = profiles?.Segments is null ? null : segments;
        if (_segments is not null)
        {
            for (var u = 0; u < _segmentOf.Length; u++)
            {
                var row = profiles!.RowOf(snapshot.UserIds[u]);
                _segmentOf[u] = row < 0 ? -1 : profiles.SegmentAt(row);
            }
        }

        _segmentPopular = PopularInTrain(snapshot.Train, _segmentOf, _segments?.K ?? 0, Math.Max(k * 5, 50));
        _selfInformation = MetricSums.SelfInformation(snapshot.Train);
    }

    public int LightThreshold { get; }

    public int SegmentSlots { get; }

    /// <summary>Segments sliced by (null without segments).</summary>
    public SegmentSet? Segments => _segments;

    public SlicedRun Measure(IRecommender model, InteractionMatrix holdout, CancellationToken cancellationToken) =>
        Measure(model, holdout, 0, _train.UserCount, cancellationToken);

    /// <summary>The model on the holdout users with indices in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public SlicedRun Measure(IRecommender model, InteractionMatrix holdout, int from, int to, CancellationToken cancellationToken)
    {
        var users = Array.FindAll(Splits.DataSplitter.TestUsers(_train, holdout), u => u >= from && u < to);
        var lists = Evaluator.Recommend(model, _train, users, _k, cancellationToken);
        return Slice(lists, users, holdout);
    }

    /// <summary>The candidate's lists with the segment blend for light users (null without segments), with
    /// <paramref name="slots"/> segment places (default <see cref="SegmentSlots"/>).</summary>
    public SlicedRun? MeasureBlended(SlicedRun candidate, InteractionMatrix holdout, int? slots = null)
    {
        if (_segments is null || LightThreshold == 0)
        {
            return null;
        }

        var lists = new int[candidate.Users.Length][];
        for (var i = 0; i < lists.Length; i++)
        {
            var u = candidate.Users[i];
            var s = _segmentOf[u];
            lists[i] = s < 0 || _train.CountOf(u) >= LightThreshold
                ? candidate.Lists[i]
                : SegmentBlend.Fill(candidate.Lists[i], Unseen(_segmentPopular[s], _train.ItemsOf(u)), _k, slots ?? SegmentSlots);
        }

        return Slice(lists, candidate.Users, holdout);
    }

    public IReadOnlyList<SliceMetrics> SegmentSlices(SlicedRun candidate, SlicedRun popularity, SlicedRun? blended, SlicedRun? current) =>
        SegmentSlices(_segments, Metrics(candidate)!, Metrics(popularity)!, Metrics(blended), Metrics(current));

    public IReadOnlyList<SliceMetrics> BucketSlices(SlicedRun candidate, SlicedRun popularity, SlicedRun? blended, SlicedRun? current) =>
        BucketSlices(Metrics(candidate)!, Metrics(popularity)!, Metrics(blended), Metrics(current));

    public static IReadOnlyList<SliceMetrics> SegmentSlices(
        SegmentSet? segments, SlicedMetrics candidate, SlicedMetrics popularity, SlicedMetrics? blended, SlicedMetrics? current) =>
        segments is null
            ? []
            : [.. segments.Segments.Select((s, g) => new SliceMetrics(s.SegmentId, s.Label, candidate.BySegment[g], popularity.BySegment[g])
            {
                Blended = blended?.BySegment[g],
                Current = current?.BySegment[g],
            })];

    public static IReadOnlyList<SliceMetrics> BucketSlices(SlicedMetrics candidate, SlicedMetrics popularity, SlicedMetrics? blended, SlicedMetrics? current) =>
        [.. Enumerable.Range(0, BucketBounds.Length + 1).Select(b => new SliceMetrics(
            BucketName(b), "training interactions", candidate.ByBucket[b], popularity.ByBucket[b])
        {
            Blended = blended?.ByBucket[b],
            Current = current?.ByBucket[b],
        })];

    /// <summary>A run's sums as metrics overall, per segment and per activity bucket.</summary>
    public SlicedMetrics? Metrics(SlicedRun? run) => run?.Sums.ToMetrics(_k, _train.ItemCount);

    private static string BucketName(int b)
    {
        var low = b == 0 ? 0 : BucketBounds[b - 1] + 1;
        return b < BucketBounds.Length
            ? string.Create(CultureInfo.InvariantCulture, $"{low}-{BucketBounds[b]}")
            : string.Create(CultureInfo.InvariantCulture, $"{low}+");
    }

    private SlicedRun Slice(int[][] lists, int[] users, InteractionMatrix holdout)
    {
        var sums = SlicedSums.Create(_segments?.K ?? 0, BucketBounds.Length + 1);
        for (var i = 0; i < users.Length; i++)
        {
            var u = users[i];
            var relevant = holdout.ItemsOf(u);
            sums.Overall.Add(lists[i], relevant, _k, _selfInformation);
            if (_segmentOf[u] is var s and >= 0 && s < sums.BySegment.Length)
            {
                sums.BySegment[s].Add(lists[i], relevant, _k, _selfInformation);
            }

            sums.ByBucket[Evaluator.BucketOf(_train.CountOf(u), BucketBounds)].Add(lists[i], relevant, _k, _selfInformation);
        }

        return new SlicedRun(lists, users, sums);
    }

    private static int[] Unseen(int[] popular, ReadOnlySpan<int> seen)
    {
        var result = new List<int>(popular.Length);
        foreach (var item in popular)
        {
            if (seen.BinarySearch(item) < 0)
            {
                result.Add(item);
            }
        }

        return [.. result];
    }

    /// <summary>Per segment, its items by how many of its users interacted with them in training, most first (ties: lower index).</summary>
    private static int[][] PopularInTrain(InteractionMatrix train, int[] segmentOf, int k, int count)
    {
        var items = train.ItemCount;
        var counts = new int[k * items];
        for (var u = 0; u < train.UserCount; u++)
        {
            if (segmentOf[u] is var s and >= 0)
            {
                foreach (var item in train.ItemsOf(u))
                {
                    counts[(s * items) + item]++;
                }
            }
        }

        var result = new int[k][];
        for (var s = 0; s < k; s++)
        {
            var offset = s * items;
            result[s] = [.. Enumerable.Range(0, items).Where(i => counts[offset + i] > 0)
                .OrderByDescending(i => counts[offset + i]).ThenBy(i => i).Take(count)];
        }

        return result;
    }
}

/// <summary>One model's lists on one holdout (for a range of users), with its metric sums overall, per segment and per
/// activity bucket.</summary>
public sealed record SlicedRun(int[][] Lists, int[] Users, SlicedSums Sums)
{
    /// <summary>The metrics of these users alone, overall.</summary>
    public MetricSet Overall(int k, int itemCount) => Sums.Overall.ToMetricSet(k, itemCount);
}

/// <summary>Metric sums of one model on one holdout: overall, per segment, per activity bucket. Sums of disjoint user
/// ranges add up exactly (<see cref="MetricSums"/>).</summary>
public sealed record SlicedSums(MetricSums Overall, MetricSums[] BySegment, MetricSums[] ByBucket)
{
    public static SlicedSums Create(int segments, int buckets) =>
        new(new MetricSums(), [.. Enumerable.Range(0, segments).Select(_ => new MetricSums())], [.. Enumerable.Range(0, buckets).Select(_ => new MetricSums())]);

    /// <summary>Adds another range's sums (same segments and buckets) into these.</summary>
    public void Add(SlicedSums other)
    {
        Overall.Add(other.Overall);
        for (var g = 0; g < BySegment.Length; g++)
        {
            BySegment[g].Add(other.BySegment[g]);
        }

        for (var b = 0; b < ByBucket.Length; b++)
        {
            ByBucket[b].Add(other.ByBucket[b]);
        }
    }

    public SlicedMetrics ToMetrics(int k, int itemCount) => new(
        Overall.ToMetricSet(k, itemCount),
        [.. BySegment.Select(s => s.ToMetricSet(k, itemCount))],
        [.. ByBucket.Select(s => s.ToMetricSet(k, itemCount))]);
}

/// <summary>One model's metrics on one holdout: overall, per segment, per activity bucket.</summary>
public sealed record SlicedMetrics(MetricSet Overall, MetricSet[] BySegment, MetricSet[] ByBucket);
