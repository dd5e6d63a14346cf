#!/bin/sh
# azd postdeploy hook: once the code is deployed (so the app has its blobs_extension system key and
# answers Event Grid's validation handshake), provision again with the Event Grid subscription on.
# Runs once per azd environment; later `azd up` runs keep ENABLE_EVENT_SUBSCRIPTION=true.
set -eu
if [ "${ENABLE_EVENT_SUBSCRIPTION:-false}" = "true" ]; then
  exit 0
fi
echo "Creating the Event Grid subscription that feeds IngestEvents..."
azd env set ENABLE_EVENT_SUBSCRIPTION true
azd provision --no-prompt
