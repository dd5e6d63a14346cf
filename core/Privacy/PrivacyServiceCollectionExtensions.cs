using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tailor.Ingestion;
using Tailor.Models;

namespace Tailor.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ForgottenUsers"/> (also as <see cref="IForgottenUsers"/>) with
    /// <see cref="PrivacyOptions"/> bound from <c>Tailor:Privacy</c> and validated at start, the erasure worker with
    /// the places this folder knows (processed batches, quarantine, raw uploads, model versions), the access export, and the guard that
    /// refuses rollbacks that could undo an erasure. Every
    /// registration that reads user data (<c>AddTailorServing</c>, <c>AddTailorPipeline</c>) calls it; calling it
    /// twice is harmless. Needs <c>TailorStorage</c>; registers <see cref="TimeProvider.System"/> when no TimeProvider is.</summary>
    public static IServiceCollection AddTailorPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>()
            .BindConfiguration(PrivacyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTailorPseudonyms();
        services.TryAddSingleton<ForgottenUsers>();
        services.TryAddSingleton<IForgottenUsers>(provider => provider.GetRequiredService<ForgottenUsers>());
        services.TryAddSingleton<ErasureLedger>();
        services.TryAddSingleton<ErasureWorker>();
        services.TryAddSingleton<UserDataExport>();
        services.TryAddSingleton<BatchUserIndexes>();
        services.TryAddSingleton<IProcessedBatchIndexer>(provider => provider.GetRequiredService<BatchUserIndexes>());
        services.TryAddSingleton<ProcessedEventReader>();
        services.TryAddSingleton<ProcessedBatchCompactor>();
        services.TryAddSingleton<QuarantineCompactor>();
        services.TryAddSingleton<ModelStore>();
        services.TryAddSingleton<ModelPointer>();
        services.AddUserDataPlace<ProcessedBatchesPlace>();
        services.AddUserDataPlace<QuarantinePlace>();
        services.AddUserDataPlace<UploadsPlace>();
        services.AddUserDataPlace<ModelVersionsPlace>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPromotionGuard, ErasurePromotionGuard>());
        return services;
    }

    /// <summary>Adds a place where user data lives to what erasure cleans (once per type).</summary>
    public static IServiceCollection AddUserDataPlace<TPlace>(this IServiceCollection services)
        where TPlace : class, IUserDataPlace
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IUserDataPlace, TPlace>());
        return services;
    }
}
