# azd postdeploy hook: once the code is deployed (so the app has its blobs_extension system key and
# answers Event Grid's validation handshake), provision again with the Event Grid subscription on.
# Runs once per azd environment; later `azd up` runs keep ENABLE_EVENT_SUBSCRIPTION=true.
$ErrorActionPreference = 'Stop'
if ($env:ENABLE_EVENT_SUBSCRIPTION -eq 'true') {
    exit 0
}
Write-Host 'Creating the Event Grid subscription that feeds IngestEvents...'
azd env set ENABLE_EVENT_SUBSCRIPTION true
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
azd provision --no-prompt
exit $LASTEXITCODE
