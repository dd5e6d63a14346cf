using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tailor.Cli.Serve;
using Tailor.Evaluation;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Privacy;
using Tailor.Profiles;
using Tailor.Segments;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Cli.Tests.OperatorConsole;

/// <summary>
/// <c>tailor serve</c>'s server over isolated Azurite storage with two sample model versions (the newer one promoted)
/// and one ingested upload with a bad row, and a fresh browser page on its console that records every console error.
/// </summary>
internal sealed class ConsoleSite : IAsyncDisposable
{
    public const string FunctionKey = "console-function-key-0001";
    public const string AdminKey = "console-admin-key-00000001";
    public const string OlderVersion = "20261128-101500-0a0b0c";
    public const string Version = "20261129-041500-ab12cd";
    public const string BlobName = "console/shop.csv";

    /// <summary>Seven good rows and one without an item id (quarantined, line 9).</summary>
    private const string Csv = "user_id,item_id,event_type,timestamp\n"
        + "u1,i01,view,2026-11-20T10:00:00Z\nu1,i02,click,2026-11-20T10:01:00Z\nu2,i01,purchase,2026-11-20T11:00:00Z\n"
        + "u2,i03,view,2026-11-21T09:00:00Z\nu3,i04,view,2026-11-21T09:30:00Z\nu3,i01,add_to_cart,2026-11-21T09:31:00Z\n"
        + "u4,i05,like,2026-11-22T08:00:00Z\nu4,,view,2026-11-22T08:01:00Z\n";

    private readonly IBrowserContext _context;

    private ConsoleSite(LocalFunctionsServer server, IBrowserContext context, IPage page)
    {
        Server = server;
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Errors.Add("uncaught: " + error);
    }

    public LocalFunctionsServer Server { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions the page reported.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The console's address on the server.</summary>
    public string ConsoleUrl => new Uri(Server.BaseAddress, "console/").ToString();

    /// <summary>The serving version's segments, as a run's profiles stage would describe them.</summary>
    public static readonly SegmentSet Segments = new(
        2, SegmentSet.DaviesBouldin, [new KScore(2, 0.61)], 40, 40, 42, ["interactions"], 0.01,
        [
            new SegmentSummary("s1", "frequent Drama, evenings", 25, 0.625, 12, 9, 3, 40, 2, [new CategoryShare("Drama", 0.7)], "evenings", 0.2, [new SegmentItem("i1", 20, 0.8)]),
            new SegmentSummary("s2", "occasional Comedy", 15, 0.375, 3, 3, 1, 10, 20, [new CategoryShare("Comedy", 0.5)], "mornings", 0.4, [new SegmentItem("i2", 9, 0.6)]),
        ]);

    /// <summary>The serving version's report per segment: the candidate beats popularity in s1 and loses in s2.</summary>
    public static readonly SliceMetrics[] SegmentMetrics =
    [
        new("s1", "frequent Drama, evenings", Metrics(25, 0.412), Metrics(25, 0.305)),
        new("s2", "occasional Comedy", Metrics(15, 0.118), Metrics(15, 0.204)),
    ];

    /// <summary>Users forgotten (tombstones whose erasure is pending; the server's erasure timer does not run in
    /// these tests' minutes).</summary>
    public static readonly string[] ForgottenUserIds = ["gone-user-1", "gone-user-2"];

    private static MetricSet Metrics(int users, double ndcg) => new(10, users, 0.1, ndcg + 0.05, ndcg, 0.2, 0.4, 0.3, 0.5, 0);

    /// <summary>Starts a site over fresh storage; with <paramref name="pendingErasures"/> the <see cref="ForgottenUserIds"/>
    /// are forgotten, so their erasures are open (and no version is promoted by hand until they are done).</summary>
    public static async Task<ConsoleSite> StartAsync(AzuriteFixture azurite, ConsoleBrowser browser, ViewportSize? viewport = null, bool pendingErasures = true)
    {
        var settings = IsolatedSettings.Create(azurite.ConnectionString);
        settings["Tailor:Serve:FunctionKey"] = FunctionKey;
        settings["Tailor:Serve:AdminKey"] = AdminKey;
        await using (var services = TailorServices.Build(settings))
        {
            var storage = services.GetRequiredService<TailorStorage>();
            await storage.EnsureCreatedAsync();
            var store = services.GetRequiredService<ModelStore>();
            await SampleModel.WriteVersionAsync(store, OlderVersion, SampleModel.Artifact());
            await SampleModel.WriteVersionAsync(store, Version, SampleModel.Artifact(), report => report with { Segments = SegmentMetrics });
            var segmentStore = new SegmentStore(storage);
            await segmentStore.WriteAsync("runs/console/segments.json", Segments);
            Assert.True(await segmentStore.PublishAsync("runs/console/segments.json", Version));
            var promoter = services.GetRequiredService<ModelPromoter>();
            Assert.Equal(PromotionStatus.Promoted, (await promoter.PromoteAsync(OlderVersion, "first model")).Status);
            Assert.Equal(PromotionStatus.Promoted, (await promoter.PromoteAsync(Version, "beats the serving model")).Status);
            await storage.Events.UploadBlobAsync(BlobName, BinaryData.FromString(Csv));
            var outcome = await services.GetRequiredService<EventBatchIngestor>().IngestAsync(BlobName);
            Assert.Equal((BatchStatus.Processed, 7L, 1L), (outcome.Status, outcome.Accepted, outcome.Quarantined));
            var forgotten = services.GetRequiredService<ForgottenUsers>();
            foreach (var user in pendingErasures ? ForgottenUserIds : [])
            {
                await forgotten.ForgetAsync(user);
            }
        }

        var server = await LocalFunctionsServer.StartAsync(azurite.ConnectionString, 0, settings);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return new ConsoleSite(server, context, await context.NewPageAsync());
    }

    /// <summary>Opens the console at <paramref name="page"/> (a hash route such as <c>overview</c>) and enters keys.</summary>
    public async Task OpenAsync(string page, string? functionKey = FunctionKey, string? adminKey = null)
    {
        await Page.GotoAsync(ConsoleUrl + "#/" + page);
        if (functionKey is not null)
        {
            await EnterKeysAsync(functionKey, adminKey);
        }
    }

    public async Task EnterKeysAsync(string functionKey, string? adminKey = null)
    {
        await Page.GetByLabel("Function key").FillAsync(functionKey);
        await Page.GetByLabel("Admin key").FillAsync(adminKey ?? "");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Use keys" }).ClickAsync();
    }

    /// <summary>Waits until the page has rendered its data (or its error).</summary>
    public Task LoadedAsync() => Page.Locator("main .page:not([aria-busy])").WaitForAsync();

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleBrowser.ArtifactsDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await Server.DisposeAsync();
    }
}
