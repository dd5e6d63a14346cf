using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Snapshot;
using Tailor.Training;
using Tailor.Training.Blend;
using Tailor.Training.Ials;

namespace Tailor.Pipeline;

/// <summary>
/// Segments the run's users once both its profiles and its candidate exist (<see cref="Segmenter"/>): on the profile
/// features and, when the candidate has them (implicit ALS, alone or in a blend), the users' latent factors. Writes
/// the segments as <c>segments.json</c> and the profiles again with their segment column, in the run's folder, so
/// evaluation slices by them and promotion publishes them with the model. Runs once per run and inputs.
/// </summary>
public sealed partial class SegmentStage(
    RunStore runs,
    ProfileStore profiles,
    SegmentStore segmentStore,
    StageRecords records,
    IOptions<SegmentOptions> options,
    ILogger<SegmentStage> logger)
{
    public Task<ProfilesResult> RunAsync(SegmentRequest input, CancellationToken cancellationToken = default) =>
        records.RunOnceAsync(input.Snapshot.RunId, StageRecords.Stages.Segments, input, ct => SegmentAsync(input, ct), cancellationToken);

    /// <summary>The model's users' latent factors, one row per snapshot user, or null when the model has none.</summary>
    public static UserFactors? UserFactorsOf(IRecommender model, InteractionSnapshot snapshot)
    {
        var ials = model as IalsRecommender ?? (model as BlendRecommender)?.Parts.OfType<IalsRecommender>().FirstOrDefault();
        return ials is null || ials.UserCount != snapshot.UserIds.Length
            ? null
            : new UserFactors(ials.UserFactors.ToArray(), ials.Factors, snapshot.UserIds);
    }

    private async Task<ProfilesResult> SegmentAsync(SegmentRequest input, CancellationToken cancellationToken)
    {
        var runId = input.Snapshot.RunId;
        if (!options.Value.Enabled)
        {
            return input.Profiles;
        }

        var snapshot = await runs.ReadSnapshotAsync(input.Snapshot.SnapshotBlob, cancellationToken).ConfigureAwait(false);
        var built = await profiles.ReadAsync(input.Profiles.ProfilesBlob, cancellationToken).ConfigureAwait(false);
        var candidate = await runs.ReadArtifactAsync(input.Candidate.CandidateBlob, cancellationToken).ConfigureAwait(false);
        var factors = UserFactorsOf(candidate.Model, snapshot);
        var (set, segments) = Segmenter.Segment(built, snapshot, options.Value, factors, cancellationToken);
        if (segments is null)
        {
            return input.Profiles;
        }

        var segmentsBlob = RunBlobs.Segments(runId);
        await segmentStore.WriteAsync(segmentsBlob, segments, cancellationToken).ConfigureAwait(false);
        var bytes = await profiles.WriteAsync(input.Profiles.ProfilesBlob, set, cancellationToken).ConfigureAwait(false);
        LogSegments(logger, runId, segments.K, segments.SampleUsers, factors is null ? 0 : factors.Width, segments.Seconds);
        return input.Profiles with
        {
            Bytes = bytes,
            SegmentsBlob = segmentsBlob,
            Segments = segments.K,
            SegmentSeconds = segments.Seconds,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Segments} user segments (k by Davies-Bouldin on {Sample} users; {Factors} model factors) in {Seconds:0.00} s")]
    private static partial void LogSegments(ILogger logger, string runId, int segments, int sample, int factors, double seconds);
}
