using System.Diagnostics;
using System.Text;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tailor.Cli.Hosting;
using Tailor.Cli.Synthetic;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Cli.Tests.Hosting;

/// <summary>`tailor train` killed mid-run (the built CLI as a child process, killed with its process tree) is
/// resumed by the next `tailor train`, which redoes at most the activity that was in flight.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TrainRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_killed_train_is_resumed_by_the_next_one_without_redoing_its_finished_snapshot_and_promotes_once()
    {
        var settings = IsolatedSettings.Create();
        settings["Tailor:Training:BudgetSeconds"] = "6"; // with 150k events the tuner spends its budget, so the train stage is in flight when the test kills the process
        settings[LocalTraining.TaskHubSetting] = "kill" + Guid.NewGuid().ToString("N")[..12];
        await using var services = CliServices.Build(azurite.ConnectionString, LogLevel.Warning, settings);
        var storage = services.GetRequiredService<TailorStorage>();
        await storage.EnsureCreatedAsync();
        using (var events = new MemoryStream())
        {
            await new SyntheticEventGenerator(new GeneratorOptions(3_000, 1_000, 150_000, Seed: 11)).WriteEventsAsync(events);
            events.Position = 0;
            await storage.Events.GetBlobClient("kill.csv").UploadAsync(events);
        }

        Assert.Equal(BatchStatus.Processed, (await services.GetRequiredService<EventBatchIngestor>().IngestAsync("kill.csv")).Status);

        var first = new TrainProcess(azurite.ConnectionString, settings);
        string runId;
        BlobProperties snapshot, record;
        try
        {
            runId = await Eventually.PollAsync(() => FindRunWithSnapshotRecordAsync(storage), TimeSpan.FromSeconds(60), "the snapshot stage record");
            snapshot = (await storage.Snapshots.GetBlobClient(RunBlobs.Snapshot(runId)).GetPropertiesAsync()).Value;
            record = (await storage.Snapshots.GetBlobClient(RunBlobs.StageRecord(runId, StageRecords.Stages.Snapshot)).GetPropertiesAsync()).Value;
            Assert.False(first.HasExited, "the first `tailor train` finished before it could be killed mid-run:\n" + first.Output);
            Assert.Null(await services.GetRequiredService<ModelPointer>().ReadAsync());
        }
        finally
        {
            await first.KillAsync();
        }

        var second = new TrainProcess(azurite.ConnectionString, settings);
        var exitCode = await second.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, $"the second `tailor train` exited {exitCode}:\n{second.Output}");
        Assert.Contains("resuming", second.Output, StringComparison.Ordinal);
        Assert.Equal(snapshot.ETag, (await storage.Snapshots.GetBlobClient(RunBlobs.Snapshot(runId)).GetPropertiesAsync()).Value.ETag);
        Assert.Equal(record.ETag, (await storage.Snapshots.GetBlobClient(RunBlobs.StageRecord(runId, StageRecords.Stages.Snapshot)).GetPropertiesAsync()).Value.ETag);
        var versions = await services.GetRequiredService<ModelStore>().ListVersionsAsync();
        Assert.Equal([runId], versions.Select(v => v.Version));
        Assert.Equal(runId, (await services.GetRequiredService<ModelPointer>().ReadAsync())?.Current.Version);
        Assert.Equal([runId], await RunsAsync(storage));
    }

    private static async Task<string?> FindRunWithSnapshotRecordAsync(TailorStorage storage)
    {
        await foreach (var blob in storage.Snapshots.GetBlobsAsync(BlobTraits.None, BlobStates.None, "runs/", CancellationToken.None))
        {
            if (blob.Name.EndsWith("/stages/" + StageRecords.Stages.Snapshot + ".json", StringComparison.Ordinal))
            {
                return blob.Name.Split('/')[1];
            }
        }

        return null;
    }

    private static async Task<List<string>> RunsAsync(TailorStorage storage)
    {
        var runs = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var blob in storage.Snapshots.GetBlobsAsync(BlobTraits.None, BlobStates.None, "runs/", CancellationToken.None))
        {
            runs.Add(blob.Name.Split('/')[1]);
        }

        return [.. runs];
    }

    /// <summary>`dotnet tailor.dll train` (the CLI built next to this test) with the test's settings as
    /// environment variables, its output collected.</summary>
    private sealed class TrainProcess
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        public TrainProcess(string connection, IReadOnlyDictionary<string, string?> settings)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tailor.dll"));
            start.ArgumentList.Add("train");
            start.ArgumentList.Add("--timeout-minutes");
            start.ArgumentList.Add("2");
            start.Environment["Tailor__Storage__ConnectionString"] = connection;
            foreach (var (key, value) in settings)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet tailor.dll.");
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async Task KillAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        public async Task<int> WaitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cts.Token);
                return _process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
                throw new TimeoutException($"`tailor train` did not finish within {timeout.TotalSeconds:0} s:\n{Output}");
            }
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
