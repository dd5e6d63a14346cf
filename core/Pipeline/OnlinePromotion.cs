using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Models;

namespace Tailor.Pipeline;

/// <summary>What <see cref="OnlinePromotion.DecideAsync"/> found (an <see cref="OnlineOutcomes"/> value), for which
/// challenger, why, and the comparison it judged on.</summary>
public sealed record OnlineVerdict(string Outcome, string? Challenger, string Reason, VariantComparison? Comparison = null);

/// <summary>
/// The online judge of a challenger the pipeline chose (<see cref="ChallengerPointer"/>, with
/// <see cref="PipelineOptions.PromoteOnline"/>): once both variants have <see cref="PipelineOptions.OnlineMinImpressions"/>
/// impressions since the trial began, the challenger replaces its champion when the lower 95 % bound of its
/// click-through minus the champion's exceeds <see cref="PipelineOptions.OnlineMargin"/> (a conditional pointer
/// swap), and is dropped when the upper bound is below zero; otherwise the trial goes on. It is dropped as well when
/// the champion it was judged against no longer serves. A decision ends the trial and is recorded in the
/// challenger's report (<see cref="EvaluationReport.Online"/>). Safe to run from any number of places: every change
/// is conditional on the ETags read.
/// </summary>
public sealed partial class OnlinePromotion(
    ChallengerPointer challengers,
    ModelPointer pointer,
    ModelStore models,
    OnlineMetricsService online,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<OnlinePromotion> logger)
{
    /// <summary>When the Functions app judges (six-field NCRONTAB: every ten minutes).</summary>
    public const string Schedule = "0 */10 * * * *";

    public async Task<OnlineVerdict> DecideAsync(CancellationToken cancellationToken = default)
    {
        if (await challengers.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return new OnlineVerdict(OnlineOutcomes.None, null, "No challenger is being tried online.");
        }

        var (state, etag) = found;

        var serving = await pointer.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (serving is null || serving.Current.Version != state.Champion)
        {
            var reason = $"dropped online: its champion {state.Champion} no longer serves ({serving?.Current.Version ?? "nothing"} does).";
            return await EndAsync(state, etag, OnlineOutcomes.Dropped, reason, null, cancellationToken).ConfigureAwait(false);
        }

        var settings = options.Value;
        var now = time.GetUtcNow();
        var table = await online.ComputeAsync(state.SinceUtc, now, [OnlineGrouping.Version, OnlineGrouping.Variant], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var champion = table.Rows.FirstOrDefault(r => r.ModelVersion == state.Champion && r.Variant == Variants.Champion);
        var challenger = table.Rows.FirstOrDefault(r => r.ModelVersion == state.Version && r.Variant == Variants.Challenger);
        var comparison = OnlineMetrics.Compare(champion?.Impressions ?? 0, champion?.Clicked ?? 0, challenger?.Impressions ?? 0, challenger?.Clicked ?? 0);
        var least = Math.Min(champion?.Impressions ?? 0, challenger?.Impressions ?? 0);
        if (comparison is null || least < settings.OnlineMinImpressions)
        {
            return new OnlineVerdict(OnlineOutcomes.Undecided, state.Version, string.Create(CultureInfo.InvariantCulture,
                $"{champion?.Impressions ?? 0:N0} champion and {challenger?.Impressions ?? 0:N0} challenger impressions; each variant needs {settings.OnlineMinImpressions:N0}."),
                comparison);
        }

        var figures = Figures(comparison);
        if (comparison.Low > settings.OnlineMargin)
        {
            var reason = $"promoted online: {figures}";
            var swap = await pointer.TrySwapAsync(new CurrentModel(state.Version, now, reason), serving.ETag, cancellationToken).ConfigureAwait(false);
            return swap.Swapped
                ? await EndAsync(state, etag, OnlineOutcomes.Promoted, reason, comparison, cancellationToken).ConfigureAwait(false)
                : new OnlineVerdict(OnlineOutcomes.Undecided, state.Version, "It won, but serving changed while it was being promoted; the next check decides again.", comparison);
        }

        if (comparison.High < 0)
        {
            return await EndAsync(state, etag, OnlineOutcomes.Dropped, $"dropped online: {figures}", comparison, cancellationToken).ConfigureAwait(false);
        }

        return new OnlineVerdict(OnlineOutcomes.Undecided, state.Version, string.Create(CultureInfo.InvariantCulture,
            $"no clear winner yet: {figures}; it must win by more than {settings.OnlineMargin:+0.0%}."), comparison);
    }

    /// <summary>"ctr +x.x % [lo, hi] after N impressions": the challenger's click-through minus the champion's.</summary>
    public static string Figures(VariantComparison comparison) => string.Create(CultureInfo.InvariantCulture,
        $"ctr {comparison.Difference * 100:+0.0;-0.0} % [{comparison.Low * 100:+0.0;-0.0}, {comparison.High * 100:+0.0;-0.0}] after {comparison.ChampionImpressions + comparison.ChallengerImpressions:N0} impressions ({comparison.ChallengerClickThrough:0.0%} vs {comparison.ChampionClickThrough:0.0%})");

    private async Task<OnlineVerdict> EndAsync(
        ChallengerState state, Azure.ETag etag, string outcome, string reason, VariantComparison? comparison, CancellationToken cancellationToken)
    {
        if (!await challengers.TryDeleteAsync(etag, cancellationToken).ConfigureAwait(false) && outcome == OnlineOutcomes.Dropped)
        {
            return new OnlineVerdict(OnlineOutcomes.Undecided, state.Version, "Another challenger replaced it while it was being judged.");
        }

        if (await models.ReadReportAsync(state.Version, cancellationToken).ConfigureAwait(false) is { } report)
        {
            var decision = new OnlineDecision(outcome, state.Champion, reason, time.GetUtcNow(), comparison);
            await models.WriteReportAsync(report with { Online = decision }, cancellationToken).ConfigureAwait(false);
        }

        LogDecided(logger, state.Version, outcome, reason);
        return new OnlineVerdict(outcome, state.Version, reason, comparison);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Challenger {Version}: {Outcome}: {Reason}")]
    private static partial void LogDecided(ILogger logger, string version, string outcome, string reason);
}
