using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tailor.Evaluation.Tuning;

namespace Tailor.Cli.Hosting;

/// <summary>Training settings for the commands that train without storage (<c>evaluate</c>, <c>bench</c>):
/// <c>Tailor__Training__…</c> environment variables over the defaults, validated as the app validates them.</summary>
public static class CliTrainingOptions
{
    public static TrainingOptions FromEnvironment(double? budgetSeconds)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IValidateOptions<TrainingOptions>, TrainingOptionsValidator>();
        services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<TrainingOptions>>().Value;
        return budgetSeconds is { } seconds ? options with { BudgetSeconds = seconds } : options;
    }
}
