#!/usr/bin/env bash
# Generates the C# client the tests use (tests/Verigate.Server.Tests/OpenApi/Generated) from an OpenAPI document,
# with Kiota (the .NET tool pinned in .config/dotnet-tools.json; `dotnet tool restore` installs it).
#   eng/openapi/generate-client.sh <openapi.json> [output dir]
# The test OpenApiClientTests regenerates it from the served document into a temporary directory and fails if it
# differs from the committed copy: after changing the API, serve it, run this script, and commit the result.
set -euo pipefail
cd "$(dirname "$0")/../.."
document=${1:?usage: eng/openapi/generate-client.sh <openapi.json> [output dir]}
output=${2:-tests/Verigate.Server.Tests/OpenApi/Generated}
export KIOTA_OFFLINE_ENABLED=true KIOTA_TUTORIAL_ENABLED=false DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet kiota generate --language CSharp --openapi "$document" --class-name VerigateApiClient \
  --namespace-name Verigate.Server.Tests.OpenApi.Generated --output "$output" --exclude-backward-compatible --clean-output \
  --log-level Warning
rm -f "$output/kiota-lock.json" # holds the document's local path and hash: nothing to compare or commit
