using System.Text.Json.Nodes;
using Tailor.Tests.Bicep;

namespace Tailor.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class ParameterFileTests(CompiledInfrastructure infrastructure)
{
    private static JsonObject ParametersIn(string file) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(CompiledInfrastructure.InfraFolder, file)))!["parameters"]!;

    [Fact]
    public void Main_parameters_file_sets_only_parameters_main_bicep_declares_with_literal_values()
    {
        var declared = ((JsonObject)infrastructure.Template["parameters"]!).Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var given = ParametersIn("main.parameters.json");

        Assert.NotEmpty(given);
        Assert.All(given, p =>
        {
            Assert.Contains(p.Key, declared);
            // az deployment passes values as they are: no azd-style ${VARIABLE} placeholders here.
            Assert.DoesNotContain("${", p.Value!["value"]!.ToJsonString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Azd_parameters_file_maps_azd_environment_values_onto_azd_bicep()
    {
        var build = await BicepCli.RunAsync("build", Path.Combine(CompiledInfrastructure.InfraFolder, "azd.bicep"), "--stdout");
        Assert.True(build.ExitCode == 0, build.StandardError);
        var declared = ((JsonObject)JsonNode.Parse(build.StandardOutput)!["parameters"]!).Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var given = ParametersIn("azd.parameters.json");

        Assert.All(given, p => Assert.Contains(p.Key, declared));
        Assert.Equal("${AZURE_ENV_NAME}", given["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal("${AZURE_LOCATION}", given["location"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Azure_yaml_points_azd_at_the_functions_project_and_the_azd_module()
    {
        var yaml = File.ReadAllText(Path.Combine(Path.GetDirectoryName(CompiledInfrastructure.InfraFolder)!, "azure.yaml"));

        Assert.Contains("module: azd", yaml, StringComparison.Ordinal);
        Assert.Contains("project: ./functions", yaml, StringComparison.Ordinal);
        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
    }
}
