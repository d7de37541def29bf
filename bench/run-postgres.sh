#!/usr/bin/env bash
# The Verify API cycle on PostgreSQL, with one and with two Verigate instances on one database, beside the SQLite
# cycle from the same run. Builds Release, initdb's a private DURABLE PostgreSQL cluster (fsync, synchronous_commit
# and full_page_writes at their defaults: on), starts Verigate instance A on it, runs cycle at 1 and many
# connections, starts instance B, runs cycle at many connections spread over A and B (connection i → instance
# i % 2), stops both, then starts Verigate on SQLite (synchronous=NORMAL, as bench/run.sh) and runs cycle at 1 and
# many connections. Prints a summary with server and PostgreSQL CPU per cycle and the ratios; stops everything
# (instances, cluster) on success and on failure. See docs/benchmarks.md.
#
#   bench/run-postgres.sh                       # ≈ 2½ minutes: 10 s measured + 3 s warm-up per run
#   DURATION=8 WARMUP=3 bench/run-postgres.sh    # shorter, on a busy machine
#
# Environment: DURATION, WARMUP, PREWARM (seconds of unreported cycle load per server before its first run, default 10: the PostgreSQL path has more code for the tiered JIT to compile; 0 = none), CONNECTIONS (the
# "many" level, default 64), PG_PORT (55433), VERIGATE_PORT (5190, instance A), VERIGATE_PORT_B (5191),
# SQLITE_PORT (5192), PG_SHARED_BUFFERS (256MB), PG_MAX_CONNECTIONS (250: two instances × Npgsql's default pool
# of 100, plus room), KEEP=1 to keep the scratch directory, NO_BUILD=1 to reuse the last Release build.
# Needs root (or the postgres user) for initdb; installs postgresql-15 with apt when no server binaries exist.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-10}
warmup=${WARMUP:-3}
prewarm=${PREWARM:-10}
many=${CONNECTIONS:-64}
pg_port=${PG_PORT:-55433}
port_a=${VERIGATE_PORT:-5190}
port_b=${VERIGATE_PORT_B:-5191}
sqlite_port=${SQLITE_PORT:-5192}
shared_buffers=${PG_SHARED_BUFFERS:-256MB}
max_connections=${PG_MAX_CONNECTIONS:-250}
work=$(mktemp -d "${TMPDIR:-/tmp}/verigate-bench-pg.XXXXXX")
results="$work/results.txt"
pg_data="$work/pg/data"
pg_sock="$work/pg/run"
pg_log="$work/pg/postgres.log"
api_key="bench-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# The same code-hash key for every instance on the database (an instance whose key differs refuses to start).
hash_key=$(head -c 32 /dev/urandom | base64)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

as_postgres() { if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

find_pg_bin() {
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/pg_ctl" && -x "$dir/initdb" && -x "$dir/postgres" ]] && { echo "$dir"; return 0; }
  done
  return 1
}

pg_started=0
cleanup() {
  local status=$?
  stop_server verigate-a
  stop_server verigate-b
  stop_server sqlite
  if [[ $pg_started == 1 ]]; then
    (cd "$work/pg" && as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1) || true
  fi
  if [[ $status -ne 0 ]]; then
    echo "bench/run-postgres.sh failed (exit $status); logs kept in $work" >&2
  elif [[ "${KEEP:-0}" == 1 ]]; then
    echo "scratch directory kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

require_free_ports "$pg_port" "$port_a" "$port_b" "$sqlite_port"

if ! pg_bin=$(find_pg_bin); then
  echo "== installing postgresql-15 with apt (no PostgreSQL server binaries found)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends postgresql-15
  pg_bin=$(find_pg_bin)
fi

build_release src/Verigate.Server bench/Verigate.Bench

echo "== PostgreSQL: initdb a durable cluster in $pg_data, 127.0.0.1:$pg_port"
mkdir -p "$pg_sock"
if [[ "$(id -u)" -eq 0 ]]; then
  chown -R postgres:postgres "$work/pg"
  chmod o+x "$work"
fi
(cd "$work/pg" && as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null)
# Loopback and the private socket only, trusted: a throw-away cluster for one run.
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$pg_data/pg_hba.conf"
# Durability stays at PostgreSQL's defaults (fsync=on, synchronous_commit=on, full_page_writes=on): every
# committed verification step waits for its WAL flush, as in production. Only sizing is set here.
(cd "$work/pg" && as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" -w -t 30 -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pg_sock \
-c shared_buffers=$shared_buffers -c max_connections=$max_connections -c max_wal_size=2GB \
-c shared_preload_libraries=pg_stat_statements" start >/dev/null)
pg_started=1
"$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE verigate" >/dev/null
"$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d verigate -c "CREATE EXTENSION pg_stat_statements" >/dev/null
pg_settings=$("$pg_bin/psql" -At -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c \
  "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ' ' ORDER BY name) FROM pg_settings
   WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_sync_method','shared_buffers','max_connections')")
pg_pid=$(head -n 1 "$pg_data/postmaster.pid")
echo "   $pg_settings (postmaster $pg_pid, $("$pg_bin/postgres" --version))"

pg_conn="Host=127.0.0.1;Port=$pg_port;Database=verigate;Username=postgres"
start_pg_instance() { # name port
  start_verigate "$1" "$2" "$api_key" Storage__Provider=Postgres Storage__ConnectionString="$pg_conn" Codes__HashKey="$hash_key"
  wait_ready "$1" "$2"
}

psql_v() { "$pg_bin/psql" -At -h 127.0.0.1 -p "$pg_port" -U postgres -d verigate -c "$1"; }
# Whole-run counters of the verigate database (warm-up included): statements executed (pg_stat_statements, BEGIN
# and COMMIT included), commits, WAL flushes. PostgreSQL 15's pg_stat_statements does not see a COMMIT that arrives
# in a batch (extended protocol), as Verigate sends it with a transaction's last writes: every BEGIN ends in one
# COMMIT or ROLLBACK, so the ones it did not see are added as BEGINs minus the COMMITs and ROLLBACKs it saw.
# Commits (pg_stat_database.xact_commit) include read-only transactions, and lag a little: a backend reports its
# counts at most once a second. Writing transactions are exact: only a transaction that writes is given a transaction
# id, so they are the advance of the next id to be given (pg_snapshot_xmax; reading it gives none out).
pg_counters() {
  psql_v "SELECT (SELECT coalesce(sum(calls), 0)
                    + coalesce(sum(calls) FILTER (WHERE s.query LIKE 'BEGIN%'), 0)
                    - coalesce(sum(calls) FILTER (WHERE s.query IN ('COMMIT', 'ROLLBACK')), 0)
                  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = 'verigate' AND s.query NOT LIKE '%pg_stat_statements%'),
          (SELECT xact_commit FROM pg_stat_database WHERE datname = 'verigate'),
          (SELECT wal_sync FROM pg_stat_wal),
          pg_snapshot_xmax(pg_current_snapshot())" | tr '|' ' '
}

failures=0
run_cycle() { # connections urls server-pids label [extra driver options...]
  local connections=$1 urls=$2 pids=$3 label=$4
  shift 4
  echo
  echo "== cycle at $connections connection(s): $label ($urls)"
  local before="" out="$work/run-$label-$connections.txt"
  [[ $pg_started == 1 ]] && before=$(pg_counters)
  if ! dotnet "$bench_dll" cycle --url "$urls" --connections "$connections" --duration "$duration" --warmup "$warmup" \
      --api-key "$api_key" --server-pid "$pids" --label "$label" "$@" | tee "$out"; then
    failures=$((failures + 1))
  fi
  grep '^RESULT' "$out" >>"$results" || true
  if [[ -n "$before" ]]; then
    local starts reads
    starts=$(sed -n 's/^ *starts: \([0-9]*\).*/\1/p' "$out")
    reads=$(sed -n 's/^ *inbox reads: \([0-9]*\).*/\1/p' "$out")
    # Each development-inbox read is one statement and one (read-only) commit: the driver's polling, not the
    # verification's work, and it varies with delivery latency (hence with the load). Also shown without it.
    # shellcheck disable=SC2086
    read -r per_statements per_commits per_syncs per_reads own_statements own_commits per_writing < <(awk -v n="$starts" -v r="${reads:-0}" -v b="$before" -v a="$(pg_counters)" 'BEGIN {
      split(b, x, " "); split(a, y, " ")
      if (n > 0) printf "%.1f %.1f %.2f %.2f %.1f %.1f %.2f\n", (y[1]-x[1])/n, (y[2]-x[2])/n, (y[3]-x[3])/n, r/n, (y[1]-x[1]-r)/n, (y[2]-x[2]-r)/n, (y[4]-x[4])/n
      else print "n/a n/a n/a n/a n/a n/a n/a" }')
    echo "  PostgreSQL per cycle (whole run, warm-up included): $per_statements statements, $per_commits commits, $per_syncs WAL flushes;" \
      "$per_reads inbox reads, without which $own_statements statements, $own_commits commits; $per_writing writing transactions (exact)"
    echo "PG scenario=cycle connections=$connections label=$label statements=$per_statements commits=$per_commits wal_syncs=$per_syncs inbox_reads=$per_reads own_statements=$own_statements own_commits=$own_commits writing=$per_writing" >>"$results"
  fi
}
pgfield() { grep "^PG scenario=cycle connections=$1 label=$2 " "$results" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$3=//p"; }

prewarm_cycle() { # urls
  if [[ "$prewarm" != 0 ]]; then
    echo "== pre-warming $1 for ${prewarm} s (not reported)"
    dotnet "$bench_dll" cycle --url "$1" --connections 16 --duration "$prewarm" --warmup 0 --api-key "$api_key" >/dev/null \
      || echo "   pre-warm run reported errors" >&2
  fi
}

url_a="http://127.0.0.1:$port_a"
url_b="http://127.0.0.1:$port_b"
url_sqlite="http://127.0.0.1:$sqlite_port"

echo "== starting Verigate A on $url_a (PostgreSQL)"
start_pg_instance verigate-a "$port_a"
prewarm_cycle "$url_a"
pid_a=$(cat "$work/verigate-a.pid")
run_cycle 1 "$url_a" "$pid_a" pg1 --db-pid "$pg_pid"
run_cycle "$many" "$url_a" "$pid_a" pg1 --db-pid "$pg_pid"

echo "== starting Verigate B on $url_b (same database, same hash key)"
start_pg_instance verigate-b "$port_b"
prewarm_cycle "$url_b"
pid_b=$(cat "$work/verigate-b.pid")
run_cycle "$many" "$url_a,$url_b" "$pid_a,$pid_b" pg2 --db-pid "$pg_pid"

stop_server verigate-a
stop_server verigate-b
echo
echo "== the statements PostgreSQL ran most (whole PostgreSQL part, pre-warm included)"
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d verigate -P pager=off -c \
  "SELECT calls, round(total_exec_time::numeric, 0) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
          left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS query
   FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'verigate'
   ORDER BY calls DESC LIMIT 25" | tee "$work/statements.txt"
echo
echo "== rows written per table, and how many updates were HOT (no index entries; whole PostgreSQL part)"
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d verigate -P pager=off -c \
  "SELECT t.relname AS table, n_tup_ins AS inserted, n_tup_upd AS updated, n_tup_hot_upd AS hot, n_tup_del AS deleted,
          (SELECT count(*) FROM pg_index i WHERE i.indrelid = t.relid) AS indexes
   FROM pg_stat_user_tables t WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY n_tup_ins + n_tup_upd DESC" | tee "$work/tables.txt"
pg_db_size=$("$pg_bin/psql" -At -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "SELECT pg_size_pretty(pg_database_size('verigate'))")
pg_wal=$("$pg_bin/psql" -At -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "SELECT wal_records || ' records, ' || pg_size_pretty(wal_bytes) || ', ' || wal_sync || ' syncs' FROM pg_stat_wal" 2>/dev/null || echo n/a)
(cd "$work/pg" && as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null)
pg_started=0

echo "== starting Verigate on SQLite on $url_sqlite (synchronous=NORMAL, the bench/run.sh configuration)"
start_verigate sqlite "$sqlite_port" "$api_key" Storage__Synchronous=Normal
wait_ready sqlite "$sqlite_port"
prewarm_cycle "$url_sqlite"
pid_sqlite=$(cat "$work/sqlite.pid")
run_cycle 1 "$url_sqlite" "$pid_sqlite" sqlite
run_cycle "$many" "$url_sqlite" "$pid_sqlite" sqlite
stop_server sqlite

echo
echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${duration} s measured + ${warmup} s warm-up per run, cycle scenario)"
echo "   PostgreSQL: $pg_settings; database after the runs: $pg_db_size; WAL whole run: $pg_wal"
row() { # title connections label
  printf '%-20s %5s %9s %8s %8s %8s %6s %13s %12s %9s %6s\n' "$1" "$2" "$(field cycle "$2" ops_per_s "$3")" "$(field cycle "$2" p50_ms "$3")" \
    "$(field cycle "$2" p99_ms "$3")" "$(field cycle "$2" max_ms "$3")" "$(field cycle "$2" errors "$3")" \
    "$(field cycle "$2" server_cpu_ms_per_unit "$3")" "$(field cycle "$2" db_cpu_ms_per_unit "$3")" \
    "$(field cycle "$2" driver_cpu_cores "$3")" "$(field cycle "$2" machine_idle_pct "$3")%"
}
echo
printf '%-20s %5s %12s %8s %12s %13s %18s %15s %10s\n' store conns "statements/c" "commits/c" "WAL flushes/c" "inbox reads/c" "statements/c w/o" "commits/c w/o" "writing/c"
for run in "1 pg1" "$many pg1" "$many pg2"; do
  set -- $run
  printf '%-20s %5s %12s %8s %12s %13s %18s %15s %10s\n' "PostgreSQL, ${2#pg} inst." "$1" "$(pgfield "$1" "$2" statements)" "$(pgfield "$1" "$2" commits)" \
    "$(pgfield "$1" "$2" wal_syncs)" "$(pgfield "$1" "$2" inbox_reads)" "$(pgfield "$1" "$2" own_statements)" "$(pgfield "$1" "$2" own_commits)" \
    "$(pgfield "$1" "$2" writing)"
done
echo "w/o = without the driver's development-inbox reads (one statement and one commit each). commits = every committed"
echo "transaction, read-only ones included; writing = transactions that wrote (exact: the transaction ids given out)."

echo
printf '%-20s %5s %9s %8s %8s %8s %6s %13s %12s %9s %6s\n' store conns "cycles/s" "p50 ms" "p99 ms" "max ms" errors "verigate ms/c" "postgres ms/c" "driver c" idle
row "PostgreSQL, 1 inst." 1 pg1
row "PostgreSQL, 1 inst." "$many" pg1
row "PostgreSQL, 2 inst." "$many" pg2
row "SQLite" 1 sqlite
row "SQLite" "$many" sqlite
echo "verigate ms/c = Verigate CPU per cycle (two instances: summed); postgres ms/c = the postmaster and all its"
echo "processes (backends, WAL writer, checkpointer); driver c = cores the load driver used; idle = the machine's idle"
echo "share in the window (near 0 % = the figures are bounded by the machine, not by Verigate)."
echo
echo "two ÷ one instance, cycles/s at $many connections: $(ratio "$(field cycle "$many" ops_per_s pg2)" "$(field cycle "$many" ops_per_s pg1)")"
echo "PostgreSQL ÷ SQLite, cycles/s at $many connections: $(ratio "$(field cycle "$many" ops_per_s pg1)" "$(field cycle "$many" ops_per_s sqlite)")"
echo "PostgreSQL ÷ SQLite, cycles/s at 1 connection:   $(ratio "$(field cycle 1 ops_per_s pg1)" "$(field cycle 1 ops_per_s sqlite)")"

if [[ $failures -gt 0 ]]; then
  echo "$failures run(s) reported errors (see above)" >&2
  exit 1
fi
