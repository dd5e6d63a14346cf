using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Tailor.Ingestion;

namespace Tailor.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>Registers the impressions buffer (as the <see cref="IImpressionRecorder"/> serving hands lists to), the
    /// store, the background <see cref="ImpressionFlusher"/> (a hosted service: it flushes on a clean shutdown) and the
    /// online metrics, with <see cref="FeedbackOptions"/> bound from <c>Tailor:Feedback</c> and validated at start.
    /// Idempotent. Needs <c>TailorStorage</c>, <c>TimeProvider</c> and logging registered.</summary>
    public static IServiceCollection AddTailorFeedback(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ImpressionBuffer)))
        {
            return services;
        }

        services.AddOptions<FeedbackOptions>()
            .BindConfiguration(FeedbackOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ImpressionBuffer>();
        services.TryAddSingleton<IImpressionRecorder>(sp => sp.GetRequiredService<ImpressionBuffer>());
        services.AddSingleton<ImpressionStore>();
        services.AddSingleton<ImpressionFlusher>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ImpressionFlusher>());
        services.TryAddSingleton<ProcessedEventReader>();
        services.AddSingleton<OnlineMetricsService>();
        return services;
    }
}
