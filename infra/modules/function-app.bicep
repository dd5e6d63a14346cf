// The Tailor function app on a Flex Consumption (FC1) plan, .NET 10 isolated worker. It runs as a
// user-assigned managed identity and reaches storage and Application Insights through Entra ID only:
// no key or connection string with a secret is stored in its settings.

@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app (the app also gets azd-service-name).')
param tags object

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Name of the storage account (host state, Tailor data, deployment package).')
param storageAccountName string

@description('Container that holds the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Maximum number of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Tailor settings: blob container and table names (key = setting under Tailor:Storage).')
param tailorStorageNames object

@description('Replace user ids by keyed pseudonyms (Tailor__Privacy__PseudonymizeUserIds).')
param pseudonymizeUserIds bool = false

@description('URI of the Key Vault secret that holds the pseudonymization key; the app setting Tailor__Privacy__Key is a Key Vault reference to it, never the key.')
param privacyKeySecretUri string

@description('When the retention timer prunes old runs and model versions (six-field NCRONTAB, UTC; Tailor:Retention:Schedule).')
param retentionSchedule string = '0 30 3 * * *'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var identityId = identity.id
var identityClientId = identity.properties.clientId
var blobServiceUri = storage.properties.primaryEndpoints.blob
var queueServiceUri = storage.properties.primaryEndpoints.queue
var tableServiceUri = storage.properties.primaryEndpoints.table

// Settings, as name/value pairs:
// - AzureWebJobsStorage__*: identity-based connection of the Functions host (triggers, Durable
//   Functions task hub, keys), through the user-assigned identity;
// - Tailor__Storage__*: Tailor's own storage clients (StorageOptions, section Tailor:Storage);
// - Tailor__Telemetry__AzureMonitorConnectionString: the worker's own Azure Monitor exporter (OpenTelemetry,
//   authenticated as the managed identity; the component's local auth is off). Deliberately not
//   APPLICATIONINSIGHTS_CONNECTION_STRING: the Functions host reads that one and would export its own request
//   telemetry, whose URLs hold raw user ids; the worker's spans and logs are redacted before export;
// - Tailor__Retention__Schedule: the PruneStorage timer binds %Tailor:Retention:Schedule%, so it must be set;
// - AzureWebJobs.IngestEventsPolling.Disabled, AzureWebJobs.IngestCatalogPolling.Disabled: ingestion in
//   Azure is event-driven (IngestEvents, IngestCatalog: Event Grid source); the polling variants are for
//   local runs against Azurite only.
var appSettings = concat(
  [
    { name: 'AzureWebJobsStorage__blobServiceUri', value: blobServiceUri }
    { name: 'AzureWebJobsStorage__queueServiceUri', value: queueServiceUri }
    { name: 'AzureWebJobsStorage__tableServiceUri', value: tableServiceUri }
    { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
    { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
    { name: 'AZURE_CLIENT_ID', value: identityClientId }
    { name: 'Tailor__Storage__BlobServiceUri', value: blobServiceUri }
    { name: 'Tailor__Storage__TableServiceUri', value: tableServiceUri }
    { name: 'Tailor__Telemetry__AzureMonitorConnectionString', value: appInsights.properties.ConnectionString }
    { name: 'Tailor__Retention__Schedule', value: retentionSchedule }
    { name: 'AzureWebJobs.IngestEventsPolling.Disabled', value: 'true' }
    { name: 'AzureWebJobs.IngestCatalogPolling.Disabled', value: 'true' }
  ],
  map(items(tailorStorageNames), item => { name: 'Tailor__Storage__${item.key}', value: item.value }),
  pseudonymizeUserIds
    ? [
        { name: 'Tailor__Privacy__PseudonymizeUserIds', value: 'true' }
        { name: 'Tailor__Privacy__Key', value: '@Microsoft.KeyVault(SecretUri=${privacyKeySecretUri})' }
      ]
    : []
)

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    // Key Vault references (Tailor__Privacy__Key) resolve with the app's user-assigned identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobServiceUri}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Publishing with basic (user name and password) credentials is off: deployments use Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the function app.')
output name string = app.name

@description('Default host name of the function app.')
output defaultHostName string = app.properties.defaultHostName
