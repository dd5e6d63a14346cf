using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Tailor.Pipeline;

/// <summary>
/// Makes a run's stages idempotent. <see cref="RunOnceAsync"/> returns the result a stage recorded for the same
/// run and the same inputs, or runs the stage and records its result after the stage has written all of its
/// outputs. An activity retried after a crash, or re-delivered to a restarted worker, therefore finds its
/// finished work instead of redoing it; only the activity that was in flight when a process died runs again.
/// </summary>
public sealed partial class StageRecords(RunStore runs, TimeProvider time, ILogger<StageRecords> logger)
{
    /// <summary>Stage names, one record each per run.</summary>
    public static class Stages
    {
        public const string Snapshot = "snapshot";
        public const string SnapshotPlan = "snapshot-plan";
        public const string Evaluate = "evaluate";
        public const string Profiles = "profiles";
        public const string Train = "train";
        public const string Segments = "segments";
        public const string Promote = "promote";

        /// <summary>One record per snapshot shard.</summary>
        public static string SnapshotShard(int shard) => $"snapshot-shard-{shard:D4}";

        /// <summary>One record per evaluation shard.</summary>
        public static string EvaluateShard(int shard) => $"evaluate-shard-{shard:D4}";
    }

    public async Task<TResult> RunOnceAsync<TInput, TResult>(
        string runId, string stage, TInput input, Func<CancellationToken, Task<TResult>> run, CancellationToken cancellationToken)
    {
        var inputs = Fingerprint(input);
        if (await FindCompletedAsync<TResult>(runId, stage, inputs, cancellationToken).ConfigureAwait(false) is { } found)
        {
            LogReused(logger, runId, stage, found.CompletedAt);
            return found.Result;
        }

        var result = await run(cancellationToken).ConfigureAwait(false);

        // A second execution of the same activity (a work item handed out again on a saturated machine) may have
        // finished first: its record stands, and this one's result, from the same inputs, is not written over it.
        if (await FindCompletedAsync<TResult>(runId, stage, inputs, cancellationToken).ConfigureAwait(false) is { } finished)
        {
            LogReused(logger, runId, stage, finished.CompletedAt);
            return finished.Result;
        }

        var record = new StageRecord<TResult>(stage, runId, inputs, time.GetUtcNow(), result);
        await runs.WriteJsonAsync(RunBlobs.StageRecord(runId, stage), record, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The stage's record in the run's folder, or null when the stage has not completed there.</summary>
    public Task<StageRecord<TResult>?> FindAsync<TResult>(string runId, string stage, CancellationToken cancellationToken) =>
        runs.ReadJsonIfExistsAsync<StageRecord<TResult>>(RunBlobs.StageRecord(runId, stage), JsonSerializerOptions.Web, cancellationToken);

    /// <summary>The stage's result when it has completed for <paramref name="input"/> already (null otherwise): what a
    /// stage checks before writing an output blob another execution of it may have written.</summary>
    public async Task<TResult?> CompletedAsync<TInput, TResult>(string runId, string stage, TInput input, CancellationToken cancellationToken)
        where TResult : class =>
        (await FindCompletedAsync<TResult>(runId, stage, Fingerprint(input), cancellationToken).ConfigureAwait(false))?.Result;

    /// <summary>The stage's record when it completed for inputs with this fingerprint, else null.</summary>
    private async Task<StageRecord<TResult>?> FindCompletedAsync<TResult>(string runId, string stage, string inputs, CancellationToken cancellationToken) =>
        await FindAsync<TResult>(runId, stage, cancellationToken).ConfigureAwait(false) is { } found && found.Inputs == inputs ? found : null;

    /// <summary>SHA-256 of the input record's JSON: the same inputs give the same fingerprint.</summary>
    public static string Fingerprint<TInput>(TInput input) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(input, JsonSerializerOptions.Web)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: stage {Stage} already completed at {CompletedAt}; reused its outputs")]
    private static partial void LogReused(ILogger logger, string runId, string stage, DateTimeOffset completedAt);
}
