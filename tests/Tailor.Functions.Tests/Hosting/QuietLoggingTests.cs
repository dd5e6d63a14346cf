using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tailor.Functions.Http;
using Tailor.Hosting;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Tests.Hosting;

/// <summary>The host and the worker are quiet by default: the Azure SDK and the Durable Task Framework log
/// warnings and errors, not every request.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QuietLoggingTests(AzuriteFixture azurite)
{
    [Fact]
    public void Host_json_sets_every_library_category_and_the_durable_trigger_to_warning_or_above()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        var levels = host.RootElement.GetProperty("logging").GetProperty("logLevel");
        foreach (var category in LibraryLogFilters.Categories.Append("Host.Triggers.DurableTask"))
        {
            Assert.True(levels.TryGetProperty(category, out var level), $"host.json sets no level for {category}");
            Assert.True(Enum.TryParse<LogLevel>(level.GetString(), out var parsed) && parsed >= LogLevel.Warning,
                $"host.json logs {category} at {level.GetString()}");
        }
    }

    [Theory]
    [InlineData("GetRecommendations")]
    [InlineData("RecommendForSession")]
    [InlineData("GetSimilarItems")]
    public void Host_json_logs_no_invocation_lines_for_the_serving_functions(string function)
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        var levels = host.RootElement.GetProperty("logging").GetProperty("logLevel");
        Assert.Contains(HttpFunctionBinding.All, binding => binding.Name == function);
        Assert.True(levels.TryGetProperty($"Function.{function}", out var level), $"host.json sets no level for Function.{function}");
        Assert.True(Enum.TryParse<LogLevel>(level.GetString(), out var parsed) && parsed >= LogLevel.Warning, $"host.json logs Function.{function} at {level.GetString()}");
    }

    [Fact]
    public async Task The_worker_filters_drop_the_azure_sdk_request_logs_that_reach_an_unfiltered_logger()
    {
        var unfiltered = await StorageCallLogsAsync(logging => { });
        var filtered = await StorageCallLogsAsync(logging => logging.AddLibraryLogFilters());

        Assert.Contains(unfiltered, e => e.Category.StartsWith("Azure.", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
        Assert.DoesNotContain(filtered, e => e.Category.StartsWith("Azure.", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
    }

    private async Task<IReadOnlyCollection<(string Category, LogLevel Level)>> StorageCallLogsAsync(Action<ILoggingBuilder> filters)
    {
        var sink = new CapturingProvider();
        var services = new ServiceCollection();
        var settings = IsolatedSettings.Create(azurite.ConnectionString);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace).AddProvider(sink);
            filters(logging);
        });
        services.AddTailor(configuration);
        await using var provider = services.BuildServiceProvider();
        var storage = provider.GetRequiredService<TailorStorage>();
        await storage.EnsureCreatedAsync();
        await storage.Events.GetBlobClient("probe.csv").ExistsAsync();
        return sink.Entries;
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level)> Queue { get; } = new();

        public IReadOnlyCollection<(string Category, LogLevel Level)> Entries => Queue;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Queue);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string Category, LogLevel Level)> queue) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                queue.Enqueue((category, logLevel));
        }
    }
}
