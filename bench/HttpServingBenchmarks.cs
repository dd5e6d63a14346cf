using System.Diagnostics;
using System.Globalization;
using Azure;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tailor.Cli.Serve;
using Tailor.Events;
using Tailor.Feedback;
using Tailor.Functions.Http;
using Tailor.Models;
using Tailor.Privacy;
using Tailor.Serving;
using Tailor.Training.Ials;
using Tailor.Training.Popularity;

namespace Tailor.Benchmarks;

/// <summary>One <c>GET recommendations/{userId}?count=10</c> from an <see cref="HttpContext"/> to the written JSON body,
/// as <c>tailor serve</c> runs it once Kestrel has routed it (<see cref="HttpFunctionEndpoint"/>: key check, the
/// function class, query parsing, <see cref="RecommendationService"/>, impressions buffer, the response), on the
/// load script's default shape (2,000 users × 500 items, iALS with 64 factors). <see cref="ContextOnly"/> is the
/// cost of the benchmark's own fresh <see cref="DefaultHttpContext"/> (Kestrel reuses its contexts).
/// <c>dotnet run -c Release --project bench -- serving-http [requests]</c> prints CPU time, bytes allocated and
/// GC collections and pause time per 10,000 requests, and latency percentiles, under the process's GC settings.</summary>
[MemoryDiagnoser]
public class HttpServingBenchmarks
{
    private const int Users = 2_000;
    private const int Items = 500;
    private const string Key = "function-key-for-benchmarks-01";

    private ServiceProvider _services = null!;
    private HttpFunctionEndpoint _endpoint = null!;
    private ImpressionBuffer _impressions = null!;
    private string[] _userIds = null!;
    private readonly MemoryStream _body = new();
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var history = SyntheticInteractions.Build(users: Users, items: Items, interactions: Users * 10L, seed: 42);
        var model = new IalsTrainer(new IalsOptions(Factors: 64, Epochs: 2)).Fit(history);
        var popularity = ((PopularityRecommender)new PopularityTrainer().Fit(history)).Popularity.ToArray();
        _userIds = [.. Enumerable.Range(0, Users).Select(u => $"user-{u}")];
        var itemIds = Enumerable.Range(0, Items).Select(i => $"item-{i}").ToArray();
        var artifact = new ModelArtifact(_userIds, itemIds, history, popularity, model);
        var loaded = new LoadedModel(new CurrentModel("bench", DateTimeOffset.UnixEpoch, "bench"), new ETag("\"1\""), artifact, null, null);

        _impressions = new ImpressionBuffer(Options.Create(new FeedbackOptions()));
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new ServingOptions()));
        services.AddSingleton(Options.Create(new ServeOptions { FunctionKey = Key, AdminKey = Key + "-admin" }));
        services.AddSingleton<FunctionKeys>();
        services.AddSingleton(UserIdPseudonymizer.Off);
        services.AddSingleton(new RecommendationService(new FixedModelSource(loaded), new NobodyForgotten(), impressions: _impressions));
        _services = services.BuildServiceProvider();
        _endpoint = new HttpFunctionEndpoint(HttpFunctionBinding.All.Single(b => b.Name == "GetRecommendations"));
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<long> Request()
    {
        var context = NewContext();
        await _endpoint.InvokeAsync(context);
        DrainImpressions();
        return context.Response.StatusCode == StatusCodes.Status200OK ? _body.Position : throw new InvalidOperationException($"status {context.Response.StatusCode}");
    }

    [Benchmark]
    public long ContextOnly() => NewContext().Request.Path.Value!.Length;

    /// <summary>Runs <c>args[1]</c> requests (default 50,000) after a warm-up and prints per-request figures.</summary>
    public static void RunTimer(string[] args)
    {
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
        var bench = new HttpServingBenchmarks();
        bench.Setup();
        for (var warm = 0; warm < 20_000; warm++)
        {
            bench.Request().GetAwaiter().GetResult();
        }

        var latency = new double[requests];
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var wall = Stopwatch.GetTimestamp();
        for (var r = 0; r < requests; r++)
        {
            var start = Stopwatch.GetTimestamp();
            bench.Request().GetAwaiter().GetResult();
            latency[r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        var elapsed = Stopwatch.GetElapsedTime(wall);
        process.Refresh();
        var perTenThousand = 10_000.0 / requests;
        Array.Sort(latency);
        double At(double q) => latency[Math.Min(latency.Length - 1, (int)(q * latency.Length))];
        Console.WriteLine(FormattableString.Invariant(
            $"{requests} requests in {elapsed.TotalSeconds:F2} s; server GC {System.Runtime.GCSettings.IsServerGC}, latency mode {System.Runtime.GCSettings.LatencyMode}"));
        Console.WriteLine(FormattableString.Invariant(
            $"per request: CPU {(process.TotalProcessorTime - cpu).TotalMicroseconds / requests:F1} us, allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)requests:F0} B"));
        Console.WriteLine(FormattableString.Invariant(
            $"per 10k requests: gen0 {(GC.CollectionCount(0) - gen0) * perTenThousand:F2}, gen1 {(GC.CollectionCount(1) - gen1) * perTenThousand:F2}, gen2 {(GC.CollectionCount(2) - gen2) * perTenThousand:F2}, GC pause {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds * perTenThousand:F2} ms"));
        Console.WriteLine(FormattableString.Invariant(
            $"methods compiled by the JIT while measuring: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted}"));
        Console.WriteLine(FormattableString.Invariant(
            $"latency p50 {At(0.5):F1} us, p99 {At(0.99):F1} us, p99.9 {At(0.999):F1} us, max {latency[^1]:F1} us"));
        bench.Cleanup();
    }

    private DefaultHttpContext NewContext()
    {
        var user = _userIds[_next++ % _userIds.Length];
        var context = new DefaultHttpContext { RequestServices = _services };
        var request = context.Request;
        request.Method = HttpMethods.Get;
        request.Path = "/api/recommendations/" + user;
        request.QueryString = new QueryString("?count=10");
        request.Headers[FunctionKeys.HeaderName] = Key;
        request.RouteValues["userId"] = user;
        _body.Position = 0;
        context.Response.Body = _body;
        return context;
    }

    private void DrainImpressions()
    {
        while (_impressions.Reader.TryRead(out _))
        {
        }
    }

    private sealed class NobodyForgotten : IForgottenUsers
    {
        public ValueTask<bool> ContainsAsync(string userId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
    }
}
