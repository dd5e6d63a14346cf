using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>Ingests event files (container <c>events</c>): each row validated into an <see cref="InteractionEvent"/>,
/// repeats within a batch dropped, good rows to <c>processed/&lt;batchId&gt;.parquet</c> (see <see cref="BatchIngestor"/>).</summary>
public sealed class EventBatchIngestor(
    TailorStorage storage,
    IOptions<EventOptions> options,
    TimeProvider timeProvider,
    ILogger<EventBatchIngestor> logger)
    : BatchIngestor(storage, BatchKind.Events, options.Value, timeProvider, logger)
{
    private protected override Task<ParsedBatch> ParseAsync(Stream content, EventFileFormat format, EventOptions options, DateTimeOffset now, CancellationToken cancellationToken) =>
        EventBatchParser.ParseAsync(content, format, options, now, cancellationToken);
}
