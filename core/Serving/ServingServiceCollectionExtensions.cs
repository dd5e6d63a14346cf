using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tailor.Content;
using Tailor.Feedback;
using Tailor.Fresh;
using Tailor.Models;
using Tailor.Privacy;
using Tailor.Profiles;

namespace Tailor.Serving;

public static class ServingServiceCollectionExtensions
{
    /// <summary>Registers the model store, pointer and promoter, the profile store, the per-process <see cref="ModelCache"/>
    /// (with the catalog served by <see cref="ModelItemCatalog"/>) and
    /// the challenger of a champion/challenger split, the impressions recorder and its flusher (<c>AddTailorFeedback</c>),
/// the <see cref="RecommendationService"/> with the forgotten users it must not serve (<c>AddTailorPrivacy</c>) and the
/// fresh events it serves before a model has them (<c>AddTailorFresh</c>), with <see cref="ServingOptions"/> bound from
    /// <c>Tailor:Serving</c> and validated at start. Needs <c>TailorStorage</c>, <c>TimeProvider</c>, logging
    /// and <c>IConfiguration</c> registered (the host's <c>AddTailor</c> does).</summary>
    public static IServiceCollection AddTailorServing(this IServiceCollection services)
    {
        services.AddOptions<ServingOptions>()
            .BindConfiguration(ServingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddTailorPrivacy();
        services.AddTailorFresh();
        services.AddTailorFeedback();
        services.TryAddSingleton<ChallengerModel>();
        services.TryAddSingleton<ModelStore>();
        services.TryAddSingleton<ModelPointer>();
        services.TryAddSingleton<ChallengerPointer>();
        services.TryAddSingleton<ProfileStore>();
        services.TryAddSingleton<ModelPromoter>();
        services.TryAddSingleton<ITextEmbedder, MiniLmTextEmbedder>();
        services.TryAddSingleton<ModelCache>();
        services.TryAddSingleton<IModelSource>(provider => provider.GetRequiredService<ModelCache>());
        services.TryAddSingleton<IItemCatalog, ModelItemCatalog>();
        services.TryAddSingleton<RecommendationService>();
        return services;
    }
}
