// The user-assigned identity the function app runs as. It exists before the app, so its role
// assignments are in place by the time the Functions host first reaches storage.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource ID of the identity.')
output id string = identity.id

@description('Client (application) ID of the identity, used by the Azure SDK and the Functions host.')
output clientId string = identity.properties.clientId

@description('Object (principal) ID of the identity, used in role assignments.')
output principalId string = identity.properties.principalId
