using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tailor.Events;
using Tailor.Functions.Http;
using Tailor.Pipeline;
using Tailor.Privacy;
using Tailor.Profiles;
using Tailor.Serving;

namespace Tailor.Functions.Profiles;

/// <summary><c>GET users/{userId}/profile</c>: the user's profile as of the run that trained the serving model;
/// <c>DELETE users/{userId}</c> (admin): forget the user.</summary>
/// <remarks>Route user ids are the caller's: mapped to the stored id (<see cref="UserIdPseudonymizer"/>) before any
/// lookup or tombstone, and echoed back as given.</remarks>
public sealed class ProfileFunctions(IModelSource models, ForgottenUsers forgotten, UserIdPseudonymizer pseudonymizer, TrainingScheduler scheduler)
{
    [Function("GetUserProfile")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "users/{userId}/profile")] HttpRequest req, string userId)
    {
        if (RequestParameters.CheckId("userId", userId) is { } invalid)
        {
            return invalid;
        }

        var cancellationToken = req.HttpContext.RequestAborted;
        if (await models.GetAsync(cancellationToken) is not { } serving)
        {
            return Problem.NoModel();
        }

        // An in-memory lookup in the profiles loaded with the serving model, so both come from one version.
        var stored = pseudonymizer.Apply(userId);
        var profile = await forgotten.ContainsAsync(stored, cancellationToken) ? null : serving.Profiles?.Find(stored);
        if (profile is null)
        {
            return Problem.NotFound("userId", $"No profile for userId '{userId}' in the data of model {serving.Version}.");
        }

        var segment = serving.SegmentOf(stored);
        return new JsonResponse<UserProfile>(
            (segment is null ? profile : profile with { Segment = new ProfileSegment(segment.SegmentId, segment.Label) }) with { UserId = userId },
            HttpJsonContext.Default.UserProfile);
    }

    /// <summary>Forgets a user: a tombstone, serving treats them as unknown (profile and recommendations) at
    /// once, and a training run (started or joined) builds a model and profiles without their events.</summary>
    [Function("ForgetUser")]
    public async Task<IActionResult> Forget(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "users/{userId}")] HttpRequest req,
        string userId,
        [DurableClient] DurableTaskClient durable)
    {
        if (RequestParameters.CheckId("userId", userId) is { } invalid)
        {
            return invalid;
        }

        var cancellationToken = req.HttpContext.RequestAborted;
        await forgotten.ForgetAsync(pseudonymizer.Apply(userId), cancellationToken);
        var (instanceId, _) = await scheduler.RequestAsync(durable, "a user was forgotten", cancellationToken);
        return new JsonResponse<ForgetResponse>(
            new ForgetResponse(userId, instanceId), HttpJsonContext.Default.ForgetResponse, StatusCodes.Status202Accepted);
    }
}

/// <summary>Answer to <c>DELETE users/{userId}</c>: the training run that rebuilds the model and the profiles
/// without the user.</summary>
public sealed record ForgetResponse(string UserId, string TrainingInstanceId);
