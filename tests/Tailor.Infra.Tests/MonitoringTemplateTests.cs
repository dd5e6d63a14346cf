namespace Tailor.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class MonitoringTemplateTests(CompiledInfrastructure infrastructure)
{
    [Fact]
    public void Application_insights_accepts_only_entra_id_authenticated_telemetry()
    {
        var component = infrastructure.Single("Microsoft.Insights/components");

        Assert.Equal(true, component.At("properties", "DisableLocalAuth"));
        Assert.StartsWith("resourceId('Microsoft.OperationalInsights/workspaces', ", ArmEvaluator.Render(component.At("properties", "WorkspaceResourceId")), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_analytics_workspace_disables_local_auth()
    {
        var workspace = infrastructure.Single("Microsoft.OperationalInsights/workspaces");

        Assert.Equal(true, workspace.At("properties", "features", "disableLocalAuth"));
        Assert.Equal(30L, workspace.At("properties", "retentionInDays"));
    }
}
