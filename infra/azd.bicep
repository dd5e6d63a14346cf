// Entry point for the Azure Developer CLI (azure.yaml: infra.module = azd). It deploys main.bicep with
// values from the azd environment (azd.parameters.json), so `azd up` and
// `az deployment sub create -f infra/main.bicep -p infra/main.parameters.json` deploy the same thing.
targetScope = 'subscription'

@description('azd environment name (AZURE_ENV_NAME).')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region (AZURE_LOCATION).')
param location string

@description('Object ID of the signed-in azd user (AZURE_PRINCIPAL_ID), granted storage data roles for `tailor upload`.')
param principalId string = ''

@description('Type of principalId (AZURE_PRINCIPAL_TYPE).')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Create the Event Grid subscription (ENABLE_EVENT_SUBSCRIPTION). The postdeploy hook sets it once the code is deployed.')
param enableEventSubscription bool = false

@description('Storage redundancy SKU (AZURE_STORAGE_SKU).')
param storageSkuName string = 'Standard_LRS'

@description('Memory of each Flex Consumption instance in MB (FUNCTION_INSTANCE_MEMORY_MB).')
param instanceMemoryMB int = 2048

@description('Maximum number of instances (FUNCTION_MAXIMUM_INSTANCE_COUNT).')
param maximumInstanceCount int = 40

@description('Replace user ids by keyed pseudonyms (PSEUDONYMIZE_USER_IDS); set the key secret in the Key Vault first.')
param pseudonymizeUserIds bool = false

module tailor 'main.bicep' = {
  name: 'tailor-${environmentName}'
  params: {
    environmentName: environmentName
    location: location
    principalId: principalId
    principalType: principalType
    enableEventSubscription: enableEventSubscription
    storageSkuName: storageSkuName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    pseudonymizeUserIds: pseudonymizeUserIds
  }
}

@description('Region of the deployment.')
output AZURE_LOCATION string = tailor.outputs.AZURE_LOCATION

@description('Resource group that holds Tailor (azd deploys the code there).')
output AZURE_RESOURCE_GROUP string = tailor.outputs.AZURE_RESOURCE_GROUP

@description('Name of the function app.')
output AZURE_FUNCTION_APP_NAME string = tailor.outputs.AZURE_FUNCTION_APP_NAME

@description('Host name of the function app.')
output AZURE_FUNCTION_APP_HOST_NAME string = tailor.outputs.AZURE_FUNCTION_APP_HOST_NAME

@description('Name of the storage account.')
output AZURE_STORAGE_ACCOUNT_NAME string = tailor.outputs.AZURE_STORAGE_ACCOUNT_NAME

@description('Blob endpoint of the storage account.')
output AZURE_STORAGE_BLOB_ENDPOINT string = tailor.outputs.AZURE_STORAGE_BLOB_ENDPOINT
