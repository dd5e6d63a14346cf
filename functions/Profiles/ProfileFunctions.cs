using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Tailor.Functions.Http;
using Tailor.Models;
using Tailor.Profiles;

namespace Tailor.Functions.Profiles;

/// <summary><c>GET users/{userId}/profile</c>: the user's profile as of the run that trained the serving model.</summary>
public sealed class ProfileFunctions(ModelPointer pointer, ProfileStore profiles)
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

        var profile = await profiles.ReadAsync(serving.Current.Version, userId, cancellationToken);
        return profile is null
            ? Problem.NotFound("userId", $"No profile for userId '{userId}' in the data of model {serving.Current.Version}.")
            : new JsonResponse<UserProfile>(profile, ProfileJsonContext.Default.UserProfile);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UserProfile))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
