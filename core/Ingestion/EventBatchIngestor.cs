using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Fresh;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>Ingests event files (container <c>events</c>): each row validated into an <see cref="InteractionEvent"/>,
/// repeats within a batch dropped, good rows to <c>processed/&lt;batchId&gt;.parquet</c> (see <see cref="BatchIngestor"/>),
/// and the batch's recent rows (timestamps within <see cref="FreshOptions.TtlHours"/>) to the fresh-history store
/// before the batch is recorded, so serving sees them before the next model does; the batch's user index
/// (<see cref="IProcessedBatchIndexer"/>) is written then too.
/// With pseudonymization on, user ids become pseudonyms (except in blobs the events API wrote, marked
/// <see cref="PseudonymizedMetadata"/>, which hold pseudonyms already), quarantine lines keep no raw row, and the
/// upload is deleted once its batch is recorded, so no raw user id stays in storage.</summary>
public sealed partial class EventBatchIngestor(
    TailorStorage storage,
    IOptions<EventOptions> options,
    UserIdPseudonymizer pseudonymizer,
    TimeProvider timeProvider,
    ILogger<EventBatchIngestor> logger,
    IFreshHistory? fresh = null,
    IProcessedBatchIndexer? indexer = null)
    : BatchIngestor(storage, BatchKind.Events, options.Value, timeProvider, logger)
{
    /// <summary>Blob metadata (name; value <c>true</c>) on an events blob whose user ids are pseudonyms already.</summary>
    public const string PseudonymizedMetadata = "tailor_pseudonymized";

    private protected override bool DeletesSources => pseudonymizer.IsOn;

    private protected override Task<ParsedBatch> ParseAsync(
        Stream content, EventFileFormat format, EventOptions options, DateTimeOffset now, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var marked = metadata.TryGetValue(PseudonymizedMetadata, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        var users = pseudonymizer.IsOn && !marked ? pseudonymizer : UserIdPseudonymizer.Off;
        return EventBatchParser.ParseAsync(content, format, options, now, users, keepRawRows: !pseudonymizer.IsOn, cancellationToken,
            fresh is { Options.Enabled: true } ? new FreshBatchEvents(fresh.Options, now) : null);
    }

    private protected override async Task OnProcessedAsync(ParsedBatch parsed, string processedName, CancellationToken cancellationToken)
    {
        if (indexer is not null)
        {
            await indexer.IndexAsync(processedName, parsed.Users, cancellationToken).ConfigureAwait(false);
        }

        if (fresh is null || parsed.Fresh is not { } recent)
        {
            return;
        }

        if (recent.Skipped > 0)
        {
            LogFreshSkipped(logger, recent.Events.Count, recent.Skipped);
        }

        await fresh.AddAsync(recent.Events, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information,
        Message = "Batch has more recent events than the fresh-history store takes from one batch: {Kept} kept, {Skipped} left for the next training")]
    private static partial void LogFreshSkipped(ILogger logger, int kept, long skipped);
}
