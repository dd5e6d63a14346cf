using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Functions.Http;
using Tailor.Privacy;
using Tailor.Profiles;
using Tailor.Serving;

namespace Tailor.Functions.Privacy;

/// <summary><c>GET users/{userId}/erasure</c> (admin): where the user's erasure stands; <c>GET users/{userId}/data</c>
/// (admin): everything Tailor holds about the user (right of access), or 404 once the user was forgotten.</summary>
/// <remarks>Route user ids are the caller's: mapped to the stored id (<see cref="UserIdPseudonymizer"/>) before any
/// lookup, and echoed back as given.</remarks>
public sealed class UserDataFunctions(
    ErasureLedger ledger, UserDataExport export, IModelSource models, UserIdPseudonymizer pseudonymizer, IOptions<PrivacyOptions> options, TimeProvider time)
{
    [Function("GetUserErasure")]
    public async Task<IActionResult> Erasure(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "users/{userId}/erasure")] HttpRequest req, string userId)
    {
        if (RequestParameters.CheckId("userId", userId) is { } invalid)
        {
            return invalid;
        }

        if (await ledger.FindAsync(pseudonymizer.Apply(userId), req.HttpContext.RequestAborted) is not { } record)
        {
            return Problem.NotFound("userId", $"No erasure was requested for userId '{userId}'.");
        }

        var deadline = record.ForgottenUtc.AddMinutes(options.Value.ErasureMinutes);
        return new JsonResponse<ErasureStatus>(new ErasureStatus(
            userId, record.State, record.ForgottenUtc, deadline, !record.IsDone && time.GetUtcNow() > deadline,
            record.DataErasedUtc, record.ErasedUtc, record.Removed, record.BatchUsers), HttpJsonContext.Default.ErasureStatus);
    }

    [Function("GetUserData")]
    public async Task<IActionResult> Data(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "users/{userId}/data")] HttpRequest req, string userId)
    {
        if (RequestParameters.CheckId("userId", userId) is { } invalid)
        {
            return invalid;
        }

        var cancellationToken = req.HttpContext.RequestAborted;
        var stored = pseudonymizer.Apply(userId);
        if (await ledger.FindAsync(stored, cancellationToken) is { } erasure)
        {
            return Problem.NotFound("userId", erasure.IsDone
                ? $"userId '{userId}' was erased (forgotten at {erasure.ForgottenUtc:o}, erased from every place at {erasure.ErasedUtc:o}); Tailor holds no data about them."
                : $"userId '{userId}' was forgotten at {erasure.ForgottenUtc:o} and is being erased (state {erasure.State}); Tailor no longer serves data about them.");
        }

        var events = await export.ReadEventsAsync(stored, UserDataExport.DefaultLimit, cancellationToken);
        var serving = await models.GetAsync(cancellationToken);
        var profile = serving?.Profiles?.Find(stored) is { } found ? found with { UserId = userId } : null;
        var segment = serving?.SegmentOf(stored) is { } s ? new ProfileSegment(s.SegmentId, s.Label) : null;
        var fresh = await export.ReadFreshAsync(stored, cancellationToken);
        var (served, totalServed) = await export.ReadImpressionsAsync(stored, UserDataExport.DefaultLimit, cancellationToken);
        if (events.Total == 0 && profile is null && fresh.Count == 0 && totalServed == 0)
        {
            return Problem.NotFound("userId", $"Tailor holds no data about userId '{userId}'.");
        }

        return new JsonResponse<UserDataResponse>(new UserDataResponse(
            userId,
            profile,
            serving?.Version,
            [.. events.Events.Select(e => new UserEventInfo(e.ItemId, e.EventType, e.Value, e.Weight, e.Timestamp))],
            events.Total,
            events.Truncated,
            events.BatchesRead)
        {
            Segment = segment,
            FreshEvents = [.. fresh.Select(e => new FreshEventInfo(
                e.ItemId, e.Weight, DateTimeOffset.FromUnixTimeMilliseconds(e.TimestampMs), DateTimeOffset.FromUnixTimeMilliseconds(e.ReceivedMs)))],
            Recommendations = [.. served.Select(i => new ServedListInfo(i.RecommendationId, i.Items, i.ModelVersion, i.Strategy, i.Variant, i.Route, i.TimestampUtc))],
            TotalRecommendations = totalServed,
        }, HttpJsonContext.Default.UserDataResponse);
    }
}

/// <summary>Answer to <c>GET users/{userId}/erasure</c>: the erasure's state (pending, data-erased, done), its
/// deadline (<c>Tailor:Privacy:ErasureMinutes</c> after the request), when the steps finished and what was removed
/// by place (processed rows and quarantine lines of this user; run folders and model versions deleted by the erasure
/// batch, which held <see cref="BatchUsers"/> users).</summary>
public sealed record ErasureStatus(
    string UserId,
    string State,
    DateTimeOffset ForgottenAt,
    DateTimeOffset Deadline,
    bool Overdue,
    DateTimeOffset? DataErasedAt,
    DateTimeOffset? ErasedAt,
    IReadOnlyDictionary<string, long> Removed,
    int BatchUsers);

/// <summary>Answer to <c>GET users/{userId}/data</c>: the profile and segment served with the current model, the
/// user's events from the processed batches (oldest first, at most 10,000; <see cref="Truncated"/> says when there are
/// more), their fresh events not yet in a model, and the lists served to them (impressions, at most 10,000).</summary>
public sealed record UserDataResponse(
    string UserId,
    UserProfile? Profile,
    string? ModelVersion,
    IReadOnlyList<UserEventInfo> Events,
    long TotalEvents,
    bool Truncated,
    int BatchesRead)
{
    public ProfileSegment? Segment { get; init; }

    public IReadOnlyList<FreshEventInfo> FreshEvents { get; init; } = [];

    public IReadOnlyList<ServedListInfo> Recommendations { get; init; } = [];

    public long TotalRecommendations { get; init; }
}

/// <summary>One fresh event of the user: the item, its weight, when it happened and when Tailor received it.</summary>
public sealed record FreshEventInfo(string ItemId, float Weight, DateTimeOffset Timestamp, DateTimeOffset Received);

/// <summary>One list served to the user, as the impressions store recorded it (items in served order).</summary>
public sealed record ServedListInfo(
    string RecommendationId, IReadOnlyList<string> Items, string ModelVersion, string Strategy, string Variant, string Route, DateTimeOffset Timestamp);

/// <summary>One stored event of the user.</summary>
public sealed record UserEventInfo(string ItemId, string EventType, double? Value, float Weight, DateTimeOffset Timestamp);
