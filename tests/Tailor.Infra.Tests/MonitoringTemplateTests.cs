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

    [Fact]
    public void Workbook_over_application_insights_charts_ingestion_training_latency_and_strategies()
    {
        var workbook = infrastructure.Single("Microsoft.Insights/workbooks");
        var site = infrastructure.Single("Microsoft.Web/sites");
        var settings = ((IReadOnlyList<object?>)site.At("properties", "siteConfig", "appSettings")!)
            .Cast<IReadOnlyDictionary<string, object?>>()
            .Select(s => (string)s["name"]!);

        Assert.Equal("shared", workbook.At("kind"));
        Assert.Equal("tailor", workbook.At("tags", "azd-env-name"));
        Assert.Contains("Microsoft.Insights/components", ArmEvaluator.Render(workbook.At("properties", "sourceId")), StringComparison.Ordinal);
        var data = ArmEvaluator.Render(workbook.At("properties", "serializedData"));
        Assert.Contains("tailor.ingestion.events", data, StringComparison.Ordinal);
        Assert.Contains("tailor.stage", data, StringComparison.Ordinal);
        Assert.Contains("percentile(duration, 99)", data, StringComparison.Ordinal);
        Assert.Contains("tailor.serving.answers", data, StringComparison.Ordinal);
        Assert.Contains("tailor.feedback.online.click_through", data, StringComparison.Ordinal);
        Assert.Contains("tailor.serving.model.version", data, StringComparison.Ordinal);
        Assert.Contains("Tailor__Telemetry__AzureMonitorConnectionString", settings);
    }
}
