using Tailor.Catalog;
using Tailor.Evaluation;

namespace Tailor.Pipeline;

// The small records the training orchestration passes between activities: blob names, counts and
// metrics, never data. Data lives in blobs under the snapshots container, one folder per run.

/// <summary>Why a training run was asked for (e.g. "batch 3f2a… processed", "admin request"), and how long it
/// waits for uploads to go quiet before its snapshot: until no batch was processed for <see cref="QuietSeconds"/>,
/// but no longer than <see cref="MaxDelaySeconds"/> after <see cref="RequestedAt"/> (the first execution's start
/// when null). Zero quiet seconds (the default, and what <c>tailor train</c> asks for) trains at once.</summary>
public sealed record TrainingRequest(string Reason)
{
    public int QuietSeconds { get; init; }

    public int MaxDelaySeconds { get; init; }

    public DateTime? RequestedAt { get; init; }
}

/// <summary>Input of the snapshot stage: the run's id (its blob folder) and reason.</summary>
public sealed record TrainingRun(string RunId, string Reason);

/// <summary>How a run's snapshot fans out: <see cref="Shards"/> groups of the <see cref="Batches"/> processed batches
/// listed at planning (the groups themselves are in the plan blob, <see cref="RunBlobs.SnapshotPlan"/>), and what the
/// tombstones read at planning say (every shard leaves out at least those users).</summary>
public sealed record SnapshotPlan(string RunId, int Shards, int Batches)
{
    public int Forgotten { get; init; }

    public DateTimeOffset? ForgottenAsOf { get; init; }

    public int PendingErasures { get; init; }

    public DateTimeOffset? LatestPendingErasure { get; init; }
}

/// <summary>Input of one snapshot shard: the run and the shard's index in its plan.</summary>
public sealed record SnapshotShardRequest(string RunId, int Shard);

/// <summary>One shard's blob (<see cref="RunBlobs.SnapshotShard"/>) and what it read.</summary>
public sealed record SnapshotShardResult(string ShardBlob, int Batches, long Events, int Users);

/// <summary>Input of the snapshot's reduce: the run, its plan and its shards, in plan order.</summary>
public sealed record SnapshotMergeRequest(TrainingRun Run, SnapshotPlan Plan, IReadOnlyList<SnapshotShardResult> Shards);

/// <summary>The interaction snapshot a run trains on, with its train/holdout split.</summary>
public sealed record SnapshotResult(
    string RunId,
    string SnapshotBlob,
    int Batches,
    int Users,
    int Items,
    long TrainInteractions,
    long HoldoutInteractions)
{
    /// <summary>How many forgotten users the snapshot left out.</summary>
    public int Forgotten { get; init; }

    /// <summary>The newest tombstone the snapshot read: every user forgotten up to then is left out (see
    /// <c>ModelManifest.ForgottenAsOf</c>); null when nobody was forgotten (or before erasure existed).</summary>
    public DateTimeOffset? ForgottenAsOf { get; init; }

    /// <summary>Erasures still open when the snapshot was taken, and the newest of their tombstones: a serving model
    /// whose data predates that tombstone may hold those users, so this run is promoted as their erasure.</summary>
    public int PendingErasures { get; init; }

    /// <inheritdoc cref="PendingErasures"/>
    public DateTimeOffset? LatestPendingErasure { get; init; }

    /// <summary>The merged item catalog taken with the snapshot; null when no catalog was uploaded.</summary>
    public CatalogSnapshotInfo? Catalog { get; init; }

    /// <summary>How many user ranges the evaluation of this snapshot fans out to (the setting, at most one per user).</summary>
    public int EvaluationShards { get; init; } = 1;
}

/// <summary>What a run trains on, counted: processed batches and forgotten users. When either grew while the
/// run was going, the run continues as a new one.</summary>
public sealed record TrainingInputs(int Batches, int Forgotten)
{
    /// <summary>When the newest processed batch was recorded (null when there is none).</summary>
    public DateTimeOffset? LatestBatchAt { get; init; }
}

/// <summary>A run's final check: whether it completes, or continues as a new run (data arrived, or a request
/// came in while it ran), and why.</summary>
public sealed record RunClosing(bool ContinueAsNew, string Reason);

/// <summary>The run's profiles artifact (blob name in the snapshots container), how many users it holds, its
/// size and how long the stage took; after the segmentation stage, the segments document and how many segments it
/// holds (none: null, 0).</summary>
public sealed record ProfilesResult(string ProfilesBlob, int Users, long Bytes, double Seconds)
{
    /// <summary>Seconds spent building the profiles (before segmentation).</summary>
    public double ProfileSeconds { get; init; }

    public string? SegmentsBlob { get; init; }

    public int Segments { get; init; }

    /// <summary>Seconds spent choosing k, clustering and describing the segments.</summary>
    public double SegmentSeconds { get; init; }
}

/// <summary>The tuned configuration, fitted on the training part of the snapshot (the candidate judged on
/// the holdout) and on all of it (what is promoted when the candidate wins).</summary>
public sealed record TrainResult(
    string CandidateBlob,
    string FinalBlob,
    string Algorithm,
    IReadOnlyDictionary<string, string> Parameters,
    string TrialsBlob,
    int Trials,
    double TuningSeconds,
    double FitSeconds,
    double FinalFitSeconds);

/// <summary>Input of the segmentation stage: the run's profiles and its candidate (whose users' factors, when it
/// has them, join the profile features).</summary>
public sealed record SegmentRequest(SnapshotResult Snapshot, ProfilesResult Profiles, TrainResult Candidate);

/// <summary>Input of the evaluation stage.</summary>
public sealed record EvaluateRequest(SnapshotResult Snapshot, TrainResult Candidate);

/// <summary>Input of one evaluation shard: the evaluation, and which of its <paramref name="Shards"/> user ranges.</summary>
public sealed record EvaluateShardRequest(EvaluateRequest Request, int Shard, int Shards);

/// <summary>One evaluation shard's sums blob (<see cref="EvaluationSums"/>) and how many holdout users it scored.</summary>
public sealed record EvaluateShardResult(string SumsBlob, int Users);

/// <summary>Input of the evaluation's reduce: the evaluation and its shards, in user order.</summary>
public sealed record EvaluateMergeRequest(EvaluateRequest Request, IReadOnlyList<EvaluateShardResult> Shards);

/// <summary>Holdout metrics of the candidate and the popularity baseline; and, when a model serves, the
/// serving model and the candidate measured on the holdout interactions that are new since the serving
/// model's data (neither model has seen them), with the pointer ETag the comparison was made against.</summary>
public sealed record EvaluateResult(
    string EvaluationBlob,
    int K,
    MetricSet Candidate,
    MetricSet Popularity,
    MetricSet? Current,
    string? CurrentVersion,
    string? CurrentETag,
    double Seconds)
{
    /// <summary>The candidate on the same new-since-serving holdout as <see cref="Current"/>.</summary>
    public MetricSet? CandidateOnNew { get; init; }

    /// <summary>Holdout interactions new since the serving model's data (what the two were compared on).</summary>
    public long NewInteractions { get; init; }

    /// <summary>Metrics per user segment of the run (empty when it made none).</summary>
    public IReadOnlyList<SliceMetrics> Segments { get; init; } = [];

    /// <summary>Metrics per bucket of training-history length.</summary>
    public IReadOnlyList<SliceMetrics> ActivityBuckets { get; init; } = [];

    /// <summary>Users with fewer training interactions than this got the segment blend in <see cref="SliceMetrics.Blended"/>.</summary>
    public int LightUserThreshold { get; init; }
}

/// <summary>Input of the promotion stage.</summary>
public sealed record PromoteRequest(SnapshotResult Snapshot, TrainResult Candidate, EvaluateResult Evaluation, string Reason);

/// <summary>What the promotion stage decided, and the version it wrote when it promoted (or, with
/// <c>PromoteOnline</c>, made the <see cref="Challenger"/>).</summary>
public sealed record PromoteResult(bool Promoted, string? Version, string Decision, double Seconds)
{
    public string? Challenger { get; init; }
}

/// <summary>The orchestration's output.</summary>
public sealed record TrainingOutcome(
    string RunId,
    SnapshotResult Snapshot,
    ProfilesResult? Profiles,
    TrainResult? Candidate,
    EvaluateResult? Evaluation,
    PromoteResult Promotion);
