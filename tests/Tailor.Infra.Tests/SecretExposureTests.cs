using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tailor.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed partial class SecretExposureTests(CompiledInfrastructure infrastructure)
{
    /// <summary>Functions and properties that produce keys or secret-bearing connection strings.</summary>
    [GeneratedRegex(@"list[A-Za-z]*\(|ConnectionString|InstrumentationKey|AccountKey|SharedAccessSignature|primaryKey|secondaryKey|\.keys\b|Keys\.",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretPattern();

    private IEnumerable<(string Path, JsonObject Template)> Templates => ArmTemplateWalker.Templates(infrastructure.Template);

    [Fact]
    public void No_output_of_any_template_or_module_carries_a_key_or_connection_string()
    {
        var outputs = Templates
            .SelectMany(t => (t.Template["outputs"] as JsonObject ?? []).Select(o => (Name: $"{t.Path}/{o.Key}", Output: o.Value!)))
            .ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, o =>
        {
            Assert.DoesNotMatch(SecretPattern(), o.Name);
            Assert.DoesNotMatch(SecretPattern(), o.Output["value"]!.ToJsonString());
        });
    }

    [Fact]
    public void Main_template_outputs_the_app_name_host_name_and_storage_account_name()
    {
        var outputs = (JsonObject)infrastructure.Template["outputs"]!;

        Assert.Contains("AZURE_FUNCTION_APP_NAME", outputs.Select(o => o.Key));
        Assert.Contains("AZURE_FUNCTION_APP_HOST_NAME", outputs.Select(o => o.Key));
        Assert.Contains("AZURE_STORAGE_ACCOUNT_NAME", outputs.Select(o => o.Key));
    }

    [Fact]
    public void No_parameter_default_holds_a_secret()
    {
        var parameters = Templates
            .SelectMany(t => (t.Template["parameters"] as JsonObject ?? []).Select(p => (Name: $"{t.Path}/{p.Key}", Declaration: p.Value!)))
            .ToList();

        Assert.All(parameters, p =>
        {
            var type = p.Declaration["type"]!.GetValue<string>();
            var defaultValue = p.Declaration["defaultValue"];
            Assert.False(type.StartsWith("secure", StringComparison.OrdinalIgnoreCase) && defaultValue is not null, $"{p.Name} is secure with a default");
            Assert.DoesNotMatch(SecretPattern(), defaultValue?.ToJsonString() ?? "");
        });
    }

    [Theory]
    [InlineData("main.parameters.json")]
    [InlineData("azd.parameters.json")]
    public void Parameter_files_hold_no_secret(string file)
    {
        var text = File.ReadAllText(Path.Combine(CompiledInfrastructure.InfraFolder, file));

        Assert.DoesNotMatch(SecretPattern(), text);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void No_app_setting_carries_a_key()
    {
        var settings = (IReadOnlyList<object?>)infrastructure.Single("Microsoft.Web/sites").At("properties", "siteConfig", "appSettings")!;

        Assert.All(settings.Cast<IReadOnlyDictionary<string, object?>>(), s =>
        {
            var value = ArmEvaluator.Render(s["value"]);
            Assert.DoesNotMatch(@"list[A-Za-z]*\(|AccountKey|SharedAccessSignature|InstrumentationKey=", value);
        });
    }
}
