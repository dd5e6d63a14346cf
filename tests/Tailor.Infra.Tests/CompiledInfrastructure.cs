using System.Text.Json.Nodes;
using Tailor.Tests.Bicep;
using Tailor.Testing;

namespace Tailor.Tests;

/// <summary>infra/main.bicep compiled once with the Bicep CLI, and its resources flattened with the
/// parameters a full deployment uses (the Event Grid subscription on, a deploying principal given, user ids pseudonymized).</summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    /// <summary>An object ID standing in for the deploying user.</summary>
    public const string DeployerPrincipalId = "11111111-2222-3333-4444-555555555555";

    public static string InfraFolder { get; } = System.IO.Path.Combine(RepositoryRoot.Find(), "infra");

    public static string MainBicep { get; } = System.IO.Path.Combine(InfraFolder, "main.bicep");

    public BicepRun Build { get; private set; } = null!;

    public JsonObject Template { get; private set; } = null!;

    public IReadOnlyList<DeployedResource> Resources { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", MainBicep, "--stdout");
        if (Build.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({Build.ExitCode}):\n{Build.StandardError}");
        }

        Template = JsonNode.Parse(Build.StandardOutput)!.AsObject();
        Resources = ArmTemplateWalker.Flatten(Template, new Dictionary<string, object?>
        {
            ["location"] = "westeurope",
            ["enableEventSubscription"] = true,
            ["principalId"] = DeployerPrincipalId,
            ["pseudonymizeUserIds"] = true,
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public IReadOnlyList<DeployedResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public DeployedResource Single(string type) => Assert.Single(OfType(type));
}

[CollectionDefinition(Name)]
public sealed class CompiledInfrastructureCollection : ICollectionFixture<CompiledInfrastructure>
{
    public const string Name = "Compiled infrastructure";
}
