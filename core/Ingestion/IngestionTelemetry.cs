using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tailor.Ingestion;

/// <summary>The ingestion area's meter and activity source (both <c>Tailor.Ingestion</c>) and its instruments,
/// defined once. Tags carry batch states and row outcomes, never a user id or a blob's content.</summary>
public static class IngestionTelemetry
{
    public const string Name = "Tailor.Ingestion";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);

    /// <summary>Batches ingested, per state they ended in (<see cref="BatchStatusNames"/>).</summary>
    public static readonly Counter<long> Batches = s_meter.CreateCounter<long>(
        "tailor.ingestion.batches", unit: "{batch}", description: "Batches ingested (events and catalog), per state they ended in and kind.");

    /// <summary>Event rows of ingested batches, per outcome: accepted, quarantined, duplicate.</summary>
    public static readonly Counter<long> Events = s_meter.CreateCounter<long>(
        "tailor.ingestion.events", unit: "{event}", description: "Event rows of ingested batches, per outcome.");

    /// <summary>Time to ingest one batch, per state.</summary>
    public static readonly Histogram<double> Duration = s_meter.CreateHistogram<double>(
        "tailor.ingestion.duration", unit: "ms", description: "Time to ingest one event batch, per state.");

    /// <summary>Tag names and row outcomes, spelled once.</summary>
    public static class Tags
    {
        public const string Status = "tailor.batch.status";
        public const string Kind = "tailor.batch.kind";
        public const string Outcome = "tailor.outcome";
    }

    public static class Outcomes
    {
        public const string Accepted = "accepted";
        public const string Quarantined = "quarantined";
        public const string Duplicate = "duplicate";
    }

    /// <summary>Records the outcome of one ingestion on its span and the ingestion metrics.</summary>
    public static void Record(Activity? activity, BatchOutcome outcome)
    {
        var status = BatchStatusNames.Of(outcome.Status);
        var statusTag = new KeyValuePair<string, object?>(Tags.Status, status);
        var kindTag = new KeyValuePair<string, object?>(Tags.Kind, outcome.Kind);
        Batches.Add(1, statusTag, kindTag);
        Duration.Record(outcome.Duration.TotalMilliseconds, statusTag, kindTag);
        if (outcome.Status == BatchStatus.Processed && outcome.Kind == BatchKind.Events.Name)
        {
            Events.Add(outcome.Accepted, new KeyValuePair<string, object?>(Tags.Outcome, Outcomes.Accepted));
            Events.Add(outcome.Quarantined, new KeyValuePair<string, object?>(Tags.Outcome, Outcomes.Quarantined));
            Events.Add(outcome.DuplicateRows, new KeyValuePair<string, object?>(Tags.Outcome, Outcomes.Duplicate));
        }

        activity?.SetTag(Tags.Kind, outcome.Kind);

        activity?.SetTag(Tags.Status, status);
        activity?.SetTag("tailor.batch.id", outcome.BatchId);
        activity?.SetTag("tailor.batch.accepted", outcome.Accepted);
        activity?.SetTag("tailor.batch.quarantined", outcome.Quarantined);
    }
}
