using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Tailor.Functions.Http;
using Tailor.Functions.OperatorConsole;
using Tailor.Hosting;
using Tailor.Storage;

namespace Tailor.Cli.Serve;

/// <summary>
/// Tailor's HTTP functions — the function classes of the Functions app, found through
/// <see cref="HttpFunctionBinding.All"/> — on Kestrel at 127.0.0.1, under the same <c>/api/</c> routes, methods
/// and key rules as the Functions host, over the app's own services (<c>AddTailor</c>). <c>tailor serve</c>
/// runs one until stopped; tests start one on port 0.
/// </summary>
public sealed partial class LocalFunctionsServer : IAsyncDisposable
{
    /// <summary>The Functions host's default <c>routePrefix</c> (host.json does not change it).</summary>
    public const string RoutePrefix = "api";

    private readonly WebApplication _app;

    private LocalFunctionsServer(WebApplication app, Uri baseAddress, IReadOnlyList<HttpFunctionEndpoint> endpoints)
    {
        _app = app;
        BaseAddress = baseAddress;
        Endpoints = endpoints;
        Keys = app.Services.GetRequiredService<FunctionKeys>();
    }

    /// <summary>Where the API is: <c>http://127.0.0.1:PORT/api/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Where the operator console is: <c>http://127.0.0.1:PORT/api/console/</c>.</summary>
    public Uri ConsoleAddress => new(BaseAddress, ConsoleFunction.Route + "/");

    public FunctionKeys Keys { get; }

    public IReadOnlyList<HttpFunctionEndpoint> Endpoints { get; }

    /// <summary>Starts the server on <paramref name="port"/> (0: any free port) over <paramref name="connection"/>;
    /// environment variables (<c>Tailor__…</c>) and then <paramref name="settings"/> override the defaults, as in
    /// the CLI's other commands; <paramref name="services"/> may add to the services (tests: exporters). Returns once
    /// storage is provisioned and Kestrel listens.</summary>
    public static async Task<LocalFunctionsServer> StartAsync(
        string connection, int port, IDictionary<string, string?>? settings = null, LogLevel logLevel = LogLevel.Warning,
        Action<IServiceCollection>? services = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{StorageOptions.Section}:ConnectionString"] = connection })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel).AddLibraryLogFilters(LogLevel.Error);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        // Results other than JsonResponse (ObjectResult and the like) need MVC's result executors, as in the host.
        builder.Services.AddMvcCore();
        builder.Services.AddTailor(builder.Configuration);
        var requestSpans = TailorTelemetry.RecordsTraces(builder.Configuration);
        builder.Services.AddTailorTelemetry(builder.Configuration).WithTracing(tracing =>
        {
            // Listening to ASP.NET Core's requests with no span recorded would still cost each one an Activity.
            if (requestSpans)
            {
                tracing.AddAspNetCoreInstrumentation();
            }
        });
        builder.Services.AddOptions<ServeOptions>().BindConfiguration(ServeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FunctionKeys>();
        builder.Services.AddServeDurablePipeline();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseRouting();
        var endpoints = HttpFunctionBinding.All.Select(binding => new HttpFunctionEndpoint(binding)).ToArray();
        foreach (var endpoint in endpoints)
        {
            app.MapMethods($"/{RoutePrefix}/{endpoint.Binding.Route}", [.. endpoint.Binding.Methods.Select(m => m.ToUpperInvariant())], (RequestDelegate)endpoint.InvokeAsync)
                .WithDisplayName(endpoint.Binding.Name);
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A setting that fails validation or a port in use: release what the builder created.
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new LocalFunctionsServer(app, new Uri(address.TrimEnd('/') + $"/{RoutePrefix}/"), endpoints);
        LogListening(app.Services.GetRequiredService<ILogger<LocalFunctionsServer>>(), server.BaseAddress, endpoints.Length);
        return server;
    }

    /// <summary>Completes when the server stops or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {FunctionCount} HTTP functions at {BaseAddress}")]
    private static partial void LogListening(ILogger logger, Uri baseAddress, int functionCount);
}
