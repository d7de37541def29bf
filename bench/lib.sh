#!/usr/bin/env bash
# Shared by bench/run.sh and bench/run-postgres.sh (sourced, not run). The caller sets `root` (the repository),
# `work` (its scratch directory: server logs, pid files, results) and `results` (the file RESULT lines go to).

# Far above any run's volume: the benchmark measures the work, not the limiter's refusals.
raised_limit=100000000

server_dir="$root/src/Verigate.Server/bin/Release/net10.0"
hello_dir="$root/bench/Verigate.Bench.Hello/bin/Release/net10.0"
bench_dll="$root/bench/Verigate.Bench/bin/Release/net10.0/Verigate.Bench.dll"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_ports() { # port...
  for port in "$@"; do
    if port_open "$port"; then
      echo "Port $port is already in use; choose free ports (see the script's header)." >&2
      exit 1
    fi
  done
}

build_release() { # project...
  if [[ "${NO_BUILD:-0}" != 1 ]]; then
    echo "== building Release"
    for project in "$@"; do
      dotnet build "$root/$project" -c Release -nologo -v q | grep -Ev '^\s*$|Time Elapsed|Build succeeded|0 Warning|0 Error' || true
    done
  fi
}

# Starts a Release Verigate in the background on 127.0.0.1:PORT with the benchmark's settings (send limits raised,
# logging at Warning, the given API key) plus any extra NAME=VALUE settings, and records its own PID in
# $work/NAME.pid (a separate `cd`, so $! is the server, not a subshell).
start_verigate() { # name port api-key [NAME=VALUE...]
  local name=$1 port=$2 key=$3
  shift 3
  cd "$server_dir"
  env \
    Verigate__DataDirectory="$work/$name-data" \
    Verigate__PublicBaseUrl="http://127.0.0.1:$port" \
    VerifyApi__Keys__bench="$key" \
    Logging__LogLevel__Default=Warning \
    RateLimits__SendsPerDestination__Count=$raised_limit \
    RateLimits__SendsPerPhonePrefix__Count=$raised_limit \
    RateLimits__SendsPerApiKey__Count=$raised_limit \
    RateLimits__SendsPerIp__Count=$raised_limit \
    RateLimits__SendsPerAccount__Count=$raised_limit \
    SmsGuard__SendsPerCountryPerDay__Count=$raised_limit \
    SmsGuard__SendsPerPrefixPerDay__Count=$raised_limit \
    SmsGuard__ConversionWatch__Enabled=false \
    "$@" \
    ./Verigate.Server --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  echo $! >"$work/$name.pid"
  cd "$root"
}

wait_ready() { # name port
  for _ in $(seq 1 300); do
    if port_open "$2"; then return 0; fi
    if ! kill -0 "$(cat "$work/$1.pid")" 2>/dev/null; then
      echo "$1 exited during start-up:" >&2; tail -n 30 "$work/$1.log" >&2; return 1
    fi
    sleep 0.1
  done
  echo "$1 did not listen on port $2 within 30 s" >&2
  return 1
}

stop_server() { # name: SIGTERM, wait for it, forget its pid file
  if [[ -f "$work/$1.pid" ]]; then
    local pid
    pid=$(cat "$work/$1.pid")
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$work/$1.pid"
  fi
}

# Waits until the server's tiered JIT has compiled what its load so far queued: the CPU of its ".NET Tiered Com…"
# threads stops growing for a second (at most 60 s). Under load on a machine this small the JIT's background thread
# gets little CPU, so a server only just pre-warmed still runs much of its hot code unoptimised; measured then, a
# second instance cost twice the CPU per cycle of the first (docs/benchmarks.md, ninth round).
wait_jit_settled() { # pid
  local before after
  for _ in $(seq 1 60); do
    before=$(jit_ticks "$1"); sleep 1; after=$(jit_ticks "$1")
    [[ "$before" == "$after" ]] && return 0
  done
  echo "   the JIT of $1 was still compiling after 60 s" >&2
}
jit_ticks() { # pid: utime + stime of its tiered-compilation threads
  local total=0 task ticks
  for task in /proc/"$1"/task/*; do
    if [[ "$(cat "$task/comm" 2>/dev/null)" == ".NET Tiered Com"* ]] && ticks=$(cpu_ticks "$task/stat"); then
      total=$((total + ticks))
    fi
  done
  echo "$total"
}
# utime + stime from a /proc …/stat file (fails when the process or thread is gone). The command name (field 2) may
# hold spaces, so fields are counted after its ')'.
cpu_ticks() { # stat-file
  local f
  read -r -a f < <(sed 's/.*) //' "$1" 2>/dev/null) && echo $((f[11] + f[12]))
}

# Pre-warms a server with SCENARIO at 16 connections: SECONDS of load, then 3 s at a time, until a load costs its JIT
# threads less than 50 ms of CPU (at most 10 loads). Tiered PGO compiles a hot method twice (instrumented, then
# optimised), each time after calls made under load, so one load is not enough. Uses the caller's api_key (and
# channel, when set).
warm_server() { # url pid seconds scenario
  local seconds=$3 rounds=0 before
  while :; do
    before=$(jit_ticks "$2")
    # shellcheck disable=SC2086
    dotnet "$bench_dll" "$4" --url "$1" --connections 16 --duration "$seconds" --warmup 0 --api-key "$api_key" ${channel:+--channel "$channel"} >/dev/null \
      || echo "   pre-warm run reported errors" >&2
    wait_jit_settled "$2"
    rounds=$((rounds + 1))
    (( $(jit_ticks "$2") - before < $(getconf CLK_TCK) / 20 || rounds == 10 )) && break
    seconds=3
  done
  echo "   $4 on $1: warm after $rounds load(s)"
}

# field NAME from the last RESULT line of SCENARIO at CONNECTIONS (optionally with LABEL)
field() { # scenario connections name [label]
  local line
  if [[ -n "${4:-}" ]]; then
    line=$(grep "^RESULT scenario=$1 connections=$2 .* label=$4\$" "$results" | tail -n 1)
  else
    line=$(grep "^RESULT scenario=$1 connections=$2 " "$results" | tail -n 1)
  fi
  tr ' ' '\n' <<<"$line" | sed -n "s/^$3=//p"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
