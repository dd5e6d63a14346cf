using System.Diagnostics;
using Tailor.Interactions;
using Tailor.Training.Ials;

namespace Tailor.Benchmarks;

/// <summary>Console mode for runs too heavy for BenchmarkDotNet: times iALS epochs with a stopwatch.
/// Usage: <c>ials20m [interactions] [epochs] [solver] [threads]</c>.</summary>
public static class IalsEpochTimer
{
    public static void Run(string[] args)
    {
        var interactions = args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000_000;
        var epochs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var solver = args.Length > 3 ? Enum.Parse<IalsSolver>(args[3], ignoreCase: true) : IalsSolver.ConjugateGradient;
        var threads = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 0;

        var clock = Stopwatch.StartNew();
        InteractionMatrix train = SyntheticInteractions.OfSize(interactions);
        Console.WriteLine($"matrix: {train.UserCount} users x {train.ItemCount} items, {train.NonZeroCount} interactions, built in {clock.Elapsed.TotalSeconds:F1} s");

        // One warm-up epoch on a small matrix so JIT tiers do not count against the measured run.
        new IalsTrainer(new IalsOptions(Epochs: 1, Solver: solver, Threads: threads)).Fit(SyntheticInteractions.OfSize(50_000));

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        clock.Restart();
        var model = new IalsTrainer(new IalsOptions(Epochs: epochs, Solver: solver, Threads: threads)).FitFactors(train);
        var elapsed = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine($"ials {solver}, 64 factors, {epochs} epochs, threads {(threads == 0 ? Environment.ProcessorCount : threads)}: {elapsed:F2} s total, {elapsed / epochs:F2} s per epoch (incl. setup); CPU {cpu:F1} s, {cpu / epochs:F2} CPU-s per epoch");
        Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MiB; model {model.UserCount}x{model.ItemCount}");
    }
}
