#!/usr/bin/env bash
# PostgreSQL 15 for the tests: a private cluster in artifacts/postgres on 127.0.0.1:${VERIGATE_PG_PORT:-55432},
# trust auth on loopback only, test-only durability settings (never use them for benchmarks or production).
#   start: install postgresql-15 with apt when missing, initdb once, start (a no-op when already running),
#          append VERIGATE_TEST_POSTGRES to artifacts/components.env.
#   stop:  pg_ctl stop -m fast.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
port=${VERIGATE_PG_PORT:-55432}
base="$root/artifacts/postgres"
data="$base/data"
sock="$base/run"
log="$base/postgres.log"

find_bin() {
  # Debian keeps the server binaries off PATH; /usr/local/bin may hold links to them on some machines.
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ] && { echo "$dir"; return 0; }
  done
  return 1
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_pg() {
  echo "postgres: installing postgresql-15 with apt"
  if [ "$(id -u)" -ne 0 ]; then echo "postgres: need root to apt-get install postgresql-15" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends postgresql-15
}

start() {
  bin=$(find_bin) || { install_pg; bin=$(find_bin) || { echo "postgres: no PostgreSQL binaries after install" >&2; exit 1; }; }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "postgres: the 'postgres' user is missing (the package creates it)" >&2; exit 1
  fi
  mkdir -p "$base" "$sock"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$base"
  # runuser needs a readable working directory and path to the cluster.
  chmod o+x "$root/artifacts" "$base" 2>/dev/null || true

  if [ ! -s "$data/PG_VERSION" ]; then
    rm -rf "$data"
    as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
      || as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
    # Loopback and the private socket only, trusted: this cluster is for tests.
    cat > "$data/pg_hba.conf" <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA
  fi

  if as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "postgres: already running on 127.0.0.1:$port"
  else
    (cd "$base" && as_postgres "$bin/pg_ctl" -D "$data" -l "$log" -w -t 30 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null) || { echo "postgres: start failed (port $port busy?); log:" >&2; tail -n 20 "$log" >&2; exit 1; }
    echo "postgres: started on 127.0.0.1:$port (data in $data)"
  fi

  for _ in $(seq 1 50); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.1
  done
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { echo "postgres: not ready on port $port" >&2; exit 1; }
  echo "export VERIGATE_TEST_POSTGRES=\"Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres\"" >> "$root/artifacts/components.env"
}

stop() {
  bin=$(find_bin) || exit 0
  [ -s "$data/PG_VERSION" ] || exit 0
  (cd "$base" && as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1) || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
