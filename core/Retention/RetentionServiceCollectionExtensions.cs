using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tailor.Models;

namespace Tailor.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="Pruner"/> with <see cref="RetentionOptions"/> bound from
    /// <c>Tailor:Retention</c> and validated at start. Needs <c>TailorStorage</c> and <c>TimeProvider</c>.</summary>
    public static IServiceCollection AddTailorRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ModelStore>();
        services.TryAddSingleton<ModelPointer>();
        services.TryAddSingleton<Pruner>();
        return services;
    }
}
