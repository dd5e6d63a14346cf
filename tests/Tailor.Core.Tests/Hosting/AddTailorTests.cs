using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tailor.Pipeline;
using Tailor.Storage;
using Tailor.Testing;

namespace Tailor.Tests.Hosting;

public sealed class AddTailorTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) => TailorServices.Build(settings);

    [Fact]
    public void Missing_storage_settings_fail_at_start_naming_the_settings()
    {
        using var provider = Build([]);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("Tailor:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_functions_host_connection_is_used_when_tailor_has_none_of_its_own()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("UseDevelopmentStorage=true", provider.GetRequiredService<StorageOptions>().ConnectionString);
        Assert.Equal("events", provider.GetRequiredService<TailorStorage>().Events.Name);
    }

    [Fact]
    public void Identity_based_host_storage_gives_service_uris_without_a_connection_string()
    {
        using var provider = Build(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://example.blob.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://example.table.core.windows.net",
        });

        var options = provider.GetRequiredService<StorageOptions>();
        Assert.Null(options.ConnectionString);
        Assert.Equal(new Uri("https://example.blob.core.windows.net"), options.BlobServiceUri);
        Assert.Equal("https://example.blob.core.windows.net/", provider.GetRequiredService<TailorStorage>().Blobs.Uri.ToString());
    }

    [Theory]
    [InlineData("Tailor:Pipeline:HoldoutFraction", "0.9", "HoldoutFraction")]
    [InlineData("Tailor:Storage:EventsContainer", "Bad_Name", "EventsContainer")]
    [InlineData("Tailor:Training:BudgetSeconds", "-1", "BudgetSeconds")]
    public void A_bad_setting_fails_at_start_with_its_name(string key, string value, string named)
    {
        using var provider = Build(new() { ["Tailor:Storage:ConnectionString"] = "UseDevelopmentStorage=true", [key] = value });

        var error = Assert.ThrowsAny<OptionsValidationException>(() =>
        {
            _ = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<PipelineOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<Tailor.Evaluation.Tuning.TrainingOptions>>().Value;
        });
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
