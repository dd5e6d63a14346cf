// Event-driven ingestion: a system topic on the storage account and two subscriptions that send
// BlobCreated events from the `events` container to the IngestEvents function's blob-extension
// webhook, and from the `catalog` container to IngestCatalog's. Undeliverable events are
// dead-lettered to a blob container by the topic's own identity.

@description('System topic name.')
param topicName string

@description('Azure region of the topic (the storage account\'s region).')
param location string

@description('Tags applied to the topic.')
param tags object

@description('Name of the storage account whose events the topic publishes.')
param storageAccountName string

@description('Container whose new blobs are ingested.')
param eventsContainerName string

@description('Container whose new blobs are ingested as the item catalog.')
param catalogContainerName string

@description('Name of the Event Grid-sourced blob-trigger function of the catalog.')
param catalogFunctionName string

@description('Container that receives events that could not be delivered.')
param deadLetterContainerName string

@description('Name of the function app that hosts IngestEvents.')
param functionAppName string

@description('Name of the Event Grid-sourced blob-trigger function.')
param functionName string

@description('Create the event subscription. Its webhook key (blobs_extension) and its validation handshake exist only once the app\'s code is deployed, so the first provisioning runs with false.')
param subscriptionEnabled bool

@description('Attempts to deliver an event before it is dead-lettered.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int

@description('Minutes an event is retried before it is dead-lettered.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' existing = {
  parent: storage
  name: 'default'
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' existing = {
  parent: blobService
  name: deadLetterContainerName
}

resource app 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: topicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// The storage account accepts no shared key, so dead-lettering authenticates as the topic, which may
// write to the dead-letter container only.
resource topicDeadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, topic.id, storageBlobDataContributor)
  scope: deadLetterContainer
  properties: {
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
  }
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (subscriptionEnabled) {
  parent: topic
  name: 'ingest-${toLower(functionName)}'
  dependsOn: [
    topicDeadLetterWriter
  ]
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${listKeys('${app.id}/host/default', '2024-11-01').systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${eventsContainerName}/'
      isSubjectCaseSensitive: false
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

// The catalog's subscription: the same delivery, another container and function.
resource catalogSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (subscriptionEnabled) {
  parent: topic
  name: 'ingest-${toLower(catalogFunctionName)}'
  dependsOn: [
    topicDeadLetterWriter
  ]
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${catalogFunctionName}&code=${listKeys('${app.id}/host/default', '2024-11-01').systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${catalogContainerName}/'
      isSubjectCaseSensitive: false
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

@description('Name of the system topic.')
output topicName string = topic.name
