using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tailor.Functions.Http;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Privacy;
using Tailor.Profiles;

namespace Tailor.Functions.Profiles;

/// <summary><c>GET users/{userId}/profile</c>: the user's profile as of the run that trained the serving model;
/// <c>DELETE users/{userId}</c> (admin): forget the user.</summary>
public sealed class ProfileFunctions(ModelPointer pointer, ProfileStore profiles, ForgottenUsers forgotten, TrainingScheduler scheduler)
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
        if (await pointer.ReadAsync(cancellationToken) is not { } serving)
        {
            return Problem.NoModel();
        }

        var profile = await forgotten.ContainsAsync(userId, cancellationToken) ? null : await profiles.ReadAsync(serving.Current.Version, userId, cancellationToken);
        return profile is null
            ? Problem.NotFound("userId", $"No profile for userId '{userId}' in the data of model {serving.Current.Version}.")
            : new JsonResponse<UserProfile>(profile, HttpJsonContext.Default.UserProfile);
    }

    /// <summary>Forgets a user: a tombstone, their profiles deleted, serving treats them as unknown, and a
    /// training run (started or joined) builds a model without their events.</summary>
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
        var profilesDeleted = await forgotten.ForgetAsync(userId, cancellationToken);
        var (instanceId, _) = await scheduler.RequestAsync(durable, "a user was forgotten", cancellationToken);
        return new JsonResponse<ForgetResponse>(
            new ForgetResponse(userId, profilesDeleted, instanceId), HttpJsonContext.Default.ForgetResponse, StatusCodes.Status202Accepted);
    }
}

/// <summary>Answer to <c>DELETE users/{userId}</c>: how many stored profiles were deleted and the training run
/// that rebuilds the model without the user.</summary>
public sealed record ForgetResponse(string UserId, int ProfilesDeleted, string TrainingInstanceId);
