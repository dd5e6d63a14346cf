using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tailor.Feedback;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Testing;
using Tailor.Tests.Events;
using Tailor.Tests.Feedback;
using Tailor.Tests.Ingestion;

namespace Tailor.Tests.Pipeline;

/// <summary>The online judge over hand-made impressions and clicks: 100 lists per variant since the trial began.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OnlinePromotionTests(AzuriteFixture azurite)
{
    private const int PerVariant = 100;

    private static readonly TimeProvider s_clock = new FixedClock(EventTestFiles.Now);

    [Fact]
    public async Task A_challenger_that_wins_by_the_margin_becomes_champion_and_its_report_says_by_how_much()
    {
        var trial = await TrialAsync(championClicks: 10, challengerClicks: 60);

        var verdict = await trial.Judge(minImpressions: PerVariant).DecideAsync();

        Assert.True(verdict.Outcome == OnlineOutcomes.Promoted, verdict.Reason);
        Assert.StartsWith("promoted online: ctr +50.0 % [", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("after 200 impressions", verdict.Reason, StringComparison.Ordinal);
        var serving = await trial.Pointer.ReadAsync();
        Assert.Equal(("v-chall", verdict.Reason), (serving!.Current.Version, serving.Current.Reason));
        Assert.Null(await trial.Challengers.ReadAsync());
        var online = (await trial.Models.ReadReportAsync("v-chall"))!.Online!;
        Assert.Equal((OnlineOutcomes.Promoted, "v-champ", verdict.Reason), (online.Outcome, online.Champion, online.Reason));
        Assert.Equal((0.1, 0.6), (online.Comparison!.ChampionClickThrough, online.Comparison.ChallengerClickThrough));
    }

    [Fact]
    public async Task A_challenger_that_loses_clearly_is_dropped_and_the_champion_keeps_serving()
    {
        var trial = await TrialAsync(championClicks: 60, challengerClicks: 10);

        var verdict = await trial.Judge(minImpressions: PerVariant).DecideAsync();

        Assert.True(verdict.Outcome == OnlineOutcomes.Dropped, verdict.Reason);
        Assert.StartsWith("dropped online: ctr -50.0 % [", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal("v-champ", (await trial.Pointer.ReadAsync())!.Current.Version);
        Assert.Null(await trial.Challengers.ReadAsync());
        Assert.Equal(OnlineOutcomes.Dropped, (await trial.Models.ReadReportAsync("v-chall"))!.Online!.Outcome);
    }

    [Fact]
    public async Task With_too_few_impressions_or_no_clear_winner_nothing_is_decided()
    {
        var trial = await TrialAsync(championClicks: 10, challengerClicks: 60);

        var few = await trial.Judge(minImpressions: PerVariant + 1).DecideAsync();
        var close = await trial.Judge(minImpressions: PerVariant, margin: 0.5).DecideAsync();

        Assert.Equal((OnlineOutcomes.Undecided, OnlineOutcomes.Undecided), (few.Outcome, close.Outcome));
        Assert.Contains("needs 101", few.Reason, StringComparison.Ordinal);
        Assert.StartsWith("no clear winner yet", close.Reason, StringComparison.Ordinal);
        Assert.Equal("v-champ", (await trial.Pointer.ReadAsync())!.Current.Version);
        Assert.Equal("v-chall", (await trial.Challengers.ReadAsync())!.Value.State.Version);
        Assert.Null((await trial.Models.ReadReportAsync("v-chall"))!.Online);
    }

    [Fact]
    public async Task A_challenger_whose_champion_was_replaced_meanwhile_is_dropped()
    {
        var trial = await TrialAsync(championClicks: 10, challengerClicks: 60);
        await SampleModel.WriteVersionAsync(trial.Models, "v-other", SampleModel.Artifact());
        var state = await trial.Pointer.ReadAsync();
        Assert.True((await trial.Pointer.TrySwapAsync(new CurrentModel("v-other", DateTimeOffset.UtcNow, "by hand"), state!.ETag)).Swapped);

        var verdict = await trial.Judge(minImpressions: PerVariant).DecideAsync();

        Assert.Equal(OnlineOutcomes.Dropped, verdict.Outcome);
        Assert.Equal("v-other", (await trial.Pointer.ReadAsync())!.Current.Version);
        Assert.Null(await trial.Challengers.ReadAsync());
    }

    private async Task<Trial> TrialAsync(int championClicks, int challengerClicks)
    {
        var context = await IngestionContext.CreateAsync(azurite);
        var models = new ModelStore(context.Storage);
        var pointer = new ModelPointer(context.Storage);
        var challengers = new ChallengerPointer(context.Storage);
        await SampleModel.WriteVersionAsync(models, "v-champ", SampleModel.Artifact());
        await SampleModel.WriteVersionAsync(models, "v-chall", SampleModel.Artifact());
        Assert.True((await pointer.TrySwapAsync(new CurrentModel("v-champ", DateTimeOffset.UtcNow, "first"), null)).Swapped);
        // The ingestion context's clock: the events must not lie in its future.
        var since = EventTestFiles.Now.AddHours(-2);
        await challengers.WriteAsync(new ChallengerState("v-chall", "v-champ", since, "passed the offline gate"));

        var served = since.AddMinutes(10);
        var impressions = new ImpressionStore(context.Storage);
        var lists = new List<Impression>();
        var clicks = new StringBuilder("user_id,item_id,event_type,value,timestamp\n");
        var clickAt = served.AddMinutes(5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < PerVariant; i++)
        {
            lists.Add(ImpressionRecordingTests.Sample($"c{i}", served, user: $"champ-user-{i}", items: ["i1", "i2"], version: "v-champ"));
            lists.Add(ImpressionRecordingTests.Sample($"h{i}", served, user: $"chall-user-{i}", items: ["i1", "i2"], version: "v-chall", variant: Variants.Challenger));
            if (i < championClicks)
            {
                clicks.Append(CultureInfo.InvariantCulture, $"champ-user-{i},i1,click,,{clickAt}\n");
            }

            if (i < challengerClicks)
            {
                clicks.Append(CultureInfo.InvariantCulture, $"chall-user-{i},i2,click,,{clickAt}\n");
            }
        }

        await impressions.AppendAsync(lists);
        Assert.Equal(championClicks + challengerClicks, (await context.UploadAndIngestAsync("clicks.csv", clicks.ToString())).Accepted);
        var online = new OnlineMetricsService(impressions, context.Reader, Options.Create(new FeedbackOptions()), s_clock);
        return new Trial(models, pointer, challengers, online);
    }

    private sealed record Trial(ModelStore Models, ModelPointer Pointer, ChallengerPointer Challengers, OnlineMetricsService Online)
    {
        public OnlinePromotion Judge(int minImpressions, double margin = 0) => new(
            Challengers, Pointer, Models, Online,
            Options.Create(new PipelineOptions { PromoteOnline = true, OnlineMinImpressions = minImpressions, OnlineMargin = margin }),
            s_clock, NullLogger<OnlinePromotion>.Instance);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
