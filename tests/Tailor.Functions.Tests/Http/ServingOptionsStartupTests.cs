using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tailor.Serving;
using Tailor.Storage;

namespace Tailor.Tests.Http;

public sealed class ServingOptionsStartupTests
{
    [Theory]
    [InlineData("MaxCount", "0", "MaxCount")]
    [InlineData("RefreshSeconds", "-1", "RefreshSeconds")]
    [InlineData("DefaultCount", "500", "DefaultCount")]
    public async Task A_bad_serving_setting_fails_at_start_naming_the_setting(string key, string value, string named)
    {
        using var host = Build(new Dictionary<string, string?> { ["Tailor:Serving:" + key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serving_settings_bind_from_configuration()
    {
        using var host = Build(new Dictionary<string, string?> { ["Tailor:Serving:RefreshSeconds"] = "5", ["Tailor:Serving:MaxCount"] = "50" });

        await host.StartAsync();
        var options = host.Services.GetRequiredService<IOptions<ServingOptions>>().Value;
        await host.StopAsync();

        Assert.Equal(5, options.RefreshSeconds);
        Assert.Equal(50, options.MaxCount);
        Assert.Equal(10, options.DefaultCount);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TailorStorage.FromConnectionString("UseDevelopmentStorage=true"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTailorServing();
        return builder.Build();
    }
}
