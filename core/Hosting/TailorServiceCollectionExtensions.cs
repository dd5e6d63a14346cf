using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tailor.Evaluation.Tuning;
using Tailor.Ingestion;
using Tailor.Pipeline;
using Tailor.Privacy;
using Tailor.Profiles;
using Tailor.Serving;
using Tailor.Storage;

namespace Tailor.Hosting;

/// <summary>The one registration the Functions app, the CLI and the tests share.</summary>
public static class TailorServiceCollectionExtensions
{
    public static IServiceCollection AddTailor(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<StorageOptions>>(new StorageOptionsSetup(configuration));
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<PipelineOptions>()
            .BindConfiguration(PipelineOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // One set of Azure clients per process: a connection string locally (Azurite), a managed identity in Azure.
        services.TryAddSingleton(sp => StorageOptionsSetup.WithFallback(sp.GetRequiredService<IOptions<StorageOptions>>().Value, configuration));
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(new DefaultAzureCredential());
            clients.AddClient<BlobServiceClient, BlobClientOptions>((clientOptions, credential, sp) =>
            {
                var options = sp.GetRequiredService<StorageOptions>();
                return string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? new BlobServiceClient(options.BlobServiceUri, credential, clientOptions)
                    : new BlobServiceClient(options.ConnectionString, clientOptions);
            });
            clients.AddClient<TableServiceClient, TableClientOptions>((clientOptions, credential, sp) =>
            {
                var options = sp.GetRequiredService<StorageOptions>();
                return string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? new TableServiceClient(options.TableServiceUri, credential, clientOptions)
                    : new TableServiceClient(options.ConnectionString, clientOptions);
            });
        });
        services.TryAddSingleton(sp => new TailorStorage(
            sp.GetRequiredService<BlobServiceClient>(),
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<StorageOptions>()));

        services.AddTailorIngestion();
        services.AddTailorServing();
        services.AddTailorPipeline();
        return services;
    }

    /// <summary>The training pipeline's stages and scheduler.</summary>
    public static IServiceCollection AddTailorPipeline(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrainingOptions>, TrainingOptionsValidator>());
        services.AddOptions<TrainingOptions>()
            .BindConfiguration(TrainingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddTailorPrivacy();
        services.TryAddSingleton<TrainingScheduler>();
        services.TryAddSingleton<RunStore>();
        services.TryAddSingleton<StageRecords>();
        services.TryAddSingleton<TrainingRequests>();
        services.TryAddSingleton<CloseRunStage>();
        services.TryAddSingleton<ProfileStore>();
        services.TryAddSingleton<SnapshotStage>();
        services.TryAddSingleton<ProfilesStage>();
        services.TryAddSingleton<TrainStage>();
        services.TryAddSingleton<EvaluateStage>();
        services.TryAddSingleton<PromoteStage>();
        return services;
    }
}
