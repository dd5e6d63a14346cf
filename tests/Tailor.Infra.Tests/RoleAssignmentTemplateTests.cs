
namespace Tailor.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class RoleAssignmentTemplateTests(CompiledInfrastructure infrastructure)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    private static readonly string[] s_storageDataRoles = [StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor];

    private IReadOnlyList<DeployedResource> Assignments => infrastructure.OfType("Microsoft.Authorization/roleAssignments");

    /// <summary><c>reference(&lt;identity id&gt;, ...).principalId</c> for the identity the function app runs as.</summary>
    private bool IsAppIdentity(object? principalId)
    {
        var site = infrastructure.Single("Microsoft.Web/sites");
        var identityId = Assert.Single((IReadOnlyDictionary<string, object?>)site.At("identity", "userAssignedIdentities")!).Key;
        var text = ArmEvaluator.Render(principalId);
        return text.StartsWith($"reference({identityId}, ", StringComparison.Ordinal) && text.EndsWith(".principalId", StringComparison.Ordinal);
    }

    private string ResourceIdOf(string type) =>
        $"resourceId('{type}', {ArmEvaluator.Render(infrastructure.Single(type).Name)})";

    private static string RoleOf(DeployedResource assignment) => ArmEvaluator.Render(assignment.At("properties", "roleDefinitionId"));

    private static string Role(string id) => $"subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{id}')";

    [Fact]
    public void App_identity_holds_the_three_storage_data_roles_on_the_account()
    {
        var appOnStorage = Assignments
            .Where(a => IsAppIdentity(a.At("properties", "principalId")))
            .Where(a => ArmEvaluator.Render(a.At("scope")) == ResourceIdOf("Microsoft.Storage/storageAccounts"))
            .ToList();

        Assert.Equal(s_storageDataRoles.Select(Role).Order(StringComparer.Ordinal), appOnStorage.Select(RoleOf).Order(StringComparer.Ordinal));
        Assert.All(appOnStorage, a => Assert.Equal("ServicePrincipal", a.At("properties", "principalType")));
    }

    [Fact]
    public void App_identity_publishes_metrics_to_application_insights()
    {
        var publisher = Assert.Single(Assignments, a => RoleOf(a) == Role(MonitoringMetricsPublisher));

        Assert.True(IsAppIdentity(publisher.At("properties", "principalId")));
        Assert.Equal(ResourceIdOf("Microsoft.Insights/components"), ArmEvaluator.Render(publisher.At("scope")));
    }

    [Fact]
    public void App_identity_reads_secrets_of_the_key_vault_and_nothing_more_there()
    {
        var onVault = Assignments.Where(a => ArmEvaluator.Render(a.At("scope")) == ResourceIdOf("Microsoft.KeyVault/vaults")).ToList();
        var app = Assert.Single(onVault, a => IsAppIdentity(a.At("properties", "principalId")));

        Assert.Equal(Role(KeyVaultSecretsUser), RoleOf(app));
        Assert.Equal("ServicePrincipal", app.At("properties", "principalType"));
        Assert.Equal(true, infrastructure.Single("Microsoft.KeyVault/vaults").At("properties", "enableRbacAuthorization"));
    }

    [Fact]
    public void Deploying_principal_gets_the_storage_data_roles_and_may_set_key_vault_secrets_when_given()
    {
        var deployer = Assignments.Where(a => Equals(a.At("properties", "principalId"), CompiledInfrastructure.DeployerPrincipalId)).ToList();

        Assert.Equal(s_storageDataRoles.Append(KeyVaultSecretsOfficer).Select(Role).Order(StringComparer.Ordinal), deployer.Select(RoleOf).Order(StringComparer.Ordinal));
        Assert.All(deployer, a => Assert.Equal("User", a.At("properties", "principalType")));
    }

    [Fact]
    public void Deploying_principal_gets_nothing_without_a_principal_id()
    {
        var resources = ArmTemplateWalker.Flatten(infrastructure.Template, new Dictionary<string, object?> { ["location"] = "westeurope" });
        var principals = resources
            .Where(r => r.Type == "Microsoft.Authorization/roleAssignments")
            .Select(r => r.At("properties", "principalId"));

        Assert.DoesNotContain(principals, p => p is string);
    }

    [Fact]
    public void Assignment_names_are_guids_and_unique()
    {
        var names = Assignments.Select(a => ArmEvaluator.Render(a.Name)).ToList();

        Assert.All(names, n => Assert.StartsWith("guid(", n, StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
