using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tailor.Fresh;

public static class FreshServiceCollectionExtensions
{
    /// <summary>Registers <see cref="FreshOptions"/> (section <c>Tailor:Fresh</c>, validated at start), the
    /// <see cref="FreshHistoryTable"/> and, as <see cref="IFreshHistory"/>, the per-process <see cref="CachedFreshHistory"/>
    /// over it. Needs <c>TailorStorage</c> and <c>TimeProvider</c> registered.</summary>
    public static IServiceCollection AddTailorFresh(this IServiceCollection services)
    {
        services.AddOptions<FreshOptions>()
            .BindConfiguration(FreshOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FreshHistoryTable>();
        services.TryAddSingleton<IFreshHistory>(sp => new CachedFreshHistory(
            sp.GetRequiredService<FreshHistoryTable>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
