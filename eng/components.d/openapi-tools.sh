#!/usr/bin/env bash
# The OpenAPI checks' tools (tests/Verigate.Server.Tests/OpenApi): Redocly CLI, pinned with a package-lock in
# eng/openapi, and the Kiota client generator, pinned in .config/dotnet-tools.json. Nothing runs; start installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
case "${1:-start}" in
  start)
    command -v node >/dev/null && command -v npm >/dev/null \
      || { echo "The OpenAPI lint needs Node.js and npm: apt-get install nodejs npm." >&2; exit 1; }
    # Always from the lock file (a few seconds from npm's cache), so the version linted with is the pinned one.
    (cd eng/openapi && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
      || { echo "npm ci failed in eng/openapi (needs the npm registry or a warm npm cache)." >&2; exit 1; }
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet tool restore >/dev/null \
      || { echo "dotnet tool restore failed (Kiota, .config/dotnet-tools.json; needs the NuGet registry)." >&2; exit 1; }
    echo "export VG_REDOCLY=$root/eng/openapi/node_modules/.bin/redocly" >> artifacts/components.env
    ;;
  stop) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
