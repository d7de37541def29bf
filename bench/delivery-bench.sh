#!/usr/bin/env bash
# Dispatcher throughput to a real SMTP peer and to Kannel, and the kill -9 accounting run.
#   bench/delivery-bench.sh [messages]     (default 300; the crash run uses twice as many)
# Fills the outbox with the dispatcher off, restarts Verigate with it on, and times until the sink has
# every message. Numbers on a shared 2-core machine are indicative only; see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-300}
work="$root/artifacts/bench"
rm -rf "$work" && mkdir -p "$work"
port=15080 smtp_port=15025
dll="$root/src/Verigate.Server/bin/Release/net10.0/Verigate.Server.dll"
[ -f "$dll" ] || dotnet build src/Verigate.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
bash eng/components.d/kannel.sh start >/dev/null
# shellcheck disable=SC1091
source <(grep KANNEL artifacts/components.env; grep SMPP_SIM artifacts/components.env)
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null || true; bash eng/components.d/kannel.sh stop >/dev/null 2>&1 || true' EXIT

python3 -W ignore bench/smtp-sink.py "$smtp_port" "$work/mail-ids.txt" & echo $! > "$work/sink.pid"
export ASPNETCORE_URLS="http://127.0.0.1:$port" Verigate__DataDirectory="$work/data" Verigate__PublicBaseUrl="http://127.0.0.1:$port" \
  VerifyApi__Keys__bench=bench-key-0123456789abcdefghijklmnopqrstuvwxyz \
  RateLimits__SendsPerIp__Count=1000000 RateLimits__SendsPerApiKey__Count=1000000 RateLimits__SendsPerPhonePrefix__Count=1000000 \
  Delivery__Email__Smtp__Host=127.0.0.1 Delivery__Email__Smtp__Port=$smtp_port Delivery__Email__Smtp__Security=None \
  Delivery__Email__Smtp__From="Verigate <bench@example.org>" \
  Delivery__Sms__Kannel__SendSmsUrl="$VERIGATE_KANNEL_SENDSMS_URL" Delivery__Sms__Kannel__Username="$VERIGATE_KANNEL_USERNAME" \
  Delivery__Sms__Kannel__Password="$VERIGATE_KANNEL_PASSWORD" Delivery__Sms__MaxSegments=1 \
  Delivery__Dispatcher__Lease=00:00:05 Delivery__Fallback__Enabled=false Logging__LogLevel__Default=Warning

start() { # dispatcher on|off
  Delivery__Dispatcher__Enabled=$1 dotnet "$dll" >>"$work/server.log" 2>&1 & echo $! > "$work/server.pid"
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
  echo "Verigate did not start; see $work/server.log" >&2; exit 1
}
stop() { kill -"${1:-TERM}" "$(cat "$work/server.pid")"; wait "$(cat "$work/server.pid")" 2>/dev/null || true; rm -f "$work/server.pid"; }
fill() { # channel count prefix
  seq 1 "$2" | xargs -P 4 -I{} sh -c "curl -fs -o /dev/null -X POST http://127.0.0.1:$port/v1/verifications \
    -H 'Authorization: Bearer bench-key-0123456789abcdefghijklmnopqrstuvwxyz' -H 'Content-Type: application/json' \
    -d \"\$(printf '{\"to\":\"%s\",\"channel\":\"$1\"}' \"\$(printf '$3' {})\")\""
}
count_mail() { [ -f "$work/mail-ids.txt" ] && wc -l < "$work/mail-ids.txt" || echo 0; }
count_sms() { grep -c "\"to\":\"49152$1" "$VERIGATE_SMPP_SIM_LOG" || true; }
now() { date +%s.%N; }
wait_for() { # command target
  local deadline=$(( $(date +%s) + 300 ))
  while [ "$($1 "${3:-}")" -lt "$2" ]; do [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out" >&2; return 1; }; sleep 0.05; done
}

echo "messages per run: $n (2-core shared machine, load: $(cut -d' ' -f1-3 /proc/loadavg))"
# 1. SMTP throughput
start false; fill email "$n" 'bench%d@example.org'; stop
start true; t0=$(now); wait_for count_mail "$n"; t1=$(now); stop
span=$(awk 'NR==1{a=$1} {b=$1} END{printf "%.3f", b-a}' "$work/mail-ids.txt")
echo "smtp: $n messages; first to last arrival at the sink $span s -> $(echo "scale=1; ($n - 1) / $span" | bc) msg/s (readiness to last: $(echo "$t1 - $t0" | bc) s)"

# 2. Kannel throughput (destinations 49152 1xxxxxxx)
start false; fill sms "$n" '+491521%06d1'; stop
start true; t0=$(now); wait_for count_sms "$n" 1; t1=$(now); stop
span=$(grep '"to":"491521' "$VERIGATE_SMPP_SIM_LOG" | grep -o '"at":"[^"]*"' | cut -d'"' -f4 | python3 -c "import sys,datetime as d; t=[d.datetime.fromisoformat(l.strip().replace('Z','+00:00')).timestamp() for l in sys.stdin]; print(f'{max(t)-min(t):.3f}')")
echo "kannel: $n messages; first to last submit_sm at the SMSC $span s -> $(echo "scale=1; ($n - 1) / $span" | bc) msg/s (readiness to last: $(echo "$t1 - $t0" | bc) s)"

# 3. kill -9 in the middle of a large email run, then restart: count at the sink.
big=$((n * 2)); : > "$work/mail-ids.txt"
start false; fill email "$big" 'crash%d@example.org'; stop
start true; wait_for count_mail $((big / 3)); stop KILL
at_kill=$(count_mail)
start true; wait_for count_mail "$big"; sleep 7; stop
total=$(count_mail); unique=$(cut -d' ' -f2 "$work/mail-ids.txt" | sort -u | wc -l)
echo "crash: $big queued, $at_kill at the sink when killed, after restart $total received, $unique distinct Message-IDs, $((total - unique)) provider-level duplicates"
sqlite3 "$work/data/verigate.db" "SELECT state, COUNT(*) FROM outbox GROUP BY state" 2>/dev/null | sed 's/^/outbox: /' || true
