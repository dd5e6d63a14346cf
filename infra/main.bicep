// Tailor on Azure: one resource group with a Flex Consumption function app, an identity-only storage
// account, Event Grid ingestion and Entra ID-authenticated monitoring.
//   azd up
//   az deployment sub create -l <region> -f infra/main.bicep -p infra/main.parameters.json
targetScope = 'subscription'

@description('Name of the environment (e.g. tailor, tailor-dev). Part of the resource group name and the seed of every resource name.')
@minLength(1)
@maxLength(40)
param environmentName string = 'tailor'

@description('Azure region of every resource. Defaults to the deployment\'s location (`-l` / AZURE_LOCATION).')
param location string = deployment().location

@description('Storage redundancy SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Days a deleted or overwritten blob (and a deleted container) can be restored.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteRetentionDays int = 7

@description('Memory of each Flex Consumption instance in MB. Training holds the interaction matrix in memory: use 4096 for large data sets.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Maximum number of instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Days logs are kept in the Log Analytics workspace.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Object ID of the deploying user or service principal. When set, it gets the same storage data roles as the app, so `tailor upload` and `az storage blob upload --auth-mode login` work from a laptop. Empty grants nothing.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Create the Event Grid subscription that feeds IngestEvents. Needs the app\'s code deployed (its webhook key and validation handshake come from the running app): provision with false, deploy the code, provision again with true.')
param enableEventSubscription bool = false

@description('Attempts Event Grid makes to deliver a BlobCreated event before dead-lettering it.')
@minValue(1)
@maxValue(30)
param eventMaxDeliveryAttempts int = 10

@description('Minutes Event Grid keeps retrying an event before dead-lettering it.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

@description('Replace user ids by keyed pseudonyms (Tailor:Privacy:PseudonymizeUserIds). Set the key secret in the Key Vault first (see modules/key-vault.bicep); the app reads it through a Key Vault reference.')
param pseudonymizeUserIds bool = false

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'tailor'
}

// Durable Functions task hub (host.json: extensions.durableTask.hubName) and its partition count.
var taskHubName = 'TailorHub'
var taskHubPartitionCount = 4

var tailorStorageNames = {
  EventsContainer: 'events'
  CatalogContainer: 'catalog'
  ProcessedContainer: 'processed'
  QuarantineContainer: 'quarantine'
  ModelsContainer: 'models'
  SnapshotsContainer: 'snapshots'
  ImpressionsContainer: 'impressions'
  BatchesTable: 'batches'
  ProfilesTable: 'profiles'
  FreshTable: 'fresh'
}
var names = {
  identity: 'id-func-${resourceToken}'
  storage: 'st${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  plan: 'asp-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  eventGridTopic: 'egst-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
}
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'events-deadletter'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSkuName
    softDeleteRetentionDays: blobSoftDeleteRetentionDays
    containerNames: [
      tailorStorageNames.EventsContainer
      tailorStorageNames.CatalogContainer
      tailorStorageNames.ProcessedContainer
      tailorStorageNames.QuarantineContainer
      tailorStorageNames.ModelsContainer
      tailorStorageNames.SnapshotsContainer
      tailorStorageNames.ImpressionsContainer
      deploymentContainerName
      deadLetterContainerName
    ]
    tableNames: [
      tailorStorageNames.BatchesTable
      tailorStorageNames.ProfilesTable
      tailorStorageNames.FreshTable
      '${taskHubName}History'
      '${taskHubName}Instances'
    ]
    queueNames: concat(
      [
        'webjobs-blobtrigger-poison'
        '${toLower(taskHubName)}-workitems'
      ],
      map(range(0, taskHubPartitionCount), i => '${toLower(taskHubName)}-control-${padLeft(i, 2, '0')}')
    )
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  scope: resourceGroup
  dependsOn: [
    monitoring
  ]
  params: {
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: resourceGroup
  dependsOn: [
    identity
    storage
    monitoring
  ]
  params: {
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    appIdentityName: names.identity
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

// Holds the pseudonymization key; deployed whether or not pseudonymization is on, so the secret can be set first.
var privacyKeySecretName = 'tailor-privacy-key'

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: resourceGroup
  dependsOn: [
    identity
  ]
  params: {
    name: names.keyVault
    location: location
    tags: tags
    appIdentityName: names.identity
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    secretName: privacyKeySecretName
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: resourceGroup
  // The app's first start should find its storage and telemetry roles in place.
  dependsOn: [
    roles
  ]
  params: {
    name: names.functionApp
    pseudonymizeUserIds: pseudonymizeUserIds
    privacyKeySecretUri: keyVault.outputs.secretUri
    planName: names.plan
    location: location
    tags: tags
    identityName: names.identity
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: names.applicationInsights
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    tailorStorageNames: tailorStorageNames
  }
}

module eventGrid 'modules/event-grid.bicep' = {
  name: 'event-grid'
  scope: resourceGroup
  dependsOn: [
    functionApp
  ]
  params: {
    topicName: names.eventGridTopic
    location: location
    tags: tags
    storageAccountName: names.storage
    eventsContainerName: tailorStorageNames.EventsContainer
    deadLetterContainerName: deadLetterContainerName
    functionAppName: names.functionApp
    functionName: 'IngestEvents'
    catalogContainerName: tailorStorageNames.CatalogContainer
    catalogFunctionName: 'IngestCatalog'
    subscriptionEnabled: enableEventSubscription
    maxDeliveryAttempts: eventMaxDeliveryAttempts
    eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
  }
}

@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Resource group that holds Tailor.')
output AZURE_RESOURCE_GROUP string = resourceGroup.name

@description('Name of the function app.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Host name of the function app (the API is at https://<host>/api).')
output AZURE_FUNCTION_APP_HOST_NAME string = functionApp.outputs.defaultHostName

@description('Name of the storage account.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Blob endpoint of the storage account (for `tailor upload`).')
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
