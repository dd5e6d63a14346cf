// The Key Vault that holds the pseudonymization key (Tailor:Privacy:Key). Access is RBAC only: the app's
// identity reads secrets ("Key Vault Secrets User"); the deploying principal, when given, may set them
// ("Key Vault Secrets Officer"). The secret itself is never a deployment input: set it once with
//   az keyvault secret set --vault-name <vault> --name <secretName> --value "$(openssl rand -base64 32)"
// before turning pseudonymization on. Soft delete and purge protection keep a deleted key recoverable:
// losing the key orphans every stored pseudonym.

@description('Key Vault name.')
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Name of the function app\'s user-assigned managed identity (gets Key Vault Secrets User).')
param appIdentityName string

@description('Object ID of the deploying user or service principal (gets Key Vault Secrets Officer); empty to grant nothing.')
param deployerPrincipalId string

@description('Type of the deploying principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string

@description('Name of the secret that holds the pseudonymization key.')
param secretName string

var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in (empty(deployerPrincipalId) ? [] : [roles.keyVaultSecretsOfficer]): {
    name: guid(vault.id, deployerPrincipalId, roleId)
    scope: vault
    properties: {
      principalId: deployerPrincipalId
      principalType: deployerPrincipalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

@description('Name of the vault.')
output name string = vault.name

@description('URI of the pseudonymization key secret (latest version), for a Key Vault reference.')
output secretUri string = '${vault.properties.vaultUri}secrets/${secretName}'
