using System.Diagnostics;
using System.Globalization;

namespace Tailor.Benchmarks;

/// <summary>Console mode for profiling ingestion on a loaded machine: runs one step of <see cref="IngestionBenchmarks"/>
/// or <see cref="IngestionPhaseBenchmarks"/> repeatedly on one thread and prints its wall and CPU time.
/// Usage: <c>ingest [rows] [runs] [path|parse|validate|hash|dedupe|dedupe-rows|dedupe-strings|parquet|parquet-net|index]</c>.</summary>
public static class IngestionTimer
{
    public static void Run(string[] args)
    {
        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var step = args.Length > 3 ? args[3] : "path";
        var whole = new IngestionBenchmarks { Rows = rows };
        var phases = new IngestionPhaseBenchmarks { Rows = rows };
        if (step is "path" or "parse" or "validate")
        {
            whole.Setup();
        }
        else
        {
            phases.Setup();
        }

        Func<Task<long>> work = step switch
        {
            "path" => whole.HashAndParseBatchToParquet,
            "parse" => whole.ParseBatchToParquet,
            "validate" => whole.ParseAndValidateCsv,
            "hash" => async () => await phases.ContentHash(),
            "dedupe" => () => Task.FromResult((long)phases.Dedupe()),
            "dedupe-rows" => () => Task.FromResult((long)phases.DedupeRowByRow()),
            "dedupe-strings" => () => Task.FromResult((long)phases.DedupeByStringKeys()),
            "parquet" => phases.WriteParquet,
            "parquet-net" => phases.WriteParquetWithParquetNet,
            "index" => async () => await phases.BuildUserIndex(),
            _ => throw new ArgumentException($"Unknown step '{step}'.", nameof(args)),
        };
        work().GetAwaiter().GetResult();
        for (var run = 0; run < runs; run++)
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            work().GetAwaiter().GetResult();
            var seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            Console.WriteLine($"{step} run {run}: {rows} rows in {seconds * 1000:F0} ms wall, {cpu * 1000:F0} ms CPU: {rows / seconds / 1e6:F2}M events/s of wall, {rows / cpu / 1e6:F2}M per CPU-second");
        }
    }
}
