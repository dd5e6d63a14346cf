using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tailor.Catalog;
using Tailor.Evaluation.Tuning;
using Tailor.Feedback;
using Tailor.Ingestion;
using Tailor.Models;
using Tailor.Pipeline;
using Tailor.Privacy;
using Tailor.Profiles;
using Tailor.Retention;
using Tailor.Segments;
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
            clients.AddClient<QueueServiceClient, QueueClientOptions>((clientOptions, credential, sp) =>
            {
                var options = sp.GetRequiredService<StorageOptions>();
                return string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? new QueueServiceClient(options.QueueServiceUri ?? QueueEndpoint(options.BlobServiceUri!), credential, clientOptions)
                    : new QueueServiceClient(options.ConnectionString, clientOptions);
            });
        });
        services.TryAddSingleton(sp => new TailorStorage(
            sp.GetRequiredService<BlobServiceClient>(),
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<StorageOptions>(),
            sp.GetRequiredService<QueueServiceClient>()));

        // Every container, table and queue exists before anything else starts: first among the hosted
        // services, so the Functions worker takes no invocation before it (bounded; see StorageProvisioner).
        if (!services.Any(d => d.ServiceType == typeof(StorageProvisioner)))
        {
            services.AddSingleton<StorageProvisioner>();
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<StorageProvisioner>()));
        }

        services.AddTailorIngestion();
        services.AddTailorCatalog();
        services.AddTailorServing();
        services.AddTailorPipeline();
        services.AddTailorRetention();
        return services;
    }

    /// <summary>The account's queue endpoint next to its blob endpoint (<c>https://acct.blob…</c> to <c>https://acct.queue…</c>).</summary>
    private static Uri QueueEndpoint(Uri blobServiceUri)
    {
        var host = blobServiceUri.Host;
        var dot = host.IndexOf(".blob.", StringComparison.OrdinalIgnoreCase);
        return dot < 0 ? blobServiceUri : new UriBuilder(blobServiceUri) { Host = host[..dot] + ".queue." + host[(dot + ".blob.".Length)..] }.Uri;
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
        services.AddTailorFeedback();
        services.TryAddSingleton<TrainingScheduler>();
        services.TryAddSingleton<RunStore>();
        services.TryAddSingleton<StageRecords>();
        services.TryAddSingleton<TrainingRequests>();
        services.TryAddSingleton<CloseRunStage>();
        services.TryAddSingleton<ProfileStore>();
        services.AddOptions<SegmentOptions>()
            .BindConfiguration(SegmentOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LightUserOptions>()
            .BindConfiguration(LightUserOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<SegmentStore>();
        services.TryAddSingleton<SnapshotStage>();
        services.TryAddSingleton<ProfilesStage>();
        services.TryAddSingleton<TrainStage>();
        services.TryAddSingleton<SegmentStage>();
        services.TryAddSingleton<EvaluateStage>();
        services.TryAddSingleton<PromoteStage>();
        services.TryAddSingleton<ChallengerPointer>();
        services.TryAddSingleton<OnlinePromotion>();
        services.TryAddSingleton<ErasureScheduling>();
        services.AddUserDataPlace<RunFilesPlace>();
        services.AddUserDataPlace<FreshHistoryPlace>();
        services.AddUserDataPlace<ImpressionsPlace>();
        return services;
    }
}
