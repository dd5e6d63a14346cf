using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Tailor.Storage;

namespace Tailor.Ingestion;

/// <summary>The first rows a batch sent to quarantine, read line by line from its JSON Lines blob (never the whole
/// blob), for operators who want to see why rows were refused.</summary>
public sealed class QuarantineSample(BatchHistory history, TailorStorage storage)
{
    /// <summary>At most this many rows are returned.</summary>
    public const int MaxRows = 100;

    /// <summary>Null when no batch has <paramref name="batchId"/>; otherwise the batch and its first
    /// <paramref name="count"/> quarantined rows (none when it quarantined nothing).</summary>
    public async Task<QuarantineSampleResult?> ReadAsync(string batchId, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxRows);
        var batch = await history.FindAsync(batchId, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return null;
        }

        var rows = new List<QuarantinedRow>(Math.Min(count, (int)Math.Min(batch.Quarantined, MaxRows)));
        if (batch.QuarantineBlobName is { } blobName)
        {
            try
            {
                await using var stream = await storage.Quarantine.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                while (rows.Count < count && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (line.Length > 0 && JsonSerializer.Deserialize(line, QuarantinedRowJsonContext.Default.QuarantinedRow) is { } row)
                    {
                        rows.Add(row);
                    }
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Pruned or never written: the batch still says how many rows it quarantined.
            }
        }

        return new QuarantineSampleResult(batch, rows);
    }
}

/// <summary>A batch and a sample of its quarantined rows.</summary>
public sealed record QuarantineSampleResult(BatchOutcome Batch, IReadOnlyList<QuarantinedRow> Rows);

/// <summary>One quarantined row as <see cref="QuarantineWriter"/> writes it: line number, reason naming the field, raw text (cut to 1 KB).</summary>
public sealed record QuarantinedRow(long Line, string Reason, string Raw);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(QuarantinedRow))]
internal sealed partial class QuarantinedRowJsonContext : JsonSerializerContext;
