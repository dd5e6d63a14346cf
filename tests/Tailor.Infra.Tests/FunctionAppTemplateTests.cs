namespace Tailor.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class FunctionAppTemplateTests(CompiledInfrastructure infrastructure)
{
    private DeployedResource Site => infrastructure.Single("Microsoft.Web/sites");

    private Dictionary<string, object?> AppSettings => ((IReadOnlyList<object?>)Site.At("properties", "siteConfig", "appSettings")!)
        .Cast<IReadOnlyDictionary<string, object?>>()
        .ToDictionary(s => (string)s["name"]!, s => s["value"], StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Plan_is_flex_consumption_on_linux()
    {
        var plan = infrastructure.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.At("sku", "name"));
        Assert.Equal("FlexConsumption", plan.At("sku", "tier"));
        Assert.Equal(true, plan.At("properties", "reserved"));
        Assert.Equal("functionapp,linux", Site.At("kind"));
    }

    [Fact]
    public void App_runs_dotnet_isolated_10_with_instance_memory_and_scale_limit_from_parameters()
    {
        Assert.Equal("dotnet-isolated", Site.At("properties", "functionAppConfig", "runtime", "name"));
        Assert.Equal("10.0", Site.At("properties", "functionAppConfig", "runtime", "version"));
        Assert.Equal(2048L, Site.At("properties", "functionAppConfig", "scaleAndConcurrency", "instanceMemoryMB"));
        Assert.Equal(40L, Site.At("properties", "functionAppConfig", "scaleAndConcurrency", "maximumInstanceCount"));
    }

    [Fact]
    public void App_is_https_only_with_tls_1_2_and_ftps_disabled()
    {
        Assert.Equal(true, Site.At("properties", "httpsOnly"));
        Assert.Equal("1.2", Site.At("properties", "siteConfig", "minTlsVersion"));
        Assert.Equal("1.2", Site.At("properties", "siteConfig", "scmMinTlsVersion"));
        Assert.Equal("Disabled", Site.At("properties", "siteConfig", "ftpsState"));
    }

    [Fact]
    public void Basic_publishing_credentials_are_off_for_ftp_and_scm()
    {
        var policies = infrastructure.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(["ftp", "scm"], policies.Select(p => p.LeafName).Order(StringComparer.Ordinal));
        Assert.All(policies, p => Assert.Equal(false, p.At("properties", "allow")));
    }

    [Fact]
    public void App_runs_as_the_user_assigned_identity_and_pulls_its_package_with_it()
    {
        var identity = Assert.Single((IReadOnlyDictionary<string, object?>)Site.At("identity", "userAssignedIdentities")!).Key;
        var storage = (IReadOnlyDictionary<string, object?>)Site.At("properties", "functionAppConfig", "deployment", "storage")!;

        Assert.Equal("UserAssigned", Site.At("identity", "type"));
        Assert.Equal("blobContainer", storage["type"]);
        Assert.Contains("'app-package'", ArmEvaluator.Render(storage["value"]), StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", Site.At("properties", "functionAppConfig", "deployment", "storage", "authentication", "type"));
        Assert.Equal(identity, ArmEvaluator.Render(Site.At("properties", "functionAppConfig", "deployment", "storage", "authentication", "userAssignedIdentityResourceId")));
        Assert.StartsWith("resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', ", identity, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_storage_connection_is_identity_based()
    {
        var settings = AppSettings;
        var clientId = ArmEvaluator.Render(settings["AzureWebJobsStorage__clientId"]);

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.EndsWith(".primaryEndpoints.blob", ArmEvaluator.Render(settings["AzureWebJobsStorage__blobServiceUri"]), StringComparison.Ordinal);
        Assert.EndsWith(".primaryEndpoints.queue", ArmEvaluator.Render(settings["AzureWebJobsStorage__queueServiceUri"]), StringComparison.Ordinal);
        Assert.EndsWith(".primaryEndpoints.table", ArmEvaluator.Render(settings["AzureWebJobsStorage__tableServiceUri"]), StringComparison.Ordinal);
        Assert.StartsWith("reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', ", clientId, StringComparison.Ordinal);
        Assert.EndsWith(".clientId", clientId, StringComparison.Ordinal);
        Assert.Equal(clientId, ArmEvaluator.Render(settings["AZURE_CLIENT_ID"]));
    }

    [Fact]
    public void Tailor_reads_blob_and_table_endpoints_and_the_container_names_it_was_deployed_with()
    {
        var settings = AppSettings;

        Assert.Equal(ArmEvaluator.Render(settings["AzureWebJobsStorage__blobServiceUri"]), ArmEvaluator.Render(settings["Tailor__Storage__BlobServiceUri"]));
        Assert.Equal(ArmEvaluator.Render(settings["AzureWebJobsStorage__tableServiceUri"]), ArmEvaluator.Render(settings["Tailor__Storage__TableServiceUri"]));
        Assert.Equal("events", settings["Tailor__Storage__EventsContainer"]);
        Assert.Equal("models", settings["Tailor__Storage__ModelsContainer"]);
        Assert.Equal("batches", settings["Tailor__Storage__BatchesTable"]);
    }

    [Fact]
    public void The_retention_timer_has_its_schedule_setting_with_the_apps_default()
    {
        Assert.Equal(Tailor.Retention.RetentionOptions.DefaultSchedule, AppSettings["Tailor__Retention__Schedule"]);
    }

    [Fact]
    public void Polling_ingestion_is_disabled_in_azure()
    {
        Assert.Equal("true", AppSettings["AzureWebJobs.IngestEventsPolling.Disabled"]);
        Assert.Equal("true", AppSettings["AzureWebJobs.IngestCatalogPolling.Disabled"]);
    }

    [Fact]
    public void Only_the_worker_gets_the_telemetry_connection_string_and_sends_with_the_app_identity()
    {
        var settings = AppSettings;

        Assert.EndsWith(".ConnectionString", ArmEvaluator.Render(settings["Tailor__Telemetry__AzureMonitorConnectionString"]), StringComparison.Ordinal);
        Assert.Equal(Tailor.Hosting.TailorTelemetry.AzureMonitorConnectionSetting, "Tailor__Telemetry__AzureMonitorConnectionString".Replace("__", ":", StringComparison.Ordinal));
        Assert.Equal(ArmEvaluator.Render(settings["AzureWebJobsStorage__clientId"]), ArmEvaluator.Render(settings[Tailor.Hosting.TailorTelemetry.ClientIdSetting]));
    }

    [Theory]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public void The_functions_host_gets_no_telemetry_destination_of_its_own(string setting)
    {
        Assert.DoesNotContain(setting, AppSettings.Keys, StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("APPINSIGHTS_INSTRUMENTATIONKEY")]
    public void Settings_that_flex_consumption_rejects_or_that_carry_keys_are_absent(string setting)
    {
        Assert.DoesNotContain(setting, AppSettings.Keys, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Azd_finds_the_app_by_its_service_tag()
    {
        Assert.Equal("functions", Site.At("tags", "azd-service-name"));
    }

    [Fact]
    public void Pseudonymization_key_is_a_key_vault_reference_read_with_the_app_identity()
    {
        var settings = AppSettings;
        var key = ArmEvaluator.Render(settings["Tailor__Privacy__Key"]);
        var identity = Assert.Single((IReadOnlyDictionary<string, object?>)Site.At("identity", "userAssignedIdentities")!).Key;

        Assert.Equal("true", settings["Tailor__Privacy__PseudonymizeUserIds"]);
        Assert.StartsWith("format('@Microsoft.KeyVault(SecretUri={0})', reference(", key, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.Resources/deployments', 'key-vault')", key, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.secretUri.value)", key, StringComparison.Ordinal);
        var vaultModule = Assert.Single(ArmTemplateWalker.Templates(infrastructure.Template),
            t => t.Template["outputs"] is System.Text.Json.Nodes.JsonObject o && o.ContainsKey("secretUri")).Template;
        var uri = vaultModule["outputs"]!["secretUri"]!["value"]!.GetValue<string>();
        Assert.Contains("vaultUri", uri, StringComparison.Ordinal);
        Assert.Contains("secrets/", uri, StringComparison.Ordinal);
        Assert.Equal(identity, ArmEvaluator.Render(Site.At("properties", "keyVaultReferenceIdentity")));
    }

    [Fact]
    public void Without_pseudonymization_no_privacy_setting_is_made()
    {
        var resources = ArmTemplateWalker.Flatten(infrastructure.Template, new Dictionary<string, object?> { ["location"] = "westeurope" });
        var site = Assert.Single(resources, r => r.Type == "Microsoft.Web/sites");
        var names = ((IReadOnlyList<object?>)site.At("properties", "siteConfig", "appSettings")!)
            .Cast<IReadOnlyDictionary<string, object?>>()
            .Select(s => (string)s["name"]!);

        Assert.DoesNotContain(names, n => n.StartsWith("Tailor__Privacy__", StringComparison.Ordinal));
    }
}
