#!/usr/bin/env bash
# Installs (apt, when missing) and starts on loopback the real components the integration tests use, or
# stops them: eng/components.sh start|stop. Each component is one script in eng/components.d/ taking
# start|stop; on start it appends the variables the tests read (export NAME=value) to artifacts/components.env.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
action=${1:-start}
shopt -s nullglob
scripts=(eng/components.d/*.sh)
case "$action" in
  start)
    : > artifacts/components.env
    for script in "${scripts[@]}"; do
      echo "== starting $(basename "$script" .sh)"
      bash "$script" start
    done
    ;;
  stop)
    for (( i=${#scripts[@]}-1; i>=0; i-- )); do bash "${scripts[$i]}" stop || true; done
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
