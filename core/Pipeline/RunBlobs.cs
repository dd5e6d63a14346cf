namespace Tailor.Pipeline;

/// <summary>Blob names of one training run's files in the snapshots container.</summary>
public static class RunBlobs
{
    public static string Snapshot(string runId) => $"runs/{runId}/snapshot.bin";

    /// <summary>The snapshot's plan: the processed batch blobs each shard reads, as JSON arrays.</summary>
    public static string SnapshotPlan(string runId) => $"runs/{runId}/snapshot/plan.json";

    /// <summary>One snapshot shard (<c>SnapshotShardFile</c>), merged into <see cref="Snapshot"/>.</summary>
    public static string SnapshotShard(string runId, int shard) => $"runs/{runId}/snapshot/shard-{shard:D4}.bin";

    /// <summary>One evaluation shard's partial metric sums (<c>EvaluationSums</c>), combined into <see cref="Evaluation"/>.</summary>
    public static string EvaluationShard(string runId, int shard) => $"runs/{runId}/evaluation/shard-{shard:D4}.json";

    /// <summary>The merged item catalog taken with the snapshot (catalog Parquet layout).</summary>
    public static string Catalog(string runId) => $"runs/{runId}/catalog.parquet";

    public static string Candidate(string runId) => $"runs/{runId}/candidate.bin";

    public static string Final(string runId) => $"runs/{runId}/final.bin";

    public static string Trials(string runId) => $"runs/{runId}/trials.json";

    public static string Evaluation(string runId) => $"runs/{runId}/evaluation.json";

    public static string Decision(string runId) => $"runs/{runId}/decision.json";

    /// <summary>The run's profiles artifact (<c>ProfileFile</c>).</summary>
    public static string Profiles(string runId) => $"runs/{runId}/profiles.bin";

    /// <summary>The run's segment descriptions (<c>SegmentStore</c>); membership is the profiles' segment column.</summary>
    public static string Segments(string runId) => $"runs/{runId}/segments.json";

    /// <summary>Written after the profiles artifact is complete: its presence means the stage is done.</summary>
    public static string ProfilesRecord(string runId) => $"runs/{runId}/profiles.json";

    /// <summary>The folder of every blob of the run.</summary>
    public static string Folder(string runId) => $"runs/{runId}/";

    /// <summary>The prefix every run folder starts with.</summary>
    public const string RunsPrefix = "runs/";

    /// <summary>A stage's completion record (see <see cref="StageRecords"/>), written after its outputs.</summary>
    public static string StageRecord(string runId, string stage) => $"runs/{runId}/stages/{stage}.json";
}
