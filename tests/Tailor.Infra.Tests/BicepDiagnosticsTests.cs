using System.Text.Json.Nodes;
using Tailor.Tests.Bicep;

namespace Tailor.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class BicepDiagnosticsTests(CompiledInfrastructure infrastructure)
{
    public static TheoryData<string> BicepFiles() =>
        [.. Directory.EnumerateFiles(CompiledInfrastructure.InfraFolder, "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(CompiledInfrastructure.InfraFolder, path))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void Main_template_builds_without_any_warning_or_error()
    {
        Assert.Equal(0, infrastructure.Build.ExitCode);
        Assert.Empty(infrastructure.Build.Diagnostics);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Every_bicep_file_lints_clean(string relativePath)
    {
        var lint = await BicepCli.RunAsync("lint", Path.Combine(CompiledInfrastructure.InfraFolder, relativePath));

        Assert.True(lint.ExitCode == 0, lint.StandardError);
        Assert.Empty(lint.Diagnostics);
    }

    [Theory]
    [InlineData("outputs-should-not-contain-secrets")]
    [InlineData("secure-parameter-default")]
    [InlineData("secure-secrets-in-params")]
    [InlineData("use-secure-value-for-secure-inputs")]
    [InlineData("no-hardcoded-env-urls")]
    [InlineData("no-unused-params")]
    [InlineData("no-unused-vars")]
    [InlineData("use-resource-symbol-reference")]
    public void Bicep_config_raises_security_and_hygiene_rules_to_errors(string rule)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(CompiledInfrastructure.InfraFolder, "bicepconfig.json")))!;

        Assert.Equal("error", config["analyzers"]?["core"]?["rules"]?[rule]?["level"]?.GetValue<string>());
    }

    [Fact]
    public async Task Linter_fails_a_template_that_outputs_a_storage_key()
    {
        // The same bicepconfig.json next to a template that leaks a key: the build must fail, which shows the
        // configuration is really in force (not just present).
        var folder = Directory.CreateTempSubdirectory("tailor-bicep-");
        try
        {
            File.Copy(Path.Combine(CompiledInfrastructure.InfraFolder, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            var template = Path.Combine(folder.FullName, "leak.bicep");
            await File.WriteAllTextAsync(template, """
                resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
                  name: 'stleak'
                }

                output key string = storage.listKeys().keys[0].value
                """);

            var build = await BicepCli.RunAsync("build", template, "--stdout");

            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains(build.Diagnostics, d => d.Contains("Error outputs-should-not-contain-secrets", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
