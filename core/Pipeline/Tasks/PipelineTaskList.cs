using Microsoft.Extensions.DependencyInjection;

namespace Tailor.Pipeline.Tasks;

/// <summary>
/// Every durable task of the training pipeline, listed once with its name and types. The orchestration calls
/// activities through these descriptors (<see cref="PipelineActivityCalls"/>), the in-process and CLI hosts
/// register what this list enumerates, and a test holds the Functions app's trigger bindings to it.
/// </summary>
public static class PipelineTaskList
{
    /// <summary>The activities' names as constants, for attributes (<c>[Function(...)]</c>); code that is not an
    /// attribute reads a descriptor's <c>Name</c>.</summary>
    public static class Names
    {
        public const string PlanSnapshot = "PlanSnapshot";
        public const string SnapshotShard = "SnapshotShard";
        public const string Snapshot = "SnapshotInteractions";
        public const string CountInputs = "CountTrainingInputs";
        public const string Profiles = "BuildProfiles";
        public const string Train = "TrainCandidate";
        public const string Segments = "SegmentUsers";
        public const string EvaluateShard = "EvaluateShard";
        public const string Evaluate = "EvaluateCandidate";
        public const string Promote = "PromoteCandidate";
        public const string OpenRun = "OpenTrainingRun";
        public const string CloseRun = "CloseTrainingRun";
    }

    public static PipelineOrchestration<TrainingRequest, TrainingOutcome> Training { get; } =
        new(TrainingPipeline.Name, TrainingPipeline.RunAsync);

    public static PipelineActivity<TrainingRun, SnapshotPlan> PlanSnapshot { get; } =
        new(Names.PlanSnapshot, (services, run, ct) => services.GetRequiredService<SnapshotStage>().PlanAsync(run, ct));

    public static PipelineActivity<SnapshotShardRequest, SnapshotShardResult> SnapshotShard { get; } =
        new(Names.SnapshotShard, (services, request, ct) => services.GetRequiredService<SnapshotStage>().ShardAsync(request, ct));

    /// <summary>The snapshot's reduce: merges the shards into the run's snapshot.</summary>
    public static PipelineActivity<SnapshotMergeRequest, SnapshotResult> Snapshot { get; } =
        new(Names.Snapshot, (services, request, ct) => services.GetRequiredService<SnapshotStage>().MergeAsync(request, ct));

    public static PipelineActivity<TrainingRun, TrainingInputs> CountInputs { get; } =
        new(Names.CountInputs, (services, run, ct) => services.GetRequiredService<SnapshotStage>().CountInputsAsync(run, ct));

    public static PipelineActivity<SnapshotResult, ProfilesResult> Profiles { get; } =
        new(Names.Profiles, (services, snapshot, ct) => services.GetRequiredService<ProfilesStage>().RunAsync(snapshot, ct));

    public static PipelineActivity<SnapshotResult, TrainResult> Train { get; } =
        new(Names.Train, (services, snapshot, ct) => services.GetRequiredService<TrainStage>().RunAsync(snapshot, ct));

    public static PipelineActivity<SegmentRequest, ProfilesResult> Segments { get; } =
        new(Names.Segments, (services, request, ct) => services.GetRequiredService<SegmentStage>().RunAsync(request, ct));

    public static PipelineActivity<EvaluateShardRequest, EvaluateShardResult> EvaluateShard { get; } =
        new(Names.EvaluateShard, (services, request, ct) => services.GetRequiredService<EvaluateStage>().ShardAsync(request, ct));

    /// <summary>The evaluation's reduce: adds the shards' sums up into the report.</summary>
    public static PipelineActivity<EvaluateMergeRequest, EvaluateResult> Evaluate { get; } =
        new(Names.Evaluate, (services, request, ct) => services.GetRequiredService<EvaluateStage>().RunAsync(request, ct));

    public static PipelineActivity<PromoteRequest, PromoteResult> Promote { get; } =
        new(Names.Promote, (services, request, ct) => services.GetRequiredService<PromoteStage>().RunAsync(request, ct));

    public static PipelineActivity<TrainingRun, TrainingRun> OpenRun { get; } =
        new(Names.OpenRun, async (services, run, ct) =>
        {
            await services.GetRequiredService<TrainingRequests>().OpenAsync(ct).ConfigureAwait(false);
            return run;
        });

    public static PipelineActivity<SnapshotResult, RunClosing> CloseRun { get; } =
        new(Names.CloseRun, (services, snapshot, ct) => services.GetRequiredService<CloseRunStage>().RunAsync(snapshot, ct));

    /// <summary>Every activity above, in the order the orchestration first calls them.</summary>
    public static IReadOnlyList<IPipelineActivity> Activities { get; } =
        [CountInputs, OpenRun, PlanSnapshot, SnapshotShard, Snapshot, Profiles, Train, Segments, EvaluateShard, Evaluate, Promote, CloseRun];
}
