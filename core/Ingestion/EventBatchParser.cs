using System.Runtime.InteropServices;
using Tailor.Events;
using Tailor.Events.Reading;
using Tailor.Fresh;

namespace Tailor.Ingestion;

/// <summary>Parses one event file into scratch outputs: valid, first-seen rows into Parquet, bad rows into
/// quarantine JSON Lines, repeats counted. A file-level failure leaves <see cref="ParsedBatch.RejectionReason"/>
/// set (and the scratch files to be discarded). Storage-independent, so it is also what the benchmark runs.</summary>
internal static class EventBatchParser
{
    public static Task<ParsedBatch> ParseAsync(
        Stream content, EventFileFormat format, EventOptions options, DateTimeOffset now, CancellationToken cancellationToken) =>
        ParseAsync(content, format, options, now, UserIdPseudonymizer.Off, keepRawRows: true, cancellationToken);

    /// <summary>Parses with user ids mapped by <paramref name="users"/>; <paramref name="keepRawRows"/> false leaves
    /// the raw row out of quarantine lines (it may hold a raw user id).</summary>
    public static async Task<ParsedBatch> ParseAsync(
        Stream content, EventFileFormat format, EventOptions options, DateTimeOffset now, UserIdPseudonymizer users, bool keepRawRows,
        CancellationToken cancellationToken, FreshBatchEvents? fresh = null)
    {
        ParsedBatch batch;
        try
        {
            batch = new ParsedBatch(TemporaryFile.Create(".parquet"), TemporaryFile.Create(".jsonl")) { Fresh = fresh };
        }
        catch
        {
            await content.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            await ParseIntoAsync(content, format, options, now, users, keepRawRows, batch, cancellationToken).ConfigureAwait(false);
            return batch;
        }
        catch
        {
            await batch.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static async Task ParseIntoAsync(
        Stream content, EventFileFormat format, EventOptions options, DateTimeOffset now, UserIdPseudonymizer users, bool keepRawRows,
        ParsedBatch batch, CancellationToken cancellationToken)
    {
        var validator = new EventRowValidator(options, now, users);
        var dedup = new BatchDeduplicator(content.CanSeek ? EstimatedRows(content.Length) : 0);
        var first = new bool[EventRowChunk.DefaultCapacity];
        var processed = new ProcessedEventWriter(batch.Processed);
        var quarantine = new QuarantineWriter(batch.Quarantine, keepRawRows);
        await using (quarantine.ConfigureAwait(false))
        {
            try
            {
                var reader = await EventRowReader.OpenAsync(content, format, validator, options, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var chunk = new EventRowChunk();
                    while (await reader.ReadAsync(chunk, cancellationToken).ConfigureAwait(false))
                    {
                        batch.Rows += chunk.RowsRead;
                        var accepted = chunk.Accepted;
                        if (first.Length < accepted.Count)
                        {
                            first = new bool[accepted.Count];
                        }

                        dedup.AddRange(CollectionsMarshal.AsSpan(accepted), first);
                        for (var i = 0; i < accepted.Count; i++)
                        {
                            var evt = accepted[i];
                            if (!first[i])
                            {
                                batch.DuplicateRows++;
                                continue;
                            }

                            batch.Accepted++;
                            batch.Observe(evt.Timestamp);
                            batch.Fresh?.Offer(evt);
                            await processed.AddAsync(evt, cancellationToken).ConfigureAwait(false);
                        }

                        foreach (var rejection in chunk.Rejected)
                        {
                            batch.Quarantined++;
                            await quarantine.AddAsync(rejection, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
            catch (EventFileRejectedException ex)
            {
                batch.RejectionReason = ex.Reason;
                return;
            }

            batch.RejectionReason = EventFile.BadRowsReason(batch.Rows, batch.Quarantined, options);
            if (batch.RejectionReason is null)
            {
                await processed.CompleteAsync(cancellationToken).ConfigureAwait(false);
                await quarantine.CompleteAsync(cancellationToken).ConfigureAwait(false);
                batch.Users = processed.Users;
            }
        }
    }

    /// <summary>A guess at a file's rows from its size, to size the dedupe set once (a CSV event row takes 40 bytes or
    /// more; a compressed file has more rows than this says, and the set grows for them).</summary>
    private static int EstimatedRows(long bytes) => (int)Math.Min(bytes / 40, int.MaxValue);
}
