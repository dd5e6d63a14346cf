namespace Tailor.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class StorageTemplateTests(CompiledInfrastructure infrastructure)
{
    private DeployedResource Account => infrastructure.Single("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Storage_account_accepts_no_shared_key_and_exposes_no_public_blob()
    {
        Assert.Equal(false, Account.At("properties", "allowSharedKeyAccess"));
        Assert.Equal(false, Account.At("properties", "allowBlobPublicAccess"));
        Assert.Equal(true, Account.At("properties", "defaultToOAuthAuthentication"));
    }

    [Fact]
    public void Storage_account_requires_tls_1_2_and_https()
    {
        Assert.Equal("TLS1_2", Account.At("properties", "minimumTlsVersion"));
        Assert.Equal(true, Account.At("properties", "supportsHttpsTrafficOnly"));
    }

    [Fact]
    public void Storage_account_is_general_purpose_v2_with_the_default_sku()
    {
        Assert.Equal("StorageV2", Account.At("kind"));
        Assert.Equal("Standard_LRS", Account.At("sku", "name"));
    }

    [Fact]
    public void Blob_and_container_soft_delete_keep_deleted_data_for_the_configured_days()
    {
        var blobService = infrastructure.Single("Microsoft.Storage/storageAccounts/blobServices");

        Assert.Equal(true, blobService.At("properties", "deleteRetentionPolicy", "enabled"));
        Assert.Equal(7L, blobService.At("properties", "deleteRetentionPolicy", "days"));
        Assert.Equal(true, blobService.At("properties", "containerDeleteRetentionPolicy", "enabled"));
    }

    [Fact]
    public void Every_container_tailor_uses_exists_and_none_is_public()
    {
        var containers = infrastructure.OfType("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Subset(
            ContainerNames(),
            new HashSet<string> { "events", "catalog", "processed", "quarantine", "models", "snapshots", "impressions", "app-package", "events-deadletter" });
        Assert.All(containers, c => Assert.Equal("None", c.At("properties", "publicAccess")));
    }

    [Fact]
    public void Batches_profiles_and_fresh_tables_and_the_durable_task_hub_queues_exist()
    {
        var tables = infrastructure.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.LeafName);
        var queues = infrastructure.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.LeafName);

        Assert.Contains("batches", tables);
        Assert.Contains("profiles", tables);
        Assert.Contains("fresh", tables);
        Assert.Contains("TailorHubHistory", tables);
        Assert.Contains("TailorHubInstances", tables);
        Assert.Contains("tailorhub-workitems", queues);
        Assert.Contains("tailorhub-control-00", queues);
        Assert.Contains("tailorhub-control-03", queues);
    }

    private HashSet<string> ContainerNames() =>
        [.. infrastructure.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").Select(c => c.LeafName)];
}
