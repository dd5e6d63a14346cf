using System.Globalization;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Tailor.Cli.Serve;
using Tailor.Segments;
using Tailor.Testing;
using Xunit.Abstractions;

namespace Tailor.Cli.Tests.OperatorConsole;

/// <summary>The operator console in a real headless Chromium against <c>tailor serve</c>'s server on Azurite with a
/// promoted model: every page loads without console errors and shows what the API holds; promotion needs the admin
/// key; a bad key says so. Screenshots of every page go to the test output's <c>console-screenshots</c> folder.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsolePageTests(AzuriteFixture azurite, ConsoleBrowser browser, ITestOutputHelper output) : IClassFixture<ConsoleBrowser>
{

    [Theory]
    [InlineData("overview", "Serving model")]
    [InlineData("uploads", "Batches")]
    [InlineData("models", "Versions")]
    [InlineData("segments", "Segments")]
    [InlineData("explore", "Look up")]
    [InlineData("online", "Online metrics")]
    public async Task Each_page_loads_without_console_errors(string page, string section)
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);

        await site.OpenAsync(page);
        await site.LoadedAsync();

        await Assertions.Expect(site.Page.GetByRole(AriaRole.Heading, new() { Name = section, Exact = true, Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(site.Page.Locator("main .msg.error")).ToHaveCountAsync(0);
        await site.ScreenshotAsync(page);
        // The sample versions have no segments: GET segments answers a 404 problem the page explains (the browser logs it).
        var errors = site.Errors.Where(e => !(page == "segments" && e.Contains("status of 404", StringComparison.Ordinal))).ToList();
        Assert.Empty(errors);
    }

    /// <summary>axe-core's WCAG 2 A/AA rules (labels, names, contrast, landmarks, ARIA) on every page, the promotion
    /// dialog open on the models page.</summary>
    [Fact]
    public async Task Every_page_passes_the_axe_accessibility_rules()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);
        var options = new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21aa"] },
        };
        var violations = new List<string>();

        foreach (var page in new[] { "overview", "uploads", "models", "segments", "explore/user/u7", "online" })
        {
            await site.OpenAsync(page);
            await site.LoadedAsync();
            if (page == "models")
            {
                await site.Page.GetByRole(AriaRole.Button, new() { Name = "Roll back…" }).ClickAsync();
            }

            var result = await site.Page.RunAxe(options);
            violations.AddRange(result.Violations.Select(v => $"{page}: {v.Id} ({v.Impact}) on {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        }

        Assert.Empty(violations);
    }

    [Fact]
    public async Task Segments_page_shows_the_serving_models_segments()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);

        await site.OpenAsync("segments");
        await site.LoadedAsync();

        var main = site.Page.Locator("main");
        foreach (var segment in ConsoleSite.Segments.Segments)
        {
            await Assertions.Expect(main).ToContainTextAsync(segment.Label);
        }

        await Assertions.Expect(main).ToContainTextAsync(SegmentSet.DaviesBouldin);
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Online_page_counts_the_lists_the_api_served()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);
        using var http = new HttpClient { BaseAddress = site.Server.BaseAddress };
        http.DefaultRequestHeaders.Add("x-functions-key", ConsoleSite.FunctionKey);
        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync("recommendations/u7?count=3")).EnsureSuccessStatusCode();
        }

        // Impressions are flushed in the background within about a second: reload until the page counts them.
        var main = site.Page.Locator("main");
        await Eventually.PollAsync(async () =>
        {
            await site.OpenAsync("online");
            await site.LoadedAsync();
            var text = await main.InnerTextAsync();
            return text.Contains(ConsoleSite.Version, StringComparison.Ordinal) ? text : null;
        }, TimeSpan.FromSeconds(30), "the online page lists the served version");

        await Assertions.Expect(main.GetByRole(AriaRole.Row).Filter(new() { HasText = ConsoleSite.Version })).ToContainTextAsync("3");
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Overview_shows_the_serving_version_the_last_runs_and_the_ingested_rows()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);

        await site.OpenAsync("overview");
        await site.LoadedAsync();

        await Assertions.Expect(site.Page.GetByTestId("serving-version")).ToHaveTextAsync(ConsoleSite.Version);
        var runs = site.Page.GetByRole(AriaRole.Region, new() { Name = "Last training runs", Exact = true });
        await Assertions.Expect(runs.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Assertions.Expect(runs).ToContainTextAsync(ConsoleSite.OlderVersion);
        await Assertions.Expect(site.Page.Locator(".chart .plot")).ToHaveAttributeAsync("aria-label", "7 rows accepted and 1 quarantined across 1 uploads.");
        await Assertions.Expect(site.Page.GetByRole(AriaRole.Region, new() { Name = "Uploads per hour", Exact = true }).GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("71");
        await Assertions.Expect(site.Page.Locator(".chart canvas")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Overview_alerts_the_pending_erasures_once_the_admin_key_is_entered()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);
        using var http = new HttpClient { BaseAddress = site.Server.BaseAddress };
        http.DefaultRequestHeaders.Add(FunctionKeys.HeaderName, ConsoleSite.AdminKey);
        using var listed = JsonDocument.Parse(await http.GetStringAsync("erasures?state=open"));
        var oldest = listed.RootElement.GetProperty("oldestForgottenAt").GetDateTimeOffset().UtcDateTime;

        await site.OpenAsync("overview");
        await site.LoadedAsync();
        var alerts = site.Page.GetByRole(AriaRole.Region, new() { Name = "Alerts", Exact = true });
        await Assertions.Expect(alerts).ToContainTextAsync("Enter the admin key to see pending erasures.");
        await Assertions.Expect(site.Page.GetByTestId("erasures-pending")).ToHaveCountAsync(0);

        await site.EnterKeysAsync(ConsoleSite.FunctionKey, ConsoleSite.AdminKey);
        await site.LoadedAsync();

        await Assertions.Expect(site.Page.GetByTestId("erasures-pending")).ToHaveTextAsync(
            $"{ConsoleSite.ForgottenUserIds.Length} erasures pending (oldest since {oldest.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)");
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Models_page_shows_the_serving_versions_segments_against_popularity_and_flags_the_losing_one()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);

        await site.OpenAsync("models");
        await site.LoadedAsync();

        await Assertions.Expect(site.Page.GetByLabel("Version", new() { Exact = true })).ToHaveValueAsync(ConsoleSite.Version);
        var losing = ConsoleSite.SegmentMetrics[1];
        var row = site.Page.Locator($"tr[data-segment='{losing.Slice}']");
        await Assertions.Expect(row.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(losing.Slice);
        await Assertions.Expect(row).ToContainTextAsync(losing.Label);
        await Assertions.Expect(row).ToContainTextAsync(losing.Candidate.Ndcg.ToString("0.000", CultureInfo.InvariantCulture));
        await Assertions.Expect(row).ToContainTextAsync(losing.Popularity.Ndcg.ToString("0.000", CultureInfo.InvariantCulture));
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("loses");
        await Assertions.Expect(site.Page.Locator($"tr[data-segment='{ConsoleSite.SegmentMetrics[0].Slice}'] .badge")).ToHaveTextAsync("wins");
        await Assertions.Expect(site.Page.GetByTestId("losing-segments")).ToContainTextAsync("in 1 of 2 segments");

        await site.Page.GetByLabel("Version", new() { Exact = true }).SelectOptionAsync(ConsoleSite.OlderVersion);

        await Assertions.Expect(site.Page.GetByRole(AriaRole.Region, new() { Name = "Per-segment metrics", Exact = true }))
            .ToContainTextAsync($"The report of {ConsoleSite.OlderVersion} has no per-segment metrics");
        await site.ScreenshotAsync("models-segments");
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Uploads_lists_the_batch_and_shows_its_quarantined_row_with_the_admin_key()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);

        await site.OpenAsync("uploads");
        await site.LoadedAsync();
        var row = site.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = ConsoleSite.BlobName });
        await Assertions.Expect(row).ToContainTextAsync("processed");
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("7");

        await row.GetByRole(AriaRole.Button, new() { Name = "1" }).ClickAsync();
        await Assertions.Expect(site.Page.Locator("#quarantine-sample")).ToContainTextAsync("enter the admin key");

        await site.EnterKeysAsync(ConsoleSite.FunctionKey, ConsoleSite.AdminKey);
        await site.LoadedAsync();
        await site.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = ConsoleSite.BlobName }).GetByRole(AriaRole.Button, new() { Name = "1" }).ClickAsync();
        var sample = site.Page.GetByRole(AriaRole.Region, new() { Name = "Quarantined rows", Exact = true });
        await Assertions.Expect(sample.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("u4,,view");
        await Assertions.Expect(sample.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("9");
        await site.ScreenshotAsync("uploads-quarantine");
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task Explore_shows_a_users_recommendations_with_their_strategy_and_reasons()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);
        using var http = new HttpClient { BaseAddress = site.Server.BaseAddress };
        http.DefaultRequestHeaders.Add(FunctionKeys.HeaderName, ConsoleSite.FunctionKey);
        using var expected = JsonDocument.Parse(await http.GetStringAsync("recommendations/u7?count=5&explain=true"));
        var expectedItems = expected.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!).ToArray();

        await site.OpenAsync("explore");
        await site.LoadedAsync();
        await site.Page.GetByLabel("Id").FillAsync("u7");
        await site.Page.GetByLabel("Count").FillAsync("5");
        await site.Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        var recommendations = site.Page.GetByRole(AriaRole.Region, new() { Name = "Recommendations", Exact = true });
        await Assertions.Expect(recommendations.Locator("code.item-id")).ToHaveTextAsync(expectedItems);
        await Assertions.Expect(site.Page.GetByTestId("strategy")).ToHaveTextAsync(expected.RootElement.GetProperty("strategy").GetString()!);
        // The sample model carries no profiles artifact: the profile section says the user has none.
        await Assertions.Expect(site.Page.GetByRole(AriaRole.Region, new() { Name = "Profile", Exact = true })).ToContainTextAsync("No profile for u7");
        await site.ScreenshotAsync("explore-user");
        // The browser logs the profile's 404 (an unknown profile), which the page shows as a message.
        Assert.All(site.Errors, e => Assert.Contains("users/u7/profile", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explore_applies_exclusions_live()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);

        await site.OpenAsync("explore/user/u7");
        var items = site.Page.GetByRole(AriaRole.Region, new() { Name = "Recommendations", Exact = true }).Locator("code.item-id");
        await Assertions.Expect(items).ToHaveCountAsync(10);
        var first = await items.First.TextContentAsync();

        await site.Page.GetByLabel("Exclude items").FillAsync(first!);

        await Assertions.Expect(items.First).Not.ToHaveTextAsync(first!);
        await Assertions.Expect(items).ToHaveCountAsync(10);
    }

    [Fact]
    public async Task Rolling_back_while_erasures_are_pending_is_refused_with_the_reason()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);
        await site.OpenAsync("models", ConsoleSite.FunctionKey, ConsoleSite.AdminKey);
        await site.LoadedAsync();

        await site.Page.GetByRole(AriaRole.Button, new() { Name = "Roll back…" }).ClickAsync();
        var dialog = site.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reason").FillAsync("rolled back in a browser test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Promote" }).ClickAsync();

        await Assertions.Expect(dialog).ToContainTextAsync($"An erasure of {ConsoleSite.ForgottenUserIds.Length} forgotten users is in progress");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Equal(ConsoleSite.Version, await CurrentVersionAsync(site));
    }

    [Fact]
    public async Task Rolling_back_needs_the_admin_key_and_a_confirmation()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser, pendingErasures: false);
        await site.OpenAsync("models");
        await site.LoadedAsync();
        var rollBack = site.Page.GetByRole(AriaRole.Button, new() { Name = "Roll back…" });

        await rollBack.ClickAsync();
        var dialog = site.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("needs the admin key");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Promote" }).ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("The key was refused (401 Unauthorized)");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Equal(ConsoleSite.Version, await CurrentVersionAsync(site));

        await site.EnterKeysAsync(ConsoleSite.FunctionKey, ConsoleSite.AdminKey);
        await site.LoadedAsync();
        await rollBack.ClickAsync();
        await dialog.GetByLabel("Reason").FillAsync("rolled back in a browser test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Promote" }).ClickAsync();

        await Assertions.Expect(site.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Version {ConsoleSite.OlderVersion} is serving now.");
        await Assertions.Expect(site.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = ConsoleSite.OlderVersion })).ToContainTextAsync("serving");
        Assert.Equal(ConsoleSite.OlderVersion, await CurrentVersionAsync(site));
    }

    [Fact]
    public async Task A_wrong_function_key_shows_that_the_key_was_refused()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);

        await site.OpenAsync("overview", functionKey: "not-the-key-at-all-0000");
        await site.LoadedAsync();

        await Assertions.Expect(site.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The key was refused (401 Unauthorized): check the function key");
        await site.ScreenshotAsync("bad-key");
    }

    [Fact]
    public async Task Without_a_key_the_console_asks_for_one_and_calls_nothing()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);
        var apiCalls = new List<string>();
        site.Page.Request += (_, request) =>
        {
            if (!request.Url.Contains("/console/", StringComparison.Ordinal))
            {
                apiCalls.Add(request.Url);
            }
        };

        await site.OpenAsync("overview", functionKey: null);

        await Assertions.Expect(site.Page.Locator("main")).ToContainTextAsync("Enter the function key");
        Assert.Empty(apiCalls);
        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task The_overview_is_readable_on_a_phone()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser, new ViewportSize { Width = 390, Height = 844 });

        await site.OpenAsync("overview");
        await site.LoadedAsync();

        await Assertions.Expect(site.Page.GetByTestId("serving-version")).ToBeVisibleAsync();
        var overflow = await site.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a 390 px wide screen");
        await site.ScreenshotAsync("overview-phone");
    }

    /// <summary>Not a timing assertion: prints the overview's first contentful paint and the time until the serving
    /// version is on screen, for the notes (and writes them beside the screenshots).</summary>
    [Fact]
    public async Task Overview_time_to_first_paint_is_reported()
    {
        await using var site = await ConsoleSite.StartAsync(azurite, browser);
        await site.OpenAsync("overview");
        await site.LoadedAsync();

        await site.Page.ReloadAsync();
        await Assertions.Expect(site.Page.GetByTestId("serving-version")).ToHaveTextAsync(ConsoleSite.Version);
        var timings = await site.Page.EvaluateAsync<JsonElement>(
            "() => ({ fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1, data: performance.now() })");

        var firstPaint = timings.GetProperty("fcp").GetDouble();
        Assert.True(firstPaint > 0, "the browser reported no first contentful paint");
        var line = $"overview: first contentful paint {firstPaint:F0} ms, serving version shown by {timings.GetProperty("data").GetDouble():F0} ms after navigation start";
        output.WriteLine(line);
        await File.WriteAllTextAsync(Path.Combine(ConsoleBrowser.ArtifactsDirectory, "overview-timing.txt"), line + "\n");
    }

    private static async Task<string?> CurrentVersionAsync(ConsoleSite site)
    {
        using var http = new HttpClient { BaseAddress = site.Server.BaseAddress };
        http.DefaultRequestHeaders.Add(FunctionKeys.HeaderName, ConsoleSite.FunctionKey);
        using var current = JsonDocument.Parse(await http.GetStringAsync("models/current"));
        return current.RootElement.GetProperty("version").GetString();
    }
}
