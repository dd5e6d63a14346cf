using System.Diagnostics;
using System.Globalization;
using Tailor.Evaluation;
using Tailor.Evaluation.Tuning;
using Tailor.Events;

namespace Tailor.Benchmarks;

/// <summary>Console mode that shows where the tuner's time goes: every trial with its validation NDCG and seconds,
/// then the seconds and trial count per algorithm. Usage: <c>tuning TRAIN_FILE [budget]</c>.</summary>
public static class TuningTimer
{
    public static void Run(string[] args)
    {
        var budget = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 60;
        var dataset = InteractionDataset.Build(EventFile.ReadValidAsync(args[1]).ToBlockingEnumerable());
        Console.WriteLine($"{dataset.Matrix.UserCount} users x {dataset.Matrix.ItemCount} items, {dataset.Matrix.NonZeroCount} interactions");

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var result = new AutoTuner(new TrainingOptions { BudgetSeconds = budget }).Tune(dataset.Matrix);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        foreach (var trial in result.Trials)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{trial.Seconds,7:F3} s  {trial.Validation?.Ndcg ?? double.NaN:F4}  {trial.Describe()}{(trial.Note is null ? "" : "  " + trial.Note)}"));
        }

        Console.WriteLine();
        foreach (var family in result.Trials.GroupBy(t => t.Algorithm).OrderByDescending(g => g.Sum(t => t.Seconds)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{family.Key,-12} {family.Count(),3} trials  {family.Sum(t => t.Seconds),7:F2} s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chose {result.Chosen.Describe()} (validation NDCG {result.Chosen.Validation?.Ndcg ?? 0:F4}); tuning {result.TuningSeconds:F2} s, final fit {result.FitSeconds:F2} s, CPU {cpu:F1} s"));
    }
}
