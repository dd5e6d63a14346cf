using System.Diagnostics;
using System.Globalization;
using Tailor.Evaluation.Tuning;
using Tailor.Interactions;
using Tailor.Splits;
using Tailor.Training;
using Tailor.Training.Ease;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;
using Tailor.Training.Rerank;
using Tailor.Training.Sar;

namespace Tailor.Evaluation;

/// <summary>Runs every algorithm with its default settings, and the auto-tuned choice, on one split of one
/// dataset, recording test metrics, training time and memory.</summary>
public static class AlgorithmBenchmark
{
    /// <summary>Half-life of the decayed-popularity entry (needs timestamps).</summary>
    public static readonly TimeSpan PopularityHalfLife = TimeSpan.FromDays(30);

    public static BenchmarkReport Run(
        InteractionDataset data, SplitKind splitKind, int k, TrainingOptions training, Action<BenchmarkEntry>? progress = null, CancellationToken cancellationToken = default)
    {
        var split = Split(data, splitKind);

        var entries = new List<BenchmarkEntry>();
        void Add(BenchmarkEntry entry)
        {
            entries.Add(entry);
            progress?.Invoke(entry);
        }

        Add(Measure("popularity", new PopularityTrainer(), split.Train, split, k, new Dictionary<string, string>(), cancellationToken));
        if (split.TrainTimestamps is { Length: > 0 } times)
        {
            var now = times.Max();
            var decayed = WeightScaling.Decay(split.Train, times, PopularityHalfLife, now);
            Add(Measure("popularity (decayed 30 d)", new PopularityTrainer(sumWeights: true), decayed, split, k, new Dictionary<string, string> { ["half_life_days"] = "30" }, cancellationToken));
        }

        var sar = new SarOptions();
        Add(Measure("sar (default)", new SarTrainer(sar), split.Train, split, k, Describe(sar), cancellationToken));
        var ease = new EaseOptions(MaxItems: training.MaxEaseItems);
        Add(Measure("ease (default)", new EaseTrainer(ease), split.Train, split, k, Describe(ease), cancellationToken));
        var ials = new IalsOptions(Seed: training.Seed);
        Add(Measure("ials (default)", new IalsTrainer(ials), split.Train, split, k, Describe(ials), cancellationToken));
        var rerank = new RerankTrainer([new EaseTrainer(ease), new SarTrainer(sar)], new RerankOptions(Seed: training.Seed));
        Add(Measure("rerank (ease + sar)", rerank, split.Train, split, k, new Dictionary<string, string> { ["parts"] = "ease (default) + sar (default)" }, cancellationToken));
        Add(MeasureTuned(split, k, training, cancellationToken));

        return new BenchmarkReport(splitKind, k, data.Matrix.UserCount, data.Matrix.ItemCount, split.Train.NonZeroCount, split.Test.NonZeroCount, entries);
    }

    /// <summary>The 75/25 split of the benchmark's protocol (random: per user, seed 42).</summary>
    public static DataSplit Split(InteractionDataset data, SplitKind splitKind) => splitKind switch
    {
        SplitKind.Temporal => DataSplitter.Temporal(data.Matrix, data.Timestamps, 0.25),
        SplitKind.Cutoff => DataSplitter.TimeCutoff(data.Matrix, data.Timestamps, DataSplitter.CutoffForFraction(data.Timestamps, 0.25)),
        _ => DataSplitter.StratifiedRandom(data.Matrix, 0.25, seed: 42, data.Timestamps),
    };

    private static BenchmarkEntry Measure(
        string name, IRecommenderTrainer trainer, InteractionMatrix fitOn, DataSplit split, int k, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        IRecommender model;
        try
        {
            model = trainer.Fit(fitOn, cancellationToken);
        }
        catch (TrainingRefusedException refused)
        {
            return new BenchmarkEntry(name, trainer.Algorithm, parameters, null, watch.Elapsed.TotalSeconds, 0, GC.GetTotalAllocatedBytes() - allocated, PeakWorkingSet(), refused.Message);
        }

        var trainingSeconds = watch.Elapsed.TotalSeconds;
        var allocatedBytes = GC.GetTotalAllocatedBytes() - allocated;
        watch.Restart();
        var metrics = Evaluator.Evaluate(model, split.Train, split.Test, k, cancellationToken);
        return new BenchmarkEntry(name, model.Algorithm, parameters, metrics, trainingSeconds, watch.Elapsed.TotalSeconds, allocatedBytes, PeakWorkingSet());
    }

    private static BenchmarkEntry MeasureTuned(DataSplit split, int k, TrainingOptions training, CancellationToken cancellationToken)
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var tuning = new AutoTuner(training with { K = k }).Tune(split.Train, cancellationToken);
        var trainingSeconds = watch.Elapsed.TotalSeconds;
        var allocatedBytes = GC.GetTotalAllocatedBytes() - allocated;
        watch.Restart();
        var metrics = Evaluator.Evaluate(tuning.Model, split.Train, split.Test, k, cancellationToken);
        var note = string.Create(CultureInfo.InvariantCulture, $"{tuning.Trials.Count} trials in {tuning.TuningSeconds:F1} s, final fit {tuning.FitSeconds:F1} s");
        return new BenchmarkEntry("tuned", tuning.Model.Algorithm, tuning.FinalParameters, metrics, trainingSeconds, watch.Elapsed.TotalSeconds, allocatedBytes, PeakWorkingSet(), note);
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static Dictionary<string, string> Describe(SarOptions o) => new()
    {
        ["similarity"] = o.Similarity.ToString(),
        ["neighbours"] = o.Neighbours.ToString(CultureInfo.InvariantCulture),
        ["input"] = o.Input.ToString(),
    };

    private static Dictionary<string, string> Describe(EaseOptions o) => new()
    {
        ["lambda"] = o.Lambda.ToString(CultureInfo.InvariantCulture),
        ["input"] = o.Input.ToString(),
    };

    private static Dictionary<string, string> Describe(IalsOptions o) => new()
    {
        ["factors"] = o.Factors.ToString(CultureInfo.InvariantCulture),
        ["regularization"] = o.Regularization.ToString(CultureInfo.InvariantCulture),
        ["alpha"] = o.Alpha.ToString(CultureInfo.InvariantCulture),
        ["epochs"] = o.Epochs.ToString(CultureInfo.InvariantCulture),
        ["confidence"] = o.Confidence.ToString(),
    };
}
