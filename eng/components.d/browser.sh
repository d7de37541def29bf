#!/usr/bin/env bash
# Chromium (Debian's apt package; Playwright's own browser download is never used) and axe-core (npm, pinned in
# eng/browser/package-lock.json) for the browser tests in tests/Verigate.Web.Tests.
#   start | stop    (stop has nothing to do: each test run launches and closes its own headless Chromium)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
mkdir -p artifacts
chromium=${VERIGATE_CHROMIUM:-/usr/bin/chromium}

case "${1:-start}" in
  start)
    if [ ! -x "$chromium" ]; then
      echo "Installing chromium (apt) ..."
      apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null || true
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium >/dev/null \
        || { echo "Could not install Chromium: run 'apt-get update && apt-get install chromium' as root." >&2; exit 1; }
    fi
    command -v npm >/dev/null || { echo "axe-core needs npm: apt-get install nodejs npm." >&2; exit 1; }
    (cd eng/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
      || { echo "npm ci failed in eng/browser (needs the npm registry or a warm npm cache)." >&2; exit 1; }
    {
      echo "export VERIGATE_CHROMIUM=$chromium"
      echo "export VERIGATE_AXE_JS=$root/eng/browser/node_modules/axe-core/axe.min.js"
    } >> artifacts/components.env
    echo "Browser: $chromium, axe-core $(node -p "require('./eng/browser/node_modules/axe-core/package.json').version" 2>/dev/null)"
    ;;
  stop) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
