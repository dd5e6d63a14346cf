using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "ials20m")
{
    Tailor.Benchmarks.IalsEpochTimer.Run(args);
    return;
}

if (args.Length > 1 && args[0] == "tuning")
{
    Tailor.Benchmarks.TuningTimer.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "segments140k")
{
    Tailor.Benchmarks.SegmentTimer.Run();
    return;
}

if (args.Length > 0 && args[0] == "ingest")
{
    Tailor.Benchmarks.IngestionTimer.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "serving-p99")
{
    Tailor.Benchmarks.ServingRequestBenchmarks.RunLatency(args);
    return;
}

if (args.Length > 0 && args[0] == "serving-http")
{
    Tailor.Benchmarks.HttpServingBenchmarks.RunTimer(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Tailor.Benchmarks.IngestionBenchmarks).Assembly).Run(args);
