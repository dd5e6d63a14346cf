using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Tailor.Pipeline.Tasks;

namespace Tailor.Cli.Hosting;

/// <summary>
/// Runs the pipeline's orchestration outside the Functions host: the Durable Task Framework's Azure Storage
/// provider against the configured storage (Azurite locally), with the same orchestrator and activities
/// adapted through the Durable Task SDK's shims. Short polling and visibility timeouts keep it responsive.
/// </summary>
public sealed class LocalDurableHost : IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;

    private LocalDurableHost(AzureStorageOrchestrationService service, TaskHubWorker worker, TaskHubClient client)
    {
        _service = service;
        _worker = worker;
        Client = client;
    }

    public TaskHubClient Client { get; }

    /// <summary>The task hub the CLI uses unless told otherwise (separate from the Functions app's).</summary>
    public const string DefaultTaskHub = "TailorCli";

    public static async Task<LocalDurableHost> StartAsync(string connectionString, IServiceProvider services, ILoggerFactory loggerFactory, string taskHub = DefaultTaskHub)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = taskHub,
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(10),
            LeaseRenewInterval = TimeSpan.FromSeconds(2),
            LeaseAcquireInterval = TimeSpan.FromSeconds(2),
            LeaseInterval = TimeSpan.FromSeconds(10),
            LoggerFactory = loggerFactory,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);

        var worker = new TaskHubWorker(service, loggerFactory);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        var training = PipelineTaskList.Training;
        worker.AddTaskOrchestrations(new FactoryObjectCreator<TaskOrchestration>(
            training.Name, () => shims.CreateOrchestration(training.Name, training.CreateOrchestrator())));
        foreach (var activity in PipelineTaskList.Activities)
        {
            worker.AddTaskActivities(new FactoryObjectCreator<TaskActivity>(
                activity.Name, () => shims.CreateActivity(activity.Name, activity.CreateActivity(services))));
        }

        await worker.StartAsync().ConfigureAwait(false);

        var client = new TaskHubClient(service, new SystemTextJsonDataConverter(), loggerFactory);
        return new LocalDurableHost(service, worker, client);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(isForced: true).ConfigureAwait(false);
        _service.Dispose();
    }

    /// <summary>A fresh task object per execution, as the framework expects of orchestrations.</summary>
    private sealed class FactoryObjectCreator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public FactoryObjectCreator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
