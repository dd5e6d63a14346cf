using System.Text.Json;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Tailor.Cli.Hosting;

/// <summary>
/// The Durable Task SDK's client over the Durable Task Framework's <see cref="TaskHubClient"/>, so the Functions
/// app's classes that take a <c>[DurableClient]</c> run unchanged on <see cref="LocalDurableHost"/>. It does what
/// those classes and <see cref="LocalTraining"/> need: schedule (with the instance id, deduplicated against a run
/// still active), read an instance with its input, output and custom status, raise an event, terminate, wait and
/// purge one instance. Queries over many instances, suspension, rewinding, restarting and entities throw
/// <see cref="NotSupportedException"/>.
/// </summary>
public sealed class TaskHubDurableClient(TaskHubClient client, string taskHub) : DurableTaskClient(taskHub)
{
    private static readonly OrchestrationStatus[] s_active =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended];

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(250);

    public override DurableEntityClient Entities =>
        throw Unsupported("entities");

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        if (options?.StartAt is not null)
        {
            throw Unsupported("a scheduled start time (StartAt)");
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var tags = options?.Tags is { Count: > 0 } given ? new Dictionary<string, string>(given) : null;
        var instance = await client.CreateOrchestrationInstanceAsync(
            orchestratorName.Name, string.Empty, instanceId, input, tags, s_active).ConfigureAwait(false);
        return instance.InstanceId;
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var state = await client.GetOrchestrationStateAsync(instanceId).ConfigureAwait(false);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, eventPayload!);
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        if (options?.Recursive == true)
        {
            throw Unsupported("recursive termination");
        }

        var reason = options?.Output switch
        {
            null => string.Empty,
            string text => text,
            var other => JsonSerializer.Serialize(other, JsonSerializerOptions.Web),
        };
        return client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, status => status != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, status => status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated, cancellation);

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        if (options?.Recursive == true)
        {
            throw Unsupported("recursive purge");
        }

        if (client.ServiceClient is not IOrchestrationServicePurgeClient purge)
        {
            throw Unsupported("purge on this orchestration service");
        }

        var result = await purge.PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw Unsupported("suspension");

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw Unsupported("resuming a suspended instance");

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        throw Unsupported("queries over many instances");

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw Unsupported("purging many instances");

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<OrchestrationMetadata> WaitAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationRuntimeStatus, bool> reached, CancellationToken cancellation)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false) is { } metadata && reached(metadata.RuntimeStatus))
            {
                return metadata;
            }

            await Task.Delay(s_pollInterval, cancellation).ConfigureAwait(false);
        }
    }

    private static OrchestrationMetadata ToMetadata(OrchestrationState state, bool getInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            RuntimeStatus = ToRuntimeStatus(state.OrchestrationStatus),
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            SerializedOutput = getInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = ToFailure(state.FailureDetails),
            Tags = state.Tags is { } tags ? new Dictionary<string, string>(tags) : new Dictionary<string, string>(),
        };

    /// <summary>The two enumerations name the same states with different numbers in places: map by name.</summary>
    private static OrchestrationRuntimeStatus ToRuntimeStatus(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Running => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Completed => OrchestrationRuntimeStatus.Completed,
        OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.Running,
        OrchestrationStatus.Failed => OrchestrationRuntimeStatus.Failed,
        OrchestrationStatus.Canceled => OrchestrationRuntimeStatus.Terminated,
        OrchestrationStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        OrchestrationStatus.Pending => OrchestrationRuntimeStatus.Pending,
        OrchestrationStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new NotSupportedException($"Orchestration status {status} has no Durable Task SDK equivalent."),
    };

    private static TaskFailureDetails? ToFailure(CoreFailureDetails? failure) => failure is null
        ? null
        : new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, ToFailure(failure.InnerFailure), null);

    private static NotSupportedException Unsupported(string what) =>
        new($"The local Durable Task client (tailor serve, tailor train) does not support {what}.");
}
