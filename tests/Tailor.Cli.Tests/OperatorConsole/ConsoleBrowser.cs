using Microsoft.Playwright;

namespace Tailor.Cli.Tests.OperatorConsole;

/// <summary>One headless Chromium for the console's browser tests: the system's Debian <c>chromium</c> (Playwright's
/// own browser download is not used), launched through Playwright's driver. Each test opens its own context.</summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    /// <summary>Where Debian installs the browser binary (the <c>/usr/bin/chromium</c> wrapper runs it);
    /// <c>TAILOR_CHROMIUM</c> overrides.</summary>
    private static readonly string[] s_candidates = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots land here (under the test output folder), one per page and test.</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "console-screenshots")).FullName;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("TAILOR_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : s_candidates.FirstOrDefault(File.Exists)
              ?? throw new InvalidOperationException("No chromium found: install it (apt-get install -y chromium) or set TAILOR_CHROMIUM to its path.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
