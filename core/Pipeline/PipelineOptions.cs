using System.ComponentModel.DataAnnotations;

namespace Tailor.Pipeline;

/// <summary>Settings of the training pipeline (section <c>Tailor:Pipeline</c>).</summary>
public sealed record PipelineOptions
{
    public const string Section = "Tailor:Pipeline";

    /// <summary>Share of each user's distinct items held out for evaluation (the protocol's 25 %).</summary>
    [Range(0.05, 0.5)]
    public double HoldoutFraction { get; init; } = 0.25;

    /// <summary>Seed of the holdout split (the protocol's 42).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>How many results the offline metrics look at (the protocol's 10).</summary>
    [Range(1, 100)]
    public int MetricsAt { get; init; } = 10;

    /// <summary>A run asked for by an upload waits until no batch was processed for this long (debouncing a
    /// burst of uploads into one run); 0 trains at once.</summary>
    [Range(0, 3600)]
    public int QuietSeconds { get; init; } = 60;

    /// <summary>…but never waits longer than this after it was asked for, however steady the uploads.</summary>
    [Range(0, 86_400)]
    public int MaxDelaySeconds { get; init; } = 900;

    /// <summary>A candidate that passes the offline gate while a model serves becomes the challenger
    /// (<c>challenger.json</c>, served to the <c>Tailor:Serving:Challenger:Share</c> of users) instead of the champion;
    /// <see cref="OnlinePromotion"/> promotes it when it wins online, or drops it when it loses.</summary>
    public bool PromoteOnline { get; init; }

    /// <summary>Impressions each variant needs before the online judge decides.</summary>
    [Range(1, 100_000_000)]
    public int OnlineMinImpressions { get; init; } = 1_000;

    /// <summary>The challenger wins when the lower 95 % bound of its click-through minus the champion's exceeds this
    /// (0.01: by at least a point); it is dropped when the upper bound is below zero.</summary>
    [Range(0.0, 1.0)]
    public double OnlineMargin { get; init; }

    /// <summary>How many parallel activities the snapshot fans out to, each reading a group of consecutive processed
    /// batches into a shard blob that one reduce merges (fewer when there are fewer batches). A shard holds about
    /// 40 bytes per event it reads, so 8 shards keep each under 2 GB up to roughly 300M events.</summary>
    [Range(1, 256)]
    public int SnapshotShards { get; init; } = 8;

    /// <summary>How many parallel activities the evaluation fans out to, each scoring one range of users and writing
    /// their metric sums to a blob that one reduce combines. Each holds the snapshot and the models; the width
    /// divides the scoring time, not that memory.</summary>
    [Range(1, 256)]
    public int EvaluationShards { get; init; } = 4;
}
