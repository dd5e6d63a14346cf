using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Ingestion;
using Tailor.Storage;

namespace Tailor.Catalog;

/// <summary>Ingests item catalog files (container <c>catalog</c>) with the events' batch states and limits: each
/// file becomes one processed batch <c>processed/catalog/&lt;batchId&gt;.parquet</c> of its items (bad rows to
/// <c>quarantine/catalog/&lt;batchId&gt;.jsonl</c>), a duplicate, or a rejected or failed one (see <see cref="BatchIngestor"/>).
/// <see cref="CatalogSnapshot"/> merges the processed batches.</summary>
public sealed class CatalogBatchIngestor(
    TailorStorage storage,
    IOptions<EventOptions> options,
    TimeProvider timeProvider,
    ILogger<CatalogBatchIngestor> logger)
    : BatchIngestor(storage, BatchKind.Catalog, options.Value, timeProvider, logger)
{
    private protected override Task<ParsedBatch> ParseAsync(Stream content, EventFileFormat format, EventOptions options, DateTimeOffset now, IDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        CatalogBatchParser.ParseAsync(content, format, options, cancellationToken);
}
