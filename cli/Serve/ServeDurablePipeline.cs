using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tailor.Cli.Hosting;
using Tailor.Storage;

namespace Tailor.Cli.Serve;

/// <summary>
/// The Durable pipeline inside <c>tailor serve</c>: a <see cref="LocalDurableHost"/> worker on the CLI's task hub
/// (<c>Tailor:Cli:TaskHub</c>, default <see cref="LocalDurableHost.DefaultTaskHub"/>), started before Kestrel
/// listens and stopped after it, whose <see cref="DurableTaskClient"/> the functions' <c>[DurableClient]</c>
/// parameters receive.
/// <para>Its worker is named <see cref="WorkerId"/>, not <see cref="LocalDurableHost.WorkerId"/>: a
/// <c>tailor train</c> started while the server runs is a second process on the same task hub, and with one
/// name both would own the single partition and take the same orchestration messages. With two names the server
/// keeps the partition lease and runs the orchestration; <c>tailor train</c> starts the run or finds it running
/// (<see cref="StaleRunRule"/>: resume), waits for it and may run some of its activities (activity messages go to
/// whichever worker asks first).</para>
/// </summary>
public sealed class ServeDurablePipeline(IServiceProvider services, IOptions<StorageOptions> storage, IConfiguration configuration, ILoggerFactory loggerFactory)
    : IHostedService
{
    private LocalDurableHost? _host;

    /// <summary>The server's worker name: the same for every <c>tailor serve</c> on this machine, so a restarted
    /// server owns the partition lease at once.</summary>
    public static string WorkerId => "tailor-serve-" + Environment.MachineName;

    public string TaskHub => configuration[LocalTraining.TaskHubSetting] is { Length: > 0 } configured ? configured : LocalDurableHost.DefaultTaskHub;

    public DurableTaskClient Client => _host?.DurableClient
        ?? throw new InvalidOperationException("The Durable pipeline of tailor serve has not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = storage.Value.ConnectionString
            ?? throw new InvalidOperationException($"{StorageOptions.Section}:ConnectionString is required to run the Durable pipeline.");
        _host = await LocalDurableHost.StartAsync(connection, services, loggerFactory, TaskHub, WorkerId).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_host is { } host)
        {
            _host = null;
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }
}

public static class ServeDurablePipelineRegistration
{
    /// <summary>The Durable pipeline, the <see cref="DurableTaskClient"/> over it and the erasure timer.</summary>
    public static IServiceCollection AddServeDurablePipeline(this IServiceCollection services)
    {
        services.AddSingleton<ServeDurablePipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<ServeDurablePipeline>());
        services.AddSingleton(sp => sp.GetRequiredService<ServeDurablePipeline>().Client);
        services.AddHostedService<ErasureTimer>();
        return services;
    }
}
