using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tailor.Ingestion;

namespace Tailor.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>Registers <see cref="CatalogBatchIngestor"/> (also as one of the <see cref="BatchIngestor"/>s, so
    /// that retries and dead letters reach it) and <see cref="CatalogSnapshot"/>. Expects what
    /// <c>AddTailorIngestion</c> registers.</summary>
    public static IServiceCollection AddTailorCatalog(this IServiceCollection services)
    {
        services.TryAddSingleton<CatalogBatchIngestor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<BatchIngestor, CatalogBatchIngestor>(sp => sp.GetRequiredService<CatalogBatchIngestor>()));
        services.TryAddSingleton<CatalogSnapshot>();
        return services;
    }
}
