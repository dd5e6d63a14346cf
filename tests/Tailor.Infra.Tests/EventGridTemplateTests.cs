
namespace Tailor.Tests;

[Collection(CompiledInfrastructureCollection.Name)]
public sealed class EventGridTemplateTests(CompiledInfrastructure infrastructure)
{
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    private DeployedResource Subscription => SubscriptionOf("events");

    private DeployedResource CatalogSubscription => SubscriptionOf("catalog");

    private DeployedResource SubscriptionOf(string container) => Assert.Single(
        infrastructure.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"),
        s => Equals(s.At("properties", "filter", "subjectBeginsWith"), $"/blobServices/default/containers/{container}/"));

    private string AccountName => ArmEvaluator.Render(infrastructure.Single("Microsoft.Storage/storageAccounts").Name);

    private string StorageAccountId => $"resourceId('Microsoft.Storage/storageAccounts', {AccountName})";

    [Fact]
    public void System_topic_publishes_the_storage_account_events()
    {
        var topic = infrastructure.Single("Microsoft.EventGrid/systemTopics");

        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.At("properties", "topicType"));
        Assert.Equal(StorageAccountId, ArmEvaluator.Render(topic.At("properties", "source")));
    }

    [Fact]
    public void Subscription_takes_only_blobs_created_in_the_events_container()
    {
        Assert.Equal(["Microsoft.Storage.BlobCreated"], (IReadOnlyList<object?>)Subscription.At("properties", "filter", "includedEventTypes")!);
        Assert.Equal("/blobServices/default/containers/events/", Subscription.At("properties", "filter", "subjectBeginsWith"));
    }

    [Fact]
    public void Subscription_delivers_to_the_blob_extension_webhook_of_IngestEvents_with_its_system_key()
    {
        var siteName = ArmEvaluator.Render(infrastructure.Single("Microsoft.Web/sites").Name);
        var endpoint = ArmEvaluator.Render(Subscription.At("properties", "destination", "properties", "endpointUrl"));

        Assert.Equal("WebHook", Subscription.At("properties", "destination", "endpointType"));
        Assert.StartsWith("format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}', ", endpoint, StringComparison.Ordinal);
        Assert.Contains($"reference(resourceId('Microsoft.Web/sites', {siteName}), ", endpoint, StringComparison.Ordinal);
        Assert.Contains(".defaultHostName, 'IngestEvents', ", endpoint, StringComparison.Ordinal);
        Assert.Contains($"listKeys(format('{{0}}/host/default', resourceId('Microsoft.Web/sites', {siteName})), ", endpoint, StringComparison.Ordinal);
        Assert.EndsWith(".systemKeys.blobs_extension)", endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_subscription_delivers_blobs_created_in_the_catalog_container_to_IngestCatalog()
    {
        var endpoint = ArmEvaluator.Render(CatalogSubscription.At("properties", "destination", "properties", "endpointUrl"));

        Assert.Equal(["Microsoft.Storage.BlobCreated"], (IReadOnlyList<object?>)CatalogSubscription.At("properties", "filter", "includedEventTypes")!);
        Assert.Equal("WebHook", CatalogSubscription.At("properties", "destination", "endpointType"));
        Assert.Contains(".defaultHostName, 'IngestCatalog', ", endpoint, StringComparison.Ordinal);
        Assert.Equal("events-deadletter", CatalogSubscription.String("properties", "deadLetterWithResourceIdentity", "deadLetterDestination", "properties", "blobContainerName"));
    }

    [Fact]
    public void Undelivered_events_are_retried_then_dead_lettered_to_a_container_by_the_topic_identity()
    {
        var containers = infrastructure.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").Select(c => c.LeafName);
        var topic = infrastructure.Single("Microsoft.EventGrid/systemTopics");
        var topicWriter = infrastructure.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => ArmEvaluator.Render(a.At("properties", "principalId")).EndsWith(".identity.principalId", StringComparison.Ordinal));

        Assert.Equal(10L, Subscription.At("properties", "retryPolicy", "maxDeliveryAttempts"));
        Assert.Equal(1440L, Subscription.At("properties", "retryPolicy", "eventTimeToLiveInMinutes"));
        Assert.Equal("SystemAssigned", Subscription.At("properties", "deadLetterWithResourceIdentity", "identity", "type"));
        Assert.Equal("SystemAssigned", topic.At("identity", "type"));
        Assert.Equal("StorageBlob", Subscription.At("properties", "deadLetterWithResourceIdentity", "deadLetterDestination", "endpointType"));
        Assert.Equal(StorageAccountId, ArmEvaluator.Render(Subscription.At("properties", "deadLetterWithResourceIdentity", "deadLetterDestination", "properties", "resourceId")));
        Assert.Equal("events-deadletter", Subscription.String("properties", "deadLetterWithResourceIdentity", "deadLetterDestination", "properties", "blobContainerName"));
        Assert.Contains("events-deadletter", containers);
        var writer = Assert.Single(topicWriter);
        Assert.Contains(StorageBlobDataContributor, ArmEvaluator.Render(writer.At("properties", "roleDefinitionId")), StringComparison.Ordinal);
        // Least privilege: the topic may write to the dead-letter container only, not the whole account.
        Assert.Equal(
            $"resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', {AccountName}, 'default', 'events-deadletter')",
            ArmEvaluator.Render(writer.At("scope")));
    }

    [Fact]
    public void Subscriptions_wait_for_the_deployed_app_by_default()
    {
        var resources = ArmTemplateWalker.Flatten(infrastructure.Template, new Dictionary<string, object?> { ["location"] = "westeurope" });

        var subscriptions = resources.Where(r => r.Type == "Microsoft.EventGrid/systemTopics/eventSubscriptions").ToList();
        Assert.Equal(2, subscriptions.Count);
        Assert.All(subscriptions, s => Assert.False(s.Deployed));
        Assert.True(Subscription.Deployed);
        Assert.True(CatalogSubscription.Deployed);
    }
}
