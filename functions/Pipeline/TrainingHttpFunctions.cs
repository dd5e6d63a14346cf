using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Tailor.Functions.Http;
using Tailor.Pipeline;

namespace Tailor.Functions.Pipeline;

/// <summary><c>POST training</c> starts or joins the singleton run (admin); <c>GET training/{id}</c> reports on one.</summary>
public sealed class TrainingHttpFunctions(TrainingScheduler scheduler)
{
    [Function("StartTraining")]
    public async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "training")] HttpRequest req,
        [DurableClient] DurableTaskClient durable)
    {
        if (RequestParameters.TryReadReason(req, "requested by an administrator", out var reason) is { } invalid)
        {
            return invalid;
        }

        var (instanceId, started) = await scheduler.RequestAsync(durable, reason, req.HttpContext.RequestAborted, debounce: false);
        return new JsonResponse<TrainingStarted>(
            new TrainingStarted(instanceId, started, $"/api/training/{instanceId}"),
            HttpJsonContext.Default.TrainingStarted, StatusCodes.Status202Accepted);
    }

    [Function("GetTraining")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "training/{id}")] HttpRequest req,
        string id,
        [DurableClient] DurableTaskClient durable)
    {
        var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: true, req.HttpContext.RequestAborted);
        if (instance is null)
        {
            return Problem.NotFound("id", $"No training run has id '{id}'.");
        }

        var outcome = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && instance.SerializedOutput is { } output
            ? JsonSerializer.Deserialize(output, HttpJsonContext.Default.TrainingOutcome)
            : null;
        return new JsonResponse<TrainingStatus>(
            new TrainingStatus(id, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt, outcome, instance.FailureDetails?.ErrorMessage),
            HttpJsonContext.Default.TrainingStatus);
    }
}

/// <summary>Answer to <c>POST training</c>: the run's id, whether this call started it, and where to poll.</summary>
public sealed record TrainingStarted(string InstanceId, bool Started, string StatusUri);

/// <summary>Answer to <c>GET training/{id}</c>.</summary>
public sealed record TrainingStatus(
    string InstanceId,
    string Status,
    DateTimeOffset CreatedUtc,
    DateTimeOffset LastUpdatedUtc,
    TrainingOutcome? Outcome,
    string? Failure);
