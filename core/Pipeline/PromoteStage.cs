using System.Diagnostics;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Models;
using Tailor.Profiles;
using Tailor.Segments;

namespace Tailor.Pipeline;

/// <summary>
/// Publishes the candidate's configuration, refitted on all interactions, as a new model version and points
/// serving at it — only when the candidate beats the serving model on NDCG@k over interactions neither has
/// seen, or when nothing serves yet — or, whatever the metrics, when the run is an erasure: its data leaves out users
/// whose erasure is open and whom the serving model's data may hold (reason "Erasure of N users…").
/// The pointer swap is conditional on the ETag the evaluation compared against, so a concurrent promotion is
/// never overwritten. The decision is recorded in the run's folder either way. Safe to retry: the version is
/// the run id, and a retry that finds the pointer already on it reports the promotion. With
/// <see cref="PipelineOptions.PromoteOnline"/>, a candidate that beats a serving model becomes the challenger
/// (<see cref="ChallengerPointer"/>) instead, and <see cref="OnlinePromotion"/> decides later.
/// </summary>
public sealed partial class PromoteStage(
    RunStore runs,
    StageRecords records,
    ModelStore models,
    ModelPointer pointer,
    ProfileStore profiles,
    SegmentStore segments,
    TimeProvider time,
    ILogger<PromoteStage> logger,
    OnlineMetricsService? online = null,
    IOptions<PipelineOptions>? options = null,
    ChallengerPointer? challengers = null)
{
    /// <summary>How far back the report looks for the serving model's online figures.</summary>
    public const int OnlineReportDays = 7;

    /// <summary>Decides (and publishes) once per run; a retry after the decision was recorded returns it.</summary>
    public Task<PromoteResult> RunAsync(PromoteRequest input, CancellationToken cancellationToken = default) =>
        records.RunOnceAsync(input.Snapshot.RunId, StageRecords.Stages.Promote, input, ct => PromoteAsync(input, ct), cancellationToken);

    private async Task<PromoteResult> PromoteAsync(PromoteRequest input, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var evaluation = input.Evaluation;
        var decision = Decide(evaluation);
        var erasure = await ErasesAsync(input.Snapshot, evaluation.CurrentVersion, cancellationToken).ConfigureAwait(false);
        if (erasure)
        {
            decision = ForErasure(decision, input.Snapshot.PendingErasures);
        }

        // Online promotion: a candidate that beats a serving model is tried on a share of users first.
        var challenge = decision.Promote && !erasure && challengers is not null && options?.Value.PromoteOnline == true
            ? evaluation.CurrentVersion
            : null;

        var version = input.Snapshot.RunId;
        var promoted = false;
        if (decision.Promote)
        {
            var report = new EvaluationReport(
                version, evaluation.K, evaluation.Candidate, evaluation.Popularity, evaluation.Current, evaluation.CurrentVersion, decision)
            {
                CandidateOnNew = evaluation.CandidateOnNew,
                NewInteractions = evaluation.NewInteractions,
                Segments = evaluation.Segments,
                ActivityBuckets = evaluation.ActivityBuckets,
                LightUserThreshold = evaluation.LightUserThreshold,
                CurrentOnline = await OnlineFiguresAsync(evaluation.CurrentVersion, cancellationToken).ConfigureAwait(false),
            };
            if (await models.ReadManifestAsync(version, cancellationToken).ConfigureAwait(false) is null)
            {
                var manifest = await ManifestAsync(input, version, cancellationToken).ConfigureAwait(false);
                var artifact = await runs.ReadArtifactAsync(input.Candidate.FinalBlob, cancellationToken).ConfigureAwait(false);
                // The run's profiles go into the version's folder before its manifest, so they serve together.
                await profiles.PublishAsync(RunBlobs.Profiles(input.Snapshot.RunId), version, cancellationToken).ConfigureAwait(false);
                await segments.PublishAsync(RunBlobs.Segments(input.Snapshot.RunId), version, cancellationToken).ConfigureAwait(false);
                await models.WriteVersionAsync(version, artifact, manifest, report, cancellationToken).ConfigureAwait(false);
            }

            if (challenge is not null)
            {
                var reason = $"{decision.Reason} Serving it as the challenger: it replaces {challenge} only when it wins online.";
                await challengers!.WriteAsync(new ChallengerState(version, challenge, time.GetUtcNow(), reason), cancellationToken).ConfigureAwait(false);
                var challenged = new PromoteResult(false, null, reason, watch.Elapsed.TotalSeconds) { Challenger = version };
                await runs.WriteJsonAsync(RunBlobs.Decision(input.Snapshot.RunId), challenged, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
                LogChallenger(logger, input.Snapshot.RunId, version, challenge);
                return challenged;
            }

            var expected = evaluation.CurrentETag is null ? (ETag?)null : new ETag(evaluation.CurrentETag);
            var swap = await pointer.TrySwapAsync(new CurrentModel(version, time.GetUtcNow(), decision.Reason), expected, cancellationToken).ConfigureAwait(false);
            promoted = swap.Swapped || (await pointer.ReadAsync(cancellationToken).ConfigureAwait(false))?.Current.Version == version;
            if (!promoted)
            {
                decision = new PromotionDecision(false,
                    $"{decision.Reason}; but serving changed since the evaluation (a concurrent promotion), so version {version} was written and not promoted.");
            }
        }

        if (promoted && erasure && challengers is not null)
        {
            // The challenger's data may hold the erased users too.
            await challengers.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var result = new PromoteResult(promoted, promoted ? version : null, decision.Reason, watch.Elapsed.TotalSeconds);
        await runs.WriteJsonAsync(RunBlobs.Decision(input.Snapshot.RunId), result, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);

        LogDecision(logger, input.Snapshot.RunId, promoted, decision.Reason);
        return result;
    }

    /// <summary>The serving version's online metrics over the last <see cref="OnlineReportDays"/> days, per variant.
    /// A storage failure reading them leaves them out (logged) rather than failing the promotion.</summary>
    private async Task<IReadOnlyList<OnlineMetricRow>?> OnlineFiguresAsync(string? currentVersion, CancellationToken cancellationToken)
    {
        if (online is null || currentVersion is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        try
        {
            var table = await online.ComputeAsync(now.AddDays(-OnlineReportDays), now, [OnlineGrouping.Version, OnlineGrouping.Variant],
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var rows = table.Rows.Where(r => r.ModelVersion == currentVersion).ToList();
            return rows.Count == 0 ? null : rows;
        }
        catch (RequestFailedException e)
        {
            LogOnlineFailed(logger, currentVersion, e);
            return null;
        }
    }

    /// <summary>Promote when nothing serves, or when the candidate's NDCG beats the serving model's on the
    /// holdout interactions new since the serving model's data; with none new, there is nothing to judge on.</summary>
    public static PromotionDecision Decide(EvaluateResult evaluation)
    {
        var decision = DecideOverall(evaluation);
        var losing = evaluation.Segments.Where(s => s.Candidate.Users > 0 && s.Candidate.Ndcg < s.Popularity.Ndcg).ToArray();
        return losing.Length == 0
            ? decision
            : decision with
            {
                Reason = decision.Reason + " The candidate loses to popularity in " + string.Join("; ", losing.Select(s => FormattableString.Invariant(
                    $"segment {s.Slice} ({s.Label}): NDCG@{evaluation.K} {s.Candidate.Ndcg:F4} vs {s.Popularity.Ndcg:F4}"))) + ".",
            };
    }

    private static PromotionDecision DecideOverall(EvaluateResult evaluation)
    {
        var k = evaluation.K;
        if (evaluation.Current is not { } current || evaluation.CandidateOnNew is not { } candidate)
        {
            return new PromotionDecision(true, FormattableString.Invariant(
                $"No model serves yet; candidate NDCG@{k} {evaluation.Candidate.Ndcg:F4} (popularity {evaluation.Popularity.Ndcg:F4})."));
        }

        if (evaluation.NewInteractions == 0)
        {
            return new PromotionDecision(false, FormattableString.Invariant(
                $"No held-out interactions are new since serving {evaluation.CurrentVersion}'s data, so nothing can show the candidate is better."));
        }

        var judged = FormattableString.Invariant($"on {evaluation.NewInteractions} held-out interactions new since its data");
        return candidate.Ndcg > current.Ndcg
            ? new PromotionDecision(true, FormattableString.Invariant(
                $"Candidate NDCG@{k} {candidate.Ndcg:F4} beats serving {evaluation.CurrentVersion} at {current.Ndcg:F4} {judged}."))
            : new PromotionDecision(false, FormattableString.Invariant(
                $"Candidate NDCG@{k} {candidate.Ndcg:F4} does not beat serving {evaluation.CurrentVersion} at {current.Ndcg:F4} {judged}."));
    }

    /// <summary>Whether the serving model may hold users whose erasure is open and this run's data leaves out: its
    /// data was read before the newest open tombstone (or before erasure existed).</summary>
    private async Task<bool> ErasesAsync(SnapshotResult snapshot, string? servingVersion, CancellationToken cancellationToken)
    {
        if (snapshot.PendingErasures == 0 || servingVersion is null)
        {
            return false;
        }

        var serving = await models.ReadManifestAsync(servingVersion, cancellationToken).ConfigureAwait(false);
        return serving?.ForgottenAsOf is not { } asOf || asOf < snapshot.LatestPendingErasure;
    }

    /// <summary>An erasure is promoted whatever the metrics say: serving must stop holding the users. The reason
    /// says so first, and keeps what the metrics said.</summary>
    public static PromotionDecision ForErasure(PromotionDecision decision, int users) =>
        new(true, FormattableString.Invariant($"Erasure of {users} users (promoted without the new-interactions rule); {decision.Reason}"));

    private async Task<ModelManifest> ManifestAsync(PromoteRequest input, string version, CancellationToken cancellationToken)
    {
        var trials = await runs.ReadJsonAsync<List<TrialRecord>>(input.Candidate.TrialsBlob, ModelJsonContext.Default.Options, cancellationToken).ConfigureAwait(false) ?? [];
        var s = input.Snapshot;
        var c = input.Candidate;
        var notes = new List<string> { $"Requested by: {input.Reason}" };
        notes.AddRange(trials.Where(t => t.Note is not null).Select(t => $"{t.Algorithm}: {t.Note}"));
        return new ModelManifest(
            version,
            c.Algorithm,
            c.Parameters,
            new DataSnapshotInfo(s.SnapshotBlob, s.Users, s.Items, s.TrainInteractions + s.HoldoutInteractions),
            new Dictionary<string, double>
            {
                ["tuning"] = c.TuningSeconds,
                ["candidateFit"] = c.FitSeconds,
                ["finalFit"] = c.FinalFitSeconds,
                ["evaluation"] = input.Evaluation.Seconds,
            },
            time.GetUtcNow(),
            trials,
            notes)
        {
            Catalog = s.Catalog,
            ForgottenAsOf = s.ForgottenAsOf,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: promoted={Promoted}: {Reason}")]
    private static partial void LogDecision(ILogger logger, string runId, bool promoted, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: version {Version} is the challenger of {Champion} until it wins or loses online")]
    private static partial void LogChallenger(ILogger logger, string runId, string version, string champion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Online figures of {Version} could not be read; the report leaves them out")]
    private static partial void LogOnlineFailed(ILogger logger, string version, Exception exception);
}
