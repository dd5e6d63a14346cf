using System.Globalization;

namespace Tailor.Pipeline;

/// <summary>The training orchestration's custom status: the stage it has started and what it knows so far
/// (counts), so a caller polling the instance (<c>tailor train</c>, <c>GET training/{id}</c>) can show it.</summary>
public sealed record TrainingProgress(string Stage, string Detail)
{
    /// <summary>The stages, in the order a run goes through them.</summary>
    public static readonly IReadOnlyList<string> Stages = ["snapshot", "profiles and training", "evaluation", "promotion"];

    /// <summary>Before the stages: waiting for uploads to go quiet (not one of <see cref="Stages"/>).</summary>
    public const string WaitingStage = "waiting";

    public static TrainingProgress Waiting(DateTime until) => new(WaitingStage, string.Create(CultureInfo.InvariantCulture,
        $"for uploads to go quiet; next check at {until:HH:mm:ss} UTC"));

    public static TrainingProgress Snapshot() => new(Stages[0], "reading processed batches");

    public static TrainingProgress Training(SnapshotResult s) => new(Stages[1], string.Create(CultureInfo.InvariantCulture,
        $"{s.Batches} batches, {s.Users} users, {s.Items} items, {s.TrainInteractions} train + {s.HoldoutInteractions} holdout interactions"));

    public static TrainingProgress Evaluation(TrainResult c) => new(Stages[2], string.Create(CultureInfo.InvariantCulture,
        $"candidate {c.Algorithm} after {c.Trials} trials ({c.TuningSeconds:0.0} s tuning, {c.FitSeconds:0.00} s fit)"));

    public static TrainingProgress Promotion(EvaluateResult e) => new(Stages[3], string.Create(CultureInfo.InvariantCulture,
        $"candidate NDCG@{e.K} {e.Candidate.Ndcg:0.0000}, popularity {e.Popularity.Ndcg:0.0000}"));
}
