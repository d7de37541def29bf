#!/usr/bin/env bash
# Verigate's HTTP benchmark, end to end: builds Release, starts the hello-world baseline and Verigate (fresh data
# directory, raised send limits, SQLite synchronous=NORMAL), runs every scenario, prints the figures and the
# ratios, and stops both servers. See docs/benchmarks.md.
#
#   bench/run.sh                      # ≈ 2½ minutes: builds, pre-warm, 5 runs × (10 s + 3 s warm-up), race probes
#   DURATION=30 WARMUP=5 bench/run.sh # longer runs for the record
#
# Environment: DURATION, WARMUP (seconds), CONNECTIONS (the "many" level, default 64), HELLO_PORT (5181),
# VERIGATE_PORT (5180), SYNCHRONOUS (Normal|Full), CHANNEL (sms|email), PREWARM (seconds per scenario before
# the measured runs, default 5, then 3 s loads until one leaves the server's JIT nothing to compile; 0 = none),
# NO_BUILD=1 to reuse the last build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-10}
warmup=${WARMUP:-3}
many=${CONNECTIONS:-64}
hello_port=${HELLO_PORT:-5181}
verigate_port=${VERIGATE_PORT:-5180}
synchronous=${SYNCHRONOUS:-Normal}
channel=${CHANNEL:-sms}
work=$(mktemp -d "${TMPDIR:-/tmp}/verigate-bench.XXXXXX")
results="$work/results.txt"
api_key="bench-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

stop_servers() { stop_server verigate; stop_server hello; }

cleanup() {
  local status=$?
  stop_servers
  if [[ $status -ne 0 ]]; then
    echo "bench/run.sh failed (exit $status); server logs kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

require_free_ports "$hello_port" "$verigate_port"
build_release src/Verigate.Server bench/Verigate.Bench bench/Verigate.Bench.Hello

echo "== starting hello baseline on 127.0.0.1:$hello_port"
cd "$hello_dir"
Logging__LogLevel__Default=Warning ./Verigate.Bench.Hello --urls "http://127.0.0.1:$hello_port" >"$work/hello.log" 2>&1 &
echo $! >"$work/hello.pid"
cd "$root"

echo "== starting Verigate on 127.0.0.1:$verigate_port (data in $work/verigate-data, Storage:Synchronous=$synchronous, send limits raised to $raised_limit)"
start_verigate verigate "$verigate_port" "$api_key" Storage__Synchronous="$synchronous"

wait_ready hello "$hello_port"
wait_ready verigate "$verigate_port"

failures=0
bench() { # scenario connections url server-pid
  echo
  echo "== $1 at $2 connection(s)"
  if ! dotnet "$bench_dll" "$1" --url "$3" --connections "$2" --duration "$duration" --warmup "$warmup" \
      --api-key "$api_key" --channel "$channel" --server-pid "$4" | tee -a "$results"; then
    failures=$((failures + 1))
  fi
}

hello_url="http://127.0.0.1:$hello_port"
verigate_url="http://127.0.0.1:$verigate_port"
hello_pid=$(cat "$work/hello.pid")
verigate_pid=$(cat "$work/verigate.pid")
# A freshly started server spends its first seconds compiling (tiered JIT: libclrjit.so was ~17 % of the server's
# samples 4-10 s after start), and on a saturated machine its JIT's threads get so little CPU that code stays
# unoptimised long after: each scenario pre-warms until a load leaves the JIT nothing to compile (bench/lib.sh).
prewarm=${PREWARM:-5}
if [[ "$prewarm" != 0 ]]; then
  echo "== pre-warming both servers for ${prewarm} s per scenario, then 3 s at a time until a load leaves their JIT nothing to compile (not reported)"
  warm_server "$hello_url" "$hello_pid" "$prewarm" hello
  warm_server "$verigate_url" "$verigate_pid" "$prewarm" cycle
  warm_server "$verigate_url" "$verigate_pid" "$prewarm" wrong-guess
fi

bench hello 1 "$hello_url" "$hello_pid"
bench hello "$many" "$hello_url" "$hello_pid"
bench cycle 1 "$verigate_url" "$verigate_pid"
bench cycle "$many" "$verigate_url" "$verigate_pid"
bench wrong-guess "$many" "$verigate_url" "$verigate_pid"

stop_servers


echo
echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${duration} s measured + ${warmup} s warm-up per run,"
echo "   SQLite synchronous=$synchronous (WAL), send limits raised to $raised_limit, channel=$channel, dev inbox delivery)"
printf '%-12s %5s %10s %11s %10s %8s %8s %8s %6s %7s %11s %6s\n' scenario conns "units/s" "unit req/s" "all req/s" "p50 ms" "p99 ms" "max ms" errors correct "srv cpu ms" "idle"
for run in "hello 1" "hello $many" "cycle 1" "cycle $many" "wrong-guess $many"; do
  set -- $run
  printf '%-12s %5s %10s %11s %10s %8s %8s %8s %6s %7s %11s %6s\n' "$1" "$2" "$(field "$1" "$2" ops_per_s)" "$(field "$1" "$2" unit_requests_per_s)" \
    "$(field "$1" "$2" requests_per_s)" "$(field "$1" "$2" p50_ms)" "$(field "$1" "$2" p99_ms)" "$(field "$1" "$2" max_ms)" \
    "$(field "$1" "$2" errors)" "$(field "$1" "$2" correct)" "$(field "$1" "$2" server_cpu_ms_per_unit)" "$(field "$1" "$2" machine_idle_pct)%"
done
echo "units: hello = one request; cycle = start + read the code from the dev inbox + check; wrong-guess = one check."
echo "unit req/s counts the requests a unit needs at the least (cycle: 3); all req/s also counts extra inbox polls"
echo "made while a message was still on its way. p50/p99/max are per unit. srv cpu ms = server CPU time per unit;"
echo "idle = the machine's idle share during the window (near 0 % with neighbours busy means the figures are not clean)."
echo
echo "cycle ÷ hello, requests/s at $many connections: $(ratio "$(field cycle "$many" unit_requests_per_s)" "$(field hello "$many" requests_per_s)")  (target ≥ 0.2; counting 3 requests per cycle)"
echo "cycle ÷ hello, requests/s at 1 connection:  $(ratio "$(field cycle 1 unit_requests_per_s)" "$(field hello 1 requests_per_s)")"
echo "wrong-guess checks/s ÷ hello requests/s at $many connections: $(ratio "$(field wrong-guess "$many" ops_per_s)" "$(field hello "$many" requests_per_s)")"
echo "targets: cycle ≥ 3000/s at $many connections with p99 < 20 ms; wrong-guess ≥ 8000 checks/s with exact attempt counts"

if [[ $failures -gt 0 ]]; then
  echo "$failures run(s) reported errors or failed a correctness check (see above)" >&2
  exit 1
fi
