using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Ingestion;

namespace Tailor.Tests.Ingestion;

public sealed class IngestionRegistrationTests
{
    private static IOptions<EventOptions> Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddTailorIngestion();
        return services.BuildServiceProvider().GetRequiredService<IOptions<EventOptions>>();
    }

    [Fact]
    public void Event_options_bind_from_Tailor_Events_and_keep_default_weights()
    {
        var options = Resolve(new()
        {
            ["Tailor:Events:Weights:share"] = "5",
            ["Tailor:Events:MaxBadRowShare"] = "0.2",
        }).Value;

        Assert.Equal(5f, options.Weights["SHARE"]);
        Assert.Equal(8f, options.Weights["purchase"]);
        Assert.Equal(0.2, options.MaxBadRowShare);
    }

    [Fact]
    public void Non_positive_weight_fails_naming_the_setting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Tailor:Events:Weights:view"] = "0" }).Value);

        Assert.Contains("Tailor:Events:Weights:view", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_row_share_out_of_range_fails_naming_the_setting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Tailor:Events:MaxBadRowShare"] = "1.5" }).Value);

        Assert.Contains("MaxBadRowShare", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddTailorIngestion().BuildServiceProvider();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    public void Pseudonymization_without_a_usable_key_fails_at_start_naming_the_key_setting(string? key)
    {
        using var provider = Provider(new() { ["Tailor:Privacy:PseudonymizeUserIds"] = "true", ["Tailor:Privacy:Key"] = key });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Tailor:Privacy:Key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pseudonymization_binds_from_Tailor_Privacy_and_is_off_by_default()
    {
        using var off = Provider([]);
        using var on = Provider(new() { ["Tailor:Privacy:PseudonymizeUserIds"] = "true", ["Tailor:Privacy:Key"] = Convert.ToBase64String(new byte[32]) });
        off.GetRequiredService<IStartupValidator>().Validate();
        on.GetRequiredService<IStartupValidator>().Validate();

        Assert.False(off.GetRequiredService<UserIdPseudonymizer>().IsOn);
        Assert.Equal("u1", off.GetRequiredService<UserIdPseudonymizer>().Apply("u1"));
        Assert.True(on.GetRequiredService<UserIdPseudonymizer>().IsOn);
        Assert.StartsWith(UserIdPseudonymizer.Prefix, on.GetRequiredService<UserIdPseudonymizer>().Apply("u1"), StringComparison.Ordinal);
    }
}
