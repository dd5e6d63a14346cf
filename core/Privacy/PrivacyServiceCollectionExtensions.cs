using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tailor.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ForgottenUsers"/> (also as <see cref="IForgottenUsers"/>) with
    /// <see cref="PrivacyOptions"/> bound from <c>Tailor:Privacy</c> and validated at start. Every registration
    /// that reads user data (<c>AddTailorServing</c>, <c>AddTailorPipeline</c>) calls it; calling it twice is
    /// harmless. Needs <c>TailorStorage</c>; registers <see cref="TimeProvider.System"/> when no TimeProvider is.</summary>
    public static IServiceCollection AddTailorPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>()
            .BindConfiguration(PrivacyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ForgottenUsers>();
        services.TryAddSingleton<IForgottenUsers>(provider => provider.GetRequiredService<ForgottenUsers>());
        return services;
    }
}
