using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tailor.Pipeline;

/// <summary>The training pipeline's meter and activity source (both <c>Tailor.Training</c>) and its instruments,
/// defined once. Every stage runs through <see cref="Tasks.PipelineActivity{TInput, TOutput}"/>, which times it here.</summary>
public static class TrainingTelemetry
{
    public const string Name = "Tailor.Training";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);

    /// <summary>Time one pipeline stage (activity) took, per stage and outcome.</summary>
    public static readonly Histogram<double> StageDuration = s_meter.CreateHistogram<double>(
        "tailor.training.stage.duration", unit: "ms", description: "Time one training pipeline stage took, per stage and outcome.");

    public static class Tags
    {
        public const string Stage = "tailor.stage";
        public const string Outcome = "tailor.outcome";
    }

    public static class Outcomes
    {
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
    }

    /// <summary>Runs one stage in a span named after it and records its duration; a failure is recorded and rethrown.</summary>
    public static async Task<T> MeasureStageAsync<T>(string stage, Func<Task<T>> run)
    {
        using var activity = Source.StartActivity(stage);
        activity?.SetTag(Tags.Stage, stage);
        var started = Stopwatch.GetTimestamp();
        var outcome = Outcomes.Failed;
        try
        {
            var result = await run().ConfigureAwait(false);
            outcome = Outcomes.Succeeded;
            return result;
        }
        finally
        {
            StageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new(Tags.Stage, stage), new(Tags.Outcome, outcome));
            activity?.SetTag(Tags.Outcome, outcome);
            if (outcome == Outcomes.Failed)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
