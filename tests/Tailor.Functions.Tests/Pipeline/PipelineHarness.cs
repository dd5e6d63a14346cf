using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Tailor.Cli.Synthetic;
using Tailor.Pipeline;
using Tailor.Pipeline.Tasks;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Tests.Pipeline;

/// <summary>The whole app's services (<c>AddTailor</c>) over storage no other test uses, with the training
/// orchestration on the in-process Durable Task engine and its activities hitting Azurite.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly DurableTaskTestHost _host;

    private PipelineHarness(ServiceProvider provider, DurableTaskTestHost host)
    {
        _provider = provider;
        _host = host;
    }

    public IServiceProvider Services => _provider;

    public TailorStorage Storage => _provider.GetRequiredService<TailorStorage>();

    public DurableTaskClient Client => _host.Client;

    /// <summary>With <paramref name="settings"/> over the isolated defaults, and <paramref name="register"/> in place of
    /// the pipeline's own registration when a test needs to wrap an activity.</summary>
    public static async Task<PipelineHarness> CreateAsync(
        AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, Action<DurableTaskRegistry, IServiceProvider>? register = null)
    {
        var configuration = IsolatedSettings.Create(azurite.ConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var provider = TailorServices.Build(configuration);
        await provider.GetRequiredService<TailorStorage>().EnsureCreatedAsync();
        var host = await InProcessDurableHost.StartAsync(registry =>
        {
            if (register is null)
            {
                registry.AddTailorPipeline(provider);
            }
            else
            {
                register(registry, provider);
            }
        });
        return new PipelineHarness(provider, host);
    }

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_provider);

    /// <summary>Uploads a generated events CSV to the events container.</summary>
    public async Task UploadGeneratedAsync(string blobName, GeneratorOptions options)
    {
        using var stream = new MemoryStream();
        await new SyntheticEventGenerator(options).WriteEventsAsync(stream);
        stream.Position = 0;
        await Storage.Events.GetBlobClient(blobName).UploadAsync(stream, overwrite: true);
    }

    public async Task UploadAsync(string blobName, byte[] content) =>
        await Storage.Events.GetBlobClient(blobName).UploadAsync(new BinaryData(content), overwrite: true);

    /// <summary>Waits (with a deadline) for the singleton training run to finish and returns its outcome.</summary>
    public async Task<TrainingOutcome> WaitForTrainingAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        var metadata = await Client.WaitForInstanceCompletionAsync(TrainingPipeline.InstanceId, getInputsAndOutputs: true, cts.Token);
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"Training ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
        return metadata.ReadOutputAs<TrainingOutcome>()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
