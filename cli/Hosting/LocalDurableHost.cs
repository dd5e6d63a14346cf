using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tailor.Pipeline.Tasks;

namespace Tailor.Cli.Hosting;

/// <summary>
/// Runs the pipeline's orchestration outside the Functions host: the Durable Task Framework's Azure Storage
/// provider against the configured storage (Azurite locally), with the same orchestrator and activities
/// adapted through the Durable Task SDK's shims.
/// The settings suit one local worker process that may be killed and started again:
/// <list type="bullet">
/// <item>the worker id is stable per machine and partitions are managed in a table, so a restarted CLI finds the
/// partition lease in its own name and renews it at once, instead of waiting for a dead process's lease to run out;</item>
/// <item>work items stay invisible for <see cref="WorkItemVisibility"/> only: the framework renews that visibility
/// every few seconds while an activity runs (so a long activity is never handed out twice), and an activity that
/// a killed process had taken reappears for the restarted one within that time;</item>
/// <item>the partition table may take longer than the framework's 2-second default while training saturates the
/// machine, so its operations get <see cref="PartitionTableTimeout"/> before they count as failed.</item>
/// </list>
/// </summary>
public sealed class LocalDurableHost : IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;

    private LocalDurableHost(AzureStorageOrchestrationService service, TaskHubWorker worker, TaskHubClient client, string taskHub)
    {
        _service = service;
        _worker = worker;
        Client = client;
        DurableClient = new TaskHubDurableClient(client, taskHub);
    }

    public TaskHubClient Client { get; }

    /// <summary>The same client as the Durable Task SDK's, for the Functions app's <c>[DurableClient]</c> parameters.</summary>
    public DurableTaskClient DurableClient { get; }

    /// <summary>The task hub the CLI uses unless told otherwise (separate from the Functions app's).</summary>
    public const string DefaultTaskHub = "TailorCli";

    /// <summary>How long a taken work item stays invisible without renewal (the framework renews it every 5 s
    /// while the activity runs, once less than 30 s remain).</summary>
    public static readonly TimeSpan WorkItemVisibility = TimeSpan.FromSeconds(30);

    /// <summary>How long a taken control-queue message (orchestration step) stays invisible. The framework does
    /// not renew these while they wait in memory for their episode, and a busy machine (training on every core)
    /// delays episodes by many seconds: shorter than a minute, messages reappear while still being processed and
    /// their pop receipts no longer match.</summary>
    public static readonly TimeSpan ControlVisibility = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan PartitionTableTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The worker's name: the same for every CLI process on this machine, so a restarted one owns the
    /// partition lease the killed one held.</summary>
    public static string WorkerId => "tailor-cli-" + Environment.MachineName;

    /// <summary>Configuration key for how many activities the worker runs at once (default: one per core). At 1 the
    /// worker runs the stages one after the other, as each instance of the Functions app does
    /// (<c>maxConcurrentActivityFunctions</c> in host.json), so a stage's memory is its own.</summary>
    public const string ActivityConcurrencySetting = "Tailor:Cli:ActivityConcurrency";

    /// <summary>Starts a worker on <paramref name="taskHub"/> named <paramref name="workerId"/> (default
    /// <see cref="WorkerId"/>). Two processes running at once must not share a name: both would own the partition.</summary>
    public static async Task<LocalDurableHost> StartAsync(
        string connectionString, IServiceProvider services, ILoggerFactory loggerFactory, string taskHub = DefaultTaskHub, string? workerId = null)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = taskHub,
            WorkerId = workerId ?? WorkerId,
            PartitionCount = 1,

            // One activity per core unless configured: the snapshot and evaluation shards take turns instead of all
            // holding their data at once.
            MaxConcurrentTaskActivityWorkItems = ActivityConcurrency(services.GetService<IConfiguration>()),
            UseTablePartitionManagement = true,
            PartitionTableOperationTimeout = PartitionTableTimeout,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            ControlQueueVisibilityTimeout = ControlVisibility,
            WorkItemQueueVisibilityTimeout = WorkItemVisibility,
            LeaseRenewInterval = TimeSpan.FromSeconds(5),
            LeaseAcquireInterval = TimeSpan.FromSeconds(5),
            LeaseInterval = TimeSpan.FromSeconds(60),
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
        return new LocalDurableHost(service, worker, client, taskHub);
    }

    private static int ActivityConcurrency(IConfiguration? configuration) =>
        configuration?[ActivityConcurrencySetting] is { Length: > 0 } configured
            ? int.TryParse(configured, System.Globalization.CultureInfo.InvariantCulture, out var count) && count >= 1
                ? count
                : throw new InvalidOperationException($"{ActivityConcurrencySetting} must be a whole number of at least 1, not '{configured}'.")
            : Environment.ProcessorCount;

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
