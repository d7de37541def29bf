#!/usr/bin/env bash
# The Verify API cycle on PostgreSQL, with one and with two Verigate instances on one database, beside the SQLite
# cycle from the same run. Builds Release, initdb's a private DURABLE PostgreSQL cluster (fsync, synchronous_commit
# and full_page_writes at their defaults: on), starts Verigate instance A on it, runs cycle at 1 and many
# connections, starts instance B, runs cycle at many connections spread over A and B (connection i → instance
# i % 2), stops both, runs pgbench -N on the same cluster as a yardstick, then starts Verigate on SQLite
# (synchronous=NORMAL, as bench/run.sh) and runs cycle at 1 and many connections. Prints a summary with server and
# PostgreSQL CPU per cycle and per row written, and the ratios; stops everything (instances, cluster) on success and
# on failure. See docs/benchmarks.md.
#
#   bench/run-postgres.sh                       # ≈ 3 minutes: 10 s measured + 3 s warm-up per run
#   DURATION=8 WARMUP=3 bench/run-postgres.sh    # shorter, on a busy machine
#
# Environment: DURATION, WARMUP, PREWARM (seconds of unreported cycle load per server before its first run, default
# 10, followed by 3 s loads until one leaves the server's JIT nothing to compile; 0 = none), CONNECTIONS (the
# "many" level, default 64), PG_CONN_EXTRA (keywords appended to Verigate's connection string, e.g.
# "Maximum Pool Size=8"), PG_PORT (55433), VERIGATE_PORT (5190, instance A), VERIGATE_PORT_B (5191),
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

pg_conn="Host=127.0.0.1;Port=$pg_port;Database=verigate;Username=postgres${PG_CONN_EXTRA:+;$PG_CONN_EXTRA}"
start_pg_instance() { # name port
  start_verigate "$1" "$2" "$api_key" Storage__Provider=Postgres Storage__ConnectionString="$pg_conn" Codes__HashKey="$hash_key"
  wait_ready "$1" "$2"
}

psql_v() { "$pg_bin/psql" -At -h 127.0.0.1 -p "$pg_port" -U postgres -d verigate -c "$1"; }
# Rows inserted, updated or deleted in the database so far (for the cycle's and pgbench's rows written).
rows_written_sql="SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables"
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
          pg_snapshot_xmax(pg_current_snapshot()),
          ($rows_written_sql)" | tr '|' ' '
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
    # Rows written (pg_stat_user_tables: inserted + updated + deleted) lag like the commits: the counters are read a
    # second after the run, so every backend has reported.
    sleep 1
    # shellcheck disable=SC2086
    read -r per_statements per_commits per_syncs per_reads own_statements own_commits per_writing per_rows < <(awk -v n="$starts" -v r="${reads:-0}" -v b="$before" -v a="$(pg_counters)" 'BEGIN {
      split(b, x, " "); split(a, y, " ")
      if (n > 0) printf "%.1f %.1f %.2f %.2f %.1f %.1f %.2f %.1f\n", (y[1]-x[1])/n, (y[2]-x[2])/n, (y[3]-x[3])/n, r/n, (y[1]-x[1]-r)/n, (y[2]-x[2]-r)/n, (y[4]-x[4])/n, (y[5]-x[5])/n
      else print "n/a n/a n/a n/a n/a n/a n/a n/a" }')
    echo "  PostgreSQL per cycle (whole run, warm-up included): $per_statements statements, $per_commits commits, $per_syncs WAL flushes;" \
      "$per_reads inbox reads, without which $own_statements statements, $own_commits commits; $per_writing writing transactions (exact); $per_rows rows written"
    echo "PG scenario=cycle connections=$connections label=$label statements=$per_statements commits=$per_commits wal_syncs=$per_syncs inbox_reads=$per_reads own_statements=$own_statements own_commits=$own_commits writing=$per_writing rows=$per_rows" >>"$results"
  fi
}
pgfield() { grep "^PG scenario=cycle connections=$1 label=$2 " "$results" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$3=//p"; }

prewarm_cycle() { # url pid
  if [[ "$prewarm" != 0 ]]; then
    echo "== pre-warming $1 for ${prewarm} s, then 3 s at a time until a load leaves its JIT nothing to compile (not reported)"
    warm_server "$1" "$2" "$prewarm" cycle
  fi
  # The state a running database is kept in by autovacuum, which gets to a database this young only during the runs
  # (and then works beside them, on the later runs only): statistics, without which PostgreSQL guesses that any one
  # value matches 0.5 % of a table (the timelines read then scanned all of deliveries: 11 ms a batch at 40,000 rows),
  # and the dead rows of the pre-warm cleared.
  if [[ $pg_started == 1 ]]; then psql_v "VACUUM ANALYZE" >/dev/null; fi
}

url_a="http://127.0.0.1:$port_a"
url_b="http://127.0.0.1:$port_b"
url_sqlite="http://127.0.0.1:$sqlite_port"

echo "== starting Verigate A on $url_a (PostgreSQL)"
start_pg_instance verigate-a "$port_a"
pid_a=$(cat "$work/verigate-a.pid")
prewarm_cycle "$url_a" "$pid_a"
run_cycle 1 "$url_a" "$pid_a" pg1 --db-pid "$pg_pid"
run_cycle "$many" "$url_a" "$pid_a" pg1 --db-pid "$pg_pid"

echo "== starting Verigate B on $url_b (same database, same hash key)"
start_pg_instance verigate-b "$port_b"
pid_b=$(cat "$work/verigate-b.pid")
prewarm_cycle "$url_b" "$pid_b"
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
# PostgreSQL's own write transaction on the same cluster and machine, as a yardstick for what a row written costs
# here: pgbench's simple-update script (-N: an UPDATE of an account, a SELECT, an INSERT into the history; one
# commit) from 16 clients, Verigate's pool size, prepared as Npgsql prepares. Its CPU is sampled like the cycle's:
# the postmaster and its children over the measured window, after the warm-up.
pg_tree_snapshot() { # the postmaster's and every child's utime + stime, one "pid ticks" line each
  local pm=$1 p ticks
  for p in "$pm" $(pgrep -P "$pm"); do
    if ticks=$(cpu_ticks "/proc/$p/stat"); then echo "$p $ticks"; fi
  done
}
# CPU ticks between two snapshots, counted as the cycle driver counts PostgreSQL's: by PID, so a process that starts
# in the window counts from zero and one that exits in it loses its time.
pg_tree_delta() { awk 'NR == FNR { before[$1] = $2; next } { total += $2 - ($1 in before ? before[$1] : 0) } END { print total + 0 }' <(echo "$1") <(echo "$2"); }
machine_ticks() { awk '/^cpu /{print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
pgbench_reference() {
  echo
  echo "== PostgreSQL's own write transaction on this cluster: pgbench -N, 16 clients, prepared, ${duration} s after ${warmup} s"
  "$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE pgbench" >/dev/null
  "$pg_bin/pgbench" -q -h 127.0.0.1 -p "$pg_port" -U postgres -i -s 10 pgbench >/dev/null 2>&1
  local rows0 rows1 t0 t1 m0 m1 out="$work/pgbench.txt"
  rows0=$("$pg_bin/psql" -At -h 127.0.0.1 -p "$pg_port" -U postgres -d pgbench -c "$rows_written_sql")
  # Two seconds longer than the window, so its backends are still there when the window ends.
  "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -N -c 16 -j 2 -M prepared -T $((warmup + duration + 2)) pgbench >"$out" 2>&1 &
  local bench_pid=$!
  sleep "$warmup"; t0=$(pg_tree_snapshot "$pg_pid"); m0=$(machine_ticks)
  sleep "$duration"; t1=$(pg_tree_snapshot "$pg_pid"); m1=$(machine_ticks)
  wait "$bench_pid"
  local ticks
  ticks=$(pg_tree_delta "$t0" "$t1")
  sleep 1
  rows1=$("$pg_bin/psql" -At -h 127.0.0.1 -p "$pg_port" -U postgres -d pgbench -c "$rows_written_sql")
  local tps processed
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out")
  processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")
  awk -v tps="$tps" -v n="$processed" -v ticks="$ticks" -v m="$m0 $m1" -v r0="$rows0" -v r1="$rows1" -v d="$duration" \
      -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(m, x, " "); ms = ticks * 1000 / hz / (tps * d); rows = (r1 - r0) / n
    printf "  %.0f transactions/s; PostgreSQL %.2f cores, %.3f ms per transaction; %.2f rows written per transaction, %.3f ms per row; machine idle %d %%\n",
      tps, ticks / hz / d, ms, rows, ms / rows, 100 * (x[3] - x[1]) / (x[4] - x[2])
    printf "PGBENCH tps=%.0f ms_per_tx=%.3f rows_per_tx=%.2f ms_per_row=%.4f\n", tps, ms, rows, ms / rows }' | tee -a "$results"
}
pgbench_reference

pg_db_size=$("$pg_bin/psql" -At -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "SELECT pg_size_pretty(pg_database_size('verigate'))")
pg_wal=$("$pg_bin/psql" -At -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "SELECT wal_records || ' records, ' || pg_size_pretty(wal_bytes) || ', ' || wal_sync || ' syncs' FROM pg_stat_wal" 2>/dev/null || echo n/a)
(cd "$work/pg" && as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null)
pg_started=0

echo "== starting Verigate on SQLite on $url_sqlite (synchronous=NORMAL, the bench/run.sh configuration)"
start_verigate sqlite "$sqlite_port" "$api_key" Storage__Synchronous=Normal
wait_ready sqlite "$sqlite_port"
pid_sqlite=$(cat "$work/sqlite.pid")
prewarm_cycle "$url_sqlite" "$pid_sqlite"
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
printf '%-20s %5s %12s %8s %12s %13s %18s %15s %10s %7s\n' store conns "statements/c" "commits/c" "WAL flushes/c" "inbox reads/c" "statements/c w/o" "commits/c w/o" "writing/c" "rows/c"
for run in "1 pg1" "$many pg1" "$many pg2"; do
  set -- $run
  printf '%-20s %5s %12s %8s %12s %13s %18s %15s %10s %7s\n' "PostgreSQL, ${2#pg} inst." "$1" "$(pgfield "$1" "$2" statements)" "$(pgfield "$1" "$2" commits)" \
    "$(pgfield "$1" "$2" wal_syncs)" "$(pgfield "$1" "$2" inbox_reads)" "$(pgfield "$1" "$2" own_statements)" "$(pgfield "$1" "$2" own_commits)" \
    "$(pgfield "$1" "$2" writing)" "$(pgfield "$1" "$2" rows)"
done
echo "w/o = without the driver's development-inbox reads (one statement and one commit each). commits = every committed"
echo "transaction, read-only ones included; writing = transactions that wrote (exact: the transaction ids given out);"
echo "rows/c = rows inserted, updated or deleted per cycle (pg_stat_user_tables)."

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

# The yardstick: what PostgreSQL spends per row written in the cycle and in its own pgbench -N, and what the issue's
# "PostgreSQL ≥ 0.6 × SQLite" would leave it per cycle on this machine once Verigate and the load driver have taken
# their share (both as measured in the PostgreSQL run; the machine's cores are the budget).
yard=$(grep '^PGBENCH ' "$results" | tail -n 1 || true)
awk -v cores="$(nproc)" -v sqlite="$(field cycle "$many" ops_per_s sqlite)" -v cps="$(field cycle "$many" ops_per_s pg1)" \
    -v app="$(field cycle "$many" server_cpu_ms_per_unit pg1)" -v db="$(field cycle "$many" db_cpu_ms_per_unit pg1)" \
    -v driver="$(field cycle "$many" driver_cpu_cores pg1)" -v rows="$(pgfield "$many" pg1 rows)" -v yard="$yard" 'BEGIN {
  split(yard, f, "[ =]"); for (i = 2; i < length(f); i += 2) y[f[i]] = f[i + 1]
  if (cps + 0 == 0 || rows + 0 == 0 || y["ms_per_row"] + 0 == 0) { print "yardstick: n/a"; exit }
  budget = cores * 1000 / (0.6 * sqlite) - app - driver * 1000 / cps
  printf "PostgreSQL per row written: cycle %.3f ms (%.2f ms over %.1f rows), pgbench -N %.3f ms\n", db / rows, db, rows, y["ms_per_row"]
  printf "PostgreSQL ≥ 0.6 × SQLite leaves PostgreSQL %.2f ms per cycle on %d cores: %.1f rows at pgbench'"'"'s cost per row\n", budget, cores, budget / y["ms_per_row"] }'

if [[ $failures -gt 0 ]]; then
  echo "$failures run(s) reported errors (see above)" >&2
  exit 1
fi
