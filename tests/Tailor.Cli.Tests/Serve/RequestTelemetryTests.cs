using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using Tailor.Cli.Serve;
using Tailor.Testing;

namespace Tailor.Cli.Tests.Serve;

/// <summary>What the app exports about a request to a user route, through the same telemetry set-up as the Functions
/// worker (<c>AddTailorTelemetry</c> and ASP.NET Core's request spans), captured in memory behind the redaction.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RequestTelemetryTests(AzuriteFixture azurite)
{
    private const string AdminKey = "admin-key-for-telemetry-0001";
    private const string RawId = "raw-id-4b7e9d-telemetry";

    [Fact]
    public async Task A_request_to_a_user_route_exports_no_span_or_log_attribute_holding_the_raw_id()
    {
        var spans = new List<Activity>();
        var logs = new LogCapture();
        var settings = IsolatedSettings.Create(azurite.ConnectionString);
        settings["Tailor:Serve:FunctionKey"] = "function-key-for-telemetry-01";
        settings["Tailor:Serve:AdminKey"] = AdminKey;
        // The exporter is added in code, so spans are asked for as such an exporter does.
        settings["Tailor:Telemetry:Traces"] = "true";
        var server = await LocalFunctionsServer.StartAsync(azurite.ConnectionString, 0, settings, LogLevel.Information, services => services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
            .ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(logs)));
        await using (server)
        {
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, $"users/{RawId}/data");
            request.Headers.Add(FunctionKeys.HeaderName, AdminKey);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var served = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        Assert.Equal("/api/users/{userId}/data", served.GetTagItem("url.path"));
        Assert.EndsWith("users/{userId}/data", served.GetTagItem("http.route") as string, StringComparison.Ordinal);
        foreach (var span in spans)
        {
            Assert.DoesNotContain(RawId, span.DisplayName, StringComparison.Ordinal);
            Assert.All(span.TagObjects, tag => Assert.DoesNotContain(RawId, tag.Value?.ToString() ?? "", StringComparison.Ordinal));
        }

        var lines = logs.Lines;
        Assert.Contains(lines, line => line.Contains("/api/users/{userId}/data", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(RawId, StringComparison.Ordinal));
    }

    /// <summary>Each exported log record as one line: category, message and every attribute value.</summary>
    private sealed class LogCapture : BaseProcessor<LogRecord>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public override void OnEnd(LogRecord data)
        {
            var line = $"{data.CategoryName} {data.FormattedMessage} {string.Join(" ", data.Attributes?.Select(a => $"{a.Key}={a.Value}") ?? [])}";
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
