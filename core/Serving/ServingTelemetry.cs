using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tailor.Serving;

/// <summary>The serving area's meter and activity source (both <c>Tailor.Serving</c>) and its instruments,
/// defined once. Tags carry routes, strategies, outcomes and model versions, never a user or item id.</summary>
public static class ServingTelemetry
{
    public const string Name = "Tailor.Serving";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);

    /// <summary>How long an answer took, per route and strategy (or outcome when there is no answer).</summary>
    public static readonly Histogram<double> Duration = s_meter.CreateHistogram<double>(
        "tailor.serving.duration", unit: "ms", description: "Time to answer a recommendation request, per route and strategy.");

    /// <summary>Answers given, per route, strategy and the model version that served them.</summary>
    public static readonly Counter<long> Answers = s_meter.CreateCounter<long>(
        "tailor.serving.answers", unit: "{answer}", description: "Recommendation answers, per route, strategy and model version.");

    /// <summary>Model loads: a new version (or the first) taken into service by the model cache.</summary>
    public static readonly Counter<long> ModelRefreshes = s_meter.CreateCounter<long>(
        "tailor.serving.model.refreshes", unit: "{refresh}", description: "Model loads by the serving cache, per outcome and model version.");

    /// <summary>Time to load a model's artifact, manifest and report.</summary>
    public static readonly Histogram<double> ModelLoadDuration = s_meter.CreateHistogram<double>(
        "tailor.serving.model.load.duration", unit: "ms", description: "Time to load a model version into the serving cache.");

    private static readonly ConcurrentDictionary<string, string> s_serving = new(StringComparer.Ordinal);

    /// <summary>1 per model version this process serves, tagged with the version and its variant (champion, challenger).</summary>
    public static readonly ObservableGauge<int> ServingVersion = s_meter.CreateObservableGauge(
        "tailor.serving.model.version", ObserveServing, unit: "{model}", description: "The model versions this process serves, per variant (value 1).");

    /// <summary>Tag names, spelled once.</summary>
    public static class Tags
    {
        public const string Route = "tailor.route";
        public const string Strategy = "tailor.strategy";
        public const string Outcome = "tailor.outcome";
        public const string ModelVersion = "tailor.model.version";
        public const string Variant = "tailor.variant";
    }

    /// <summary>Outcomes, as the <see cref="Tags.Outcome"/> tag (and the strategy tag of an unanswered request) spell them.</summary>
    public static class Outcomes
    {
        public const string Loaded = "loaded";
        public const string LoadFailed = "failed";
        public const string NoModel = "no-model";
        public const string NotFound = "not-found";
    }

    /// <summary>Routes of <see cref="RecommendationService"/>, as the <see cref="Tags.Route"/> tag spells them.</summary>
    public static class Routes
    {
        public const string User = "recommendations/{userId}";
        public const string Session = "recommendations";
        public const string Similar = "items/{itemId}/similar";
    }

    /// <summary>Runs one recommendation request in a span and records its duration and answer.
    /// The strategy tag is the answer's strategy, or the outcome (<c>no-model</c>, <c>not-found</c>).
    /// <paramref name="answer"/> takes its inputs as <paramref name="state"/>, so a static lambda allocates no closure.</summary>
    public static async ValueTask<ServingResult<RecommendationResult>> MeasureAsync<TState>(
        string route, TState state, Func<TState, ValueTask<ServingResult<RecommendationResult>>> answer)
    {
        using var activity = Source.StartActivity("recommend");
        activity?.SetTag(Tags.Route, route);
        var started = Stopwatch.GetTimestamp();
        var result = await answer(state).ConfigureAwait(false);
        var strategy = result.Value?.Strategy ?? Outcome(result.Status);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Duration.Record(elapsed, new(Tags.Route, route), new(Tags.Strategy, strategy));
        if (result.Value is { } value)
        {
            Answers.Add(1, new(Tags.Route, route), new(Tags.Strategy, strategy), new(Tags.ModelVersion, value.ModelVersion));
            activity?.SetTag(Tags.ModelVersion, value.ModelVersion);
        }

        activity?.SetTag(Tags.Strategy, strategy);
        return result;
    }

    /// <summary>Records one model load of the cache.</summary>
    public static void RecordModelLoad(string version, string outcome, double milliseconds)
    {
        ModelRefreshes.Add(1, new(Tags.Outcome, outcome), new(Tags.ModelVersion, version));
        ModelLoadDuration.Record(milliseconds, new(Tags.Outcome, outcome), new(Tags.ModelVersion, version));
    }

    /// <summary>Notes that <paramref name="version"/> now serves as <paramref name="variant"/> (for the version gauge).</summary>
    public static void RecordServing(string variant, string version) => s_serving[variant] = version;

    private static IEnumerable<Measurement<int>> ObserveServing()
    {
        foreach (var (variant, version) in s_serving)
        {
            yield return new Measurement<int>(1, new(Tags.ModelVersion, version), new(Tags.Variant, variant));
        }
    }

    private static string Outcome(ServingStatus status) => status switch
    {
        ServingStatus.NoModel => Outcomes.NoModel,
        ServingStatus.NotFound => Outcomes.NotFound,
        _ => "ok",
    };
}
