using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Tailor.Functions.Http;
using Tailor.Privacy;

namespace Tailor.Functions.Privacy;

/// <summary><c>GET erasures?state=open</c> (admin): the erasures in a state, oldest first, with how many there are,
/// since when the oldest waits and how many are past their deadline: what the console's pending-erasures alert shows.</summary>
public sealed class ErasureListFunctions(ErasureLedger ledger, IOptions<PrivacyOptions> options, TimeProvider time)
{
    /// <summary>At most this many erasures are listed; <see cref="ErasureListResponse.Count"/> counts them all.</summary>
    public const int MaxListed = 1_000;

    [Function("ListErasures")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "erasures")] HttpRequest req)
    {
        var state = ErasureStates.Open;
        if (req.Query.TryGetValue("state", out var values))
        {
            if (values.Count != 1 || !ErasureStates.Filters.Contains(values[0]))
            {
                return Problem.InvalidParameter("state", $"must be one of {string.Join(", ", ErasureStates.Filters)}");
            }

            state = values[0]!;
        }

        var records = await ledger.ListAsync(s => ErasureStates.Matches(state, s), req.HttpContext.RequestAborted);
        var now = time.GetUtcNow();
        var minutes = options.Value.ErasureMinutes;
        var listed = new List<ErasureListItem>(Math.Min(records.Count, MaxListed));
        var overdue = 0;
        foreach (var record in records)
        {
            var deadline = record.ForgottenUtc.AddMinutes(minutes);
            var late = !record.IsDone && now > deadline;
            overdue += late ? 1 : 0;
            if (listed.Count < MaxListed)
            {
                listed.Add(new ErasureListItem(record.UserId, record.State, record.ForgottenUtc, deadline, late, record.DataErasedUtc, record.ErasedUtc));
            }
        }

        return new JsonResponse<ErasureListResponse>(
            new ErasureListResponse(state, records.Count, records.Count > 0 ? records[0].ForgottenUtc : null, overdue, listed, records.Count > MaxListed),
            HttpJsonContext.Default.ErasureListResponse);
    }
}

/// <summary>Answer to <c>GET erasures</c>: the filter, how many erasures pass it, when the oldest of them was asked
/// for, how many are past their deadline, and the first <see cref="ErasureListFunctions.MaxListed"/> of them.</summary>
public sealed record ErasureListResponse(
    string State, int Count, DateTimeOffset? OldestForgottenAt, int Overdue, IReadOnlyList<ErasureListItem> Erasures, bool Truncated);

/// <summary>One erasure of a listing. <see cref="UserId"/> is the id as stored: the pseudonym when
/// pseudonymization is on (the listing cannot map it back).</summary>
public sealed record ErasureListItem(
    string UserId, string State, DateTimeOffset ForgottenAt, DateTimeOffset Deadline, bool Overdue, DateTimeOffset? DataErasedAt, DateTimeOffset? ErasedAt);
