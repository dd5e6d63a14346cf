using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Tailor.Ingestion;

namespace Tailor.Catalog;

public sealed partial class CatalogSnapshot
{
    private const int PublishAttempts = 5;

    /// <summary>Rewrites <see cref="CurrentCatalog.BlobName"/> from every processed catalog batch, so that serving
    /// sees availability changes without a training run; null (and no blob) when no batch was processed.
    /// Conditional on the ETag read before merging: when another publisher wrote in between (its merge may lack
    /// this caller's batch, or this caller's may lack its), the merge is redone over the newer state.</summary>
    public async Task<CatalogSnapshotInfo?> PublishCurrentAsync(CancellationToken cancellationToken = default)
    {
        var blob = storage.Snapshots.GetBlobClient(CurrentCatalog.BlobName);
        for (var attempt = 1; ; attempt++)
        {
            var before = await CurrentCatalog.ProbeAsync(storage, cancellationToken).ConfigureAwait(false);
            var (items, batches) = await MergeAsync(cancellationToken).ConfigureAwait(false);
            if (batches == 0)
            {
                return null;
            }

            var scratch = TemporaryFile.Create(".parquet");
            await using (scratch.ConfigureAwait(false))
            {
                await CatalogParquet.WriteAsync(scratch, items, cancellationToken).ConfigureAwait(false);
                scratch.Position = 0;
                var options = new BlobUploadOptions
                {
                    Metadata = new Dictionary<string, string>
                    {
                        [CurrentCatalog.BatchesMetadata] = batches.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                    Conditions = before is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = before.ETag },
                };
                try
                {
                    await blob.UploadAsync(scratch, options, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < PublishAttempts)
                {
                    LogPublishRaced(logger, attempt);
                    continue;
                }
            }

            var available = items.Count(i => i.Available);
            LogWritten(logger, CurrentCatalog.BlobName, batches, items.Count, available);
            return new CatalogSnapshotInfo(CurrentCatalog.BlobName, items.Count, available, batches);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The current catalog changed while it was merged (attempt {Attempt}); merging again")]
    private static partial void LogPublishRaced(ILogger logger, int attempt);
}
