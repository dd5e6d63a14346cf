using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Events.Reading;
using Tailor.Ingestion;
using Tailor.Storage;

namespace Tailor.Privacy;

/// <summary>
/// Raw uploads (container <c>events</c>, the customer's files and the <c>api/</c> blobs of <c>POST events</c>):
/// every upload that holds a row of an erased user is deleted. An upload is read as ingestion reads it (CSV, JSON
/// Lines, Parquet, each optionally gzip): a row counts when its user id (pseudonymized as ingestion would) is one of
/// the batch's, or when a bad row's text contains one; a file the readers cannot read is searched as text.
/// <para>Deleted, not rewritten: once a batch is processed its rows live in <c>processed/</c> (where erasure rewrites
/// them), so the raw copy serves nothing but a retry of a rejected or failed batch, and a rewrite would be a new
/// blob to the blob trigger (new content, new hash: a second batch of every other row). The batch records stay, so
/// uploading the same content again is still a duplicate; a retry of a deleted upload says the blob is gone.</para>
/// <para>An upload whose batch was processed without a bad row, and not rewritten by an erasure since, is read only
/// when the batch's <see cref="BatchUserIndex"/> may hold one of the users (every row of it is in the batch). Only uploads with a recorded state are erased: one not ingested yet is left to ingestion (seconds, with the
/// blob trigger), since deleting it would lose the other users' rows. Its rows of an erased user then reach a
/// processed batch after the data step; serving, snapshots and models leave the user out all the same.</para>
/// </summary>
public sealed class UploadsPlace(
    TailorStorage storage, ProcessedEventReader batches, BatchUserIndexes indexes, IOptions<EventOptions> options, UserIdPseudonymizer pseudonymizer, TimeProvider time)
    : IUserDataPlace
{
    public const string PlaceName = "uploads";

    public string Name => PlaceName;

    public ErasurePhase Phase => ErasurePhase.Data;

    public async Task<PlaceErasure> EraseAsync(ErasureBatch batch, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var byUser = new Dictionary<string, long>(StringComparer.Ordinal);
        long read = 0, deleted = 0, rows = 0;
        var changed = 0;
        var ids = SearchValues.Create([.. batch.Users], StringComparison.Ordinal);
        var hashes = batch.Users.Select(BatchUserIndex.Hash).ToArray();
        var processed = new Dictionary<string, BatchOutcome>(StringComparer.Ordinal);
        await foreach (var record in batches.ListProcessedBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            processed[record.BatchId] = record;
        }

        await foreach (var upload in ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await batches.FindUploadAsync(upload.Name, cancellationToken).ConfigureAwait(false) is not { } recorded)
            {
                continue; // not ingested yet: its rows are ingestion's (see the remarks)
            }

            if (await HoldsNoneAsync(processed.GetValueOrDefault(recorded.BatchId), hashes, cancellationToken).ConfigureAwait(false) is { } indexBytes)
            {
                read += indexBytes;
                continue;
            }

            var blob = storage.Events.GetBlobClient(upload.Name);
            var found = new Dictionary<string, long>(StringComparer.Ordinal);
            try
            {
                await FindAsync(upload, batch.Users, ids, found, cancellationToken).ConfigureAwait(false);
                read += upload.Properties.ContentLength ?? 0;
                if (found.Count == 0)
                {
                    continue;
                }

                await blob.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = upload.Properties.ETag }, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                continue; // deleted or replaced meanwhile: a new upload is ingestion's, and the next pass reads it
            }

            changed++;
            deleted += upload.Properties.ContentLength ?? 0;
            foreach (var (user, count) in found)
            {
                byUser[user] = byUser.GetValueOrDefault(user) + count;
                rows += count;
            }
        }

        return new PlaceErasure(Name, byUser, rows)
        {
            BytesRead = read,
            BytesDeleted = deleted,
            BlobsChanged = changed,
            CountsPerUser = true,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The bytes of the index that shows the upload holds none of the users, or null when it may. The upload
    /// of a batch processed with no bad row and never compacted (a duplicate's content is its original's) has every
    /// user in the batch's index; once erasure rewrote the batch, the index no longer speaks for the upload.</summary>
    private async Task<long?> HoldsNoneAsync(BatchOutcome? batch, ulong[] hashes, CancellationToken cancellationToken)
    {
        if (!indexes.Enabled || batch is not { ProcessedBlobName: { } processed, Quarantined: 0, QuarantineBlobName: null, ErasedRows: 0 })
        {
            return null;
        }

        var index = await indexes.ReadAsync(processed, cancellationToken).ConfigureAwait(false);
        return index.Index.MayHoldAny(hashes) ? null : index.BytesRead;
    }

    private IAsyncEnumerable<BlobItem> ListAsync(CancellationToken cancellationToken) =>
        storage.Events.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken).OrNoneWhenMissing(cancellationToken);

    /// <summary>Counts the rows of <paramref name="users"/> in one upload, read as ingestion reads it.</summary>
    private async Task FindAsync(BlobItem upload, IReadOnlySet<string> users, SearchValues<string> ids, Dictionary<string, long> found, CancellationToken cancellationToken)
    {
        var marked = upload.Metadata?.TryGetValue(EventBatchIngestor.PseudonymizedMetadata, out var value) == true
            && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        var mapping = pseudonymizer.IsOn && !marked ? pseudonymizer : UserIdPseudonymizer.Off;
        var conditions = new BlobRequestConditions { IfMatch = upload.Properties.ETag };
        if (EventFileFormat.TryFromName(upload.Name, out var format))
        {
            try
            {
                var content = await OpenAsync(upload.Name, conditions, cancellationToken).ConfigureAwait(false);
                var validator = new EventRowValidator(options.Value, time.GetUtcNow(), mapping);
                var reader = await EventRowReader.OpenAsync(content, format, validator, options.Value, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var chunk = new EventRowChunk();
                    while (await reader.ReadAsync(chunk, cancellationToken).ConfigureAwait(false))
                    {
                        foreach (var e in chunk.Accepted)
                        {
                            if (users.Contains(e.UserId))
                            {
                                found[e.UserId] = found.GetValueOrDefault(e.UserId) + 1;
                            }
                        }

                        foreach (var rejection in chunk.Rejected)
                        {
                            Mention(rejection.Raw, users, ids, found);
                        }
                    }
                }

                return;
            }
            catch (EventFileRejectedException)
            {
                found.Clear(); // not readable as events: searched as text below
            }
        }

        await SearchTextAsync(upload.Name, conditions, users, ids, found, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Searches an upload ingestion could not read (its lines, decompressed when it is gzip) for the ids.</summary>
    private async Task SearchTextAsync(string name, BlobRequestConditions conditions, IReadOnlySet<string> users, SearchValues<string> ids,
        Dictionary<string, long> found, CancellationToken cancellationToken)
    {
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                await SearchLinesAsync(name, conditions, gzip: true, users, ids, found, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (InvalidDataException)
            {
                found.Clear(); // named .gz but not gzip: searched as it is
            }
        }

        await SearchLinesAsync(name, conditions, gzip: false, users, ids, found, cancellationToken).ConfigureAwait(false);
    }

    private async Task SearchLinesAsync(string name, BlobRequestConditions conditions, bool gzip, IReadOnlySet<string> users, SearchValues<string> ids,
        Dictionary<string, long> found, CancellationToken cancellationToken)
    {
        var content = await OpenAsync(name, conditions, cancellationToken).ConfigureAwait(false);
        var text = gzip ? new GZipStream(content, CompressionMode.Decompress) : content;
        using var lines = new StreamReader(text);
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            Mention(line, users, ids, found);
        }
    }

    private async Task<Stream> OpenAsync(string name, BlobRequestConditions conditions, CancellationToken cancellationToken) =>
        await storage.Events.GetBlobClient(name).OpenReadAsync(
            new BlobOpenReadOptions(allowModifications: false) { BufferSize = 4 * 1024 * 1024, Conditions = conditions }, cancellationToken).ConfigureAwait(false);

    private static void Mention(string text, IReadOnlySet<string> users, SearchValues<string> ids, Dictionary<string, long> found)
    {
        if (!text.AsSpan().ContainsAny(ids))
        {
            return;
        }

        foreach (var user in users)
        {
            if (text.Contains(user, StringComparison.Ordinal))
            {
                found[user] = found.GetValueOrDefault(user) + 1;
            }
        }
    }
}
