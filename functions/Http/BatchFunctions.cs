using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tailor.Ingestion;

namespace Tailor.Functions.Http;

/// <summary><c>GET batches</c> lists the state each uploaded blob ended in; <c>POST batches/{batchId}/retry</c>
/// re-ingests a failed or rejected one (admin).</summary>
public sealed class BatchFunctions(BatchHistory history, BatchRetry retry, QuarantineSample quarantine)
{
    [Function("ListBatches")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "batches")] HttpRequest req)
    {
        BatchStatus? status = null;
        if (req.Query.TryGetValue("status", out var statusValues))
        {
            if (statusValues.Count != 1 || !BatchStatusNames.TryParse(statusValues[0], out var parsed))
            {
                return Problem.InvalidParameter("status", $"must be one of {string.Join(", ", BatchStatusNames.All)}");
            }

            status = parsed;
        }

        DateTimeOffset? since = null;
        if (req.Query.TryGetValue("since", out var sinceValues))
        {
            if (sinceValues.Count != 1 || !DateTimeOffset.TryParse(sinceValues[0], CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return Problem.InvalidParameter("since", "must be an ISO 8601 date and time, e.g. 2026-01-31T00:00:00Z");
            }

            since = parsed;
        }

        var records = await history.ListAsync(status, since, req.HttpContext.RequestAborted);
        var batches = new List<BatchInfo>(records.Count);
        foreach (var record in records)
        {
            batches.Add(BatchInfo.From(record));
        }

        return new JsonResponse<BatchListResponse>(new BatchListResponse(batches), HttpJsonContext.Default.BatchListResponse);
    }

    [Function("RetryBatch")]
    public async Task<IActionResult> Retry(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "batches/{batchId}/retry")] HttpRequest req, string batchId)
    {
        if (RequestParameters.CheckId("batchId", batchId) is { } invalid)
        {
            return invalid;
        }

        var result = await retry.RetryAsync(batchId, req.HttpContext.RequestAborted);
        return result switch
        {
            { Status: BatchRetryStatus.NotFound } => Problem.NotFound("batchId", $"No batch or upload has batchId '{batchId}' (ids are listed by GET batches)."),
            { Status: BatchRetryStatus.NotRetryable } => Problem.Conflict(result.Reason!),
            _ => new JsonResponse<BatchRetryResponse>(
                new BatchRetryResponse(batchId, BatchStatusNames.Of(result.Previous!.Status), BatchInfo.From(result.Outcome!)),
                HttpJsonContext.Default.BatchRetryResponse),
        };
    }

    /// <summary>The first rows a batch quarantined, with line numbers and reasons (admin: raw rows may hold user data).</summary>
    [Function("GetQuarantineSample")]
    public async Task<IActionResult> Quarantine(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "batches/{batchId}/quarantine")] HttpRequest req, string batchId)
    {
        if (RequestParameters.CheckId("batchId", batchId) is { } invalid)
        {
            return invalid;
        }

        var count = QuarantineSampleResponse.DefaultCount;
        if (req.Query.TryGetValue("count", out var countValues)
            && (countValues.Count != 1 || !int.TryParse(countValues[0], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > QuarantineSample.MaxRows))
        {
            return Problem.InvalidParameter("count", $"must be a whole number from 1 to {QuarantineSample.MaxRows}");
        }

        var sample = await quarantine.ReadAsync(batchId, count, req.HttpContext.RequestAborted);
        return sample is null
            ? Problem.NotFound("batchId", $"No batch or upload has batchId '{batchId}' (ids are listed by GET batches).")
            : new JsonResponse<QuarantineSampleResponse>(new QuarantineSampleResponse(BatchInfo.From(sample.Batch), sample.Rows), HttpJsonContext.Default.QuarantineSampleResponse);
    }
}

/// <summary>Body of <c>GET batches/{batchId}/quarantine</c>: the batch and its first quarantined rows.</summary>
public sealed record QuarantineSampleResponse(BatchInfo Batch, IReadOnlyList<QuarantinedRow> Rows)
{
    public const int DefaultCount = 20;
}

/// <summary>One uploaded blob's recorded state in <c>GET batches</c>.</summary>
public sealed record BatchInfo(
    string BatchId,
    string BlobName,
    string Status,
    long Accepted,
    long Quarantined,
    long DuplicateRows,
    string? Reason,
    DateTimeOffset? RecordedUtc)
{
    /// <summary>What the blob holds and so which container it is in: <c>events</c> or <c>catalog</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The listing's view of a recorded state (<c>RecordedUtc</c> is null for an outcome not read back from the table).</summary>
    public static BatchInfo From(BatchOutcome outcome) => new(outcome.BatchId, outcome.BlobName, BatchStatusNames.Of(outcome.Status),
        outcome.Accepted, outcome.Quarantined, outcome.DuplicateRows, outcome.Reason, outcome.RecordedAt)
    {
        Kind = outcome.Kind,
    };
}

/// <summary>Body of <c>GET batches</c>: uploads newest first (at most <see cref="BatchHistory.MaxListed"/>).</summary>
public sealed record BatchListResponse(IReadOnlyList<BatchInfo> Batches);

/// <summary>Body of a successful <c>POST batches/{batchId}/retry</c>: the state before and the new outcome.</summary>
public sealed record BatchRetryResponse(string BatchId, string PreviousStatus, BatchInfo Outcome);
