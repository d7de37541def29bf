#!/usr/bin/env bash
# Runs every test project of Verigate on a fresh machine and ends with one line of totals:
#   N passed, N failed, N skipped
# It exits non-zero if anything fails, or if a test project did not report (a crash counts as a failure).
# Real components the tests need are installed and started by eng/components.sh (loopback only).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

if [ -x eng/components.sh ]; then
  eng/components.sh start || { echo "Could not start the test components (see above)."; echo "0 passed, 1 failed"; exit 1; }
  trap 'eng/components.sh stop >/dev/null 2>&1 || true' EXIT
  # shellcheck disable=SC1091
  [ -f artifacts/components.env ] && source artifacts/components.env
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet build Verigate.slnx -c Release -nologo -clp:ErrorsOnly; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

projects=(tests/*/*.Tests.csproj)
status=0
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo --blame-hang-timeout 5m --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results" 2>&1 | tee "$results/$name.log" | grep -E '^\s*(Failed|Passed|Skipped)!|error|^\s+Failed ' || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# Totals from the TRX files (one per project): a project without one did not run and counts as failed.
passed=0 failed=0 skipped=0
for project in "${projects[@]}"; do
  trx="$results/$(basename "$project" .csproj).trx"
  if [ ! -s "$trx" ]; then
    echo "No results from $(basename "$project" .csproj): it did not run."
    failed=$((failed + 1)); status=1; continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
