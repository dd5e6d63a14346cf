namespace Tailor.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class NamingAndTaggingTests(CompiledInfrastructure infrastructure)
{
    /// <summary>Top-level resources (not children, not role assignments): the ones that carry tags.</summary>
    private IEnumerable<DeployedResource> TopLevel => infrastructure.Resources
        .Where(r => r.Type.Count(c => c == '/') == 1 && r.Type != "Microsoft.Authorization/roleAssignments");

    [Fact]
    public void Every_top_level_resource_is_tagged_with_its_environment()
    {
        Assert.Equal(10, TopLevel.Count());
        Assert.All(TopLevel, r =>
        {
            Assert.Equal("tailor", r.At("tags", "azd-env-name"));
            Assert.Equal("tailor", r.At("tags", "application"));
        });
    }

    [Theory]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities", "id-func-")]
    [InlineData("Microsoft.Storage/storageAccounts", "st")]
    [InlineData("Microsoft.OperationalInsights/workspaces", "log-")]
    [InlineData("Microsoft.Insights/components", "appi-")]
    [InlineData("Microsoft.Web/serverfarms", "asp-")]
    [InlineData("Microsoft.Web/sites", "func-")]
    [InlineData("Microsoft.EventGrid/systemTopics", "egst-")]
    [InlineData("Microsoft.KeyVault/vaults", "kv-")]
    public void Names_are_a_standard_abbreviation_and_a_token_unique_to_subscription_environment_and_region(string type, string prefix)
    {
        var token = "toLower(uniqueString(subscription().id, 'tailor', 'westeurope'))";

        Assert.Equal($"format('{prefix}{{0}}', {token})", ArmEvaluator.Render(infrastructure.Single(type).Name));
    }

    [Fact]
    public void Resource_group_is_named_after_the_environment()
    {
        Assert.Equal("rg-tailor", infrastructure.Single("Microsoft.Resources/resourceGroups").Name);
    }
}
