using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Fresh;

namespace Tailor.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>Registers <see cref="EventOptions"/> (section <c>Tailor:Events</c>, validated at start),
    /// <see cref="EventBatchIngestor"/> (also as one of the <see cref="BatchIngestor"/>s), <see cref="ProcessedEventReader"/>, <see cref="BatchHistory"/>,
    /// <see cref="BatchRetry"/>, <see cref="QuarantineSample"/>, <see cref="DeadLetterSweeper"/> and the fresh-history store both writers feed (<c>AddTailorFresh</c>). Expects <c>TailorStorage</c>
    /// to be registered; registers <see cref="TimeProvider.System"/> when no TimeProvider is.</summary>
    public static IServiceCollection AddTailorIngestion(this IServiceCollection services)
    {
        services.AddOptions<EventOptions>()
            .BindConfiguration(EventOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventOptions>, EventOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddTailorFresh();
        services.AddTailorPseudonyms();
        services.TryAddSingleton<EventBatchIngestor>();
        services.TryAddSingleton<EventApiWriter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<BatchIngestor, EventBatchIngestor>(sp => sp.GetRequiredService<EventBatchIngestor>()));
        services.TryAddSingleton<ProcessedEventReader>();
        services.TryAddSingleton<BatchHistory>();
        services.TryAddSingleton<BatchRetry>();
        services.TryAddSingleton<QuarantineSample>();
        services.TryAddSingleton<DeadLetterSweeper>();
        return services;
    }

    /// <summary>Registers <see cref="PseudonymOptions"/> (section <c>Tailor:Privacy</c>; start-up fails when
    /// pseudonymization is on without a usable key) and the one <see cref="UserIdPseudonymizer"/>. Calling it twice
    /// is harmless.</summary>
    public static IServiceCollection AddTailorPseudonyms(this IServiceCollection services)
    {
        services.AddOptions<PseudonymOptions>()
            .BindConfiguration(PseudonymOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PseudonymOptions>, PseudonymOptionsValidator>());
        services.TryAddSingleton<UserIdPseudonymizer>();
        return services;
    }
}
