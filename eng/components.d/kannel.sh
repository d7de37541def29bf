#!/usr/bin/env bash
# Kannel (bearerbox + smsbox) in front of an SMPP simulator (eng/smpp-sim), all on loopback, state in artifacts/kannel.
#   start | stop            the whole component (used by eng/components.sh)
#   stop-kannel | start-kannel   only bearerbox and smsbox (tests kill Kannel mid-run and bring it back)
# Ports (override with the environment): VG_KANNEL_ADMIN_PORT, VG_KANNEL_SMSBOX_PORT, VG_KANNEL_SENDSMS_PORT, VG_SMPP_SIM_PORT.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
dir="$root/artifacts/kannel"
admin_port=${VG_KANNEL_ADMIN_PORT:-14300}
smsbox_port=${VG_KANNEL_SMSBOX_PORT:-14301}
sendsms_port=${VG_KANNEL_SENDSMS_PORT:-14302}
smpp_port=${VG_SMPP_SIM_PORT:-14303}
admin_password=vg-admin
user=verigate
password=kannel-test-secret

wait_port() { # host port seconds
  for _ in $(seq 1 $(($3 * 10))); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

stop_pid() { # file
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

install() {
  if ! command -v bearerbox >/dev/null || ! command -v smsbox >/dev/null; then
    echo "Installing kannel (apt) ..."
    # A fresh machine's package lists may be empty or stale: without this the install cannot find the package.
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends kannel kannel-extras >/dev/null \
      || { echo "Could not install Kannel: run 'apt-get update && apt-get install kannel kannel-extras' as root." >&2; exit 1; }
  fi
  command -v node >/dev/null && command -v npm >/dev/null \
    || { echo "The SMPP simulator needs Node.js and npm: apt-get install nodejs npm." >&2; exit 1; }
}

write_config() {
  mkdir -p "$dir"
  cat > "$dir/kannel.conf" <<CONF
group = core
admin-port = $admin_port
admin-interface = 127.0.0.1
admin-password = $admin_password
status-password = $admin_password
admin-allow-ip = 127.0.0.1
smsbox-port = $smsbox_port
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-file = "$dir/bearerbox.log"
log-level = 2
dlr-storage = internal

group = smsc
smsc = smpp
smsc-id = sim
host = 127.0.0.1
port = $smpp_port
transceiver-mode = true
smsc-username = verigate
smsc-password = sim
system-type = ""
msg-id-type = 0x00
reconnect-delay = 1
enquire-link-interval = 30

group = smsbox
bearerbox-host = 127.0.0.1
sendsms-port = $sendsms_port
sendsms-interface = 127.0.0.1
global-sender = 12345
log-file = "$dir/smsbox.log"
log-level = 2

group = sendsms-user
username = $user
password = $password
max-messages = 10
concatenation = true

group = sms-service
keyword = default
text = "This number does not take replies."
CONF
}

start_kannel() {
  (cd "$dir" && exec bearerbox "$dir/kannel.conf" >>"$dir/bearerbox.out" 2>&1) & echo $! > "$dir/bearerbox.pid"
  wait_port 127.0.0.1 "$smsbox_port" 15 || { echo "bearerbox did not open its smsbox port; see $dir/bearerbox.log" >&2; exit 1; }
  (cd "$dir" && exec smsbox "$dir/kannel.conf" >>"$dir/smsbox.out" 2>&1) & echo $! > "$dir/smsbox.pid"
  wait_port 127.0.0.1 "$sendsms_port" 15 || { echo "smsbox did not open its sendsms port; see $dir/smsbox.log" >&2; exit 1; }
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$admin_port/status.txt?password=$admin_password" 2>/dev/null | grep -q "(online" && return 0
    sleep 0.1
  done
  echo "Kannel's SMSC link to the simulator did not come online; see $dir/bearerbox.log" >&2
  exit 1
}

stop_kannel() {
  stop_pid "$dir/smsbox.pid"
  stop_pid "$dir/bearerbox.pid"
}

case "${1:-start}" in
  start)
    install
    stop_kannel; stop_pid "$dir/smpp-sim.pid"
    write_config
    (cd eng/smpp-sim && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
      || { echo "npm ci failed in eng/smpp-sim (needs the npm registry or a warm npm cache)." >&2; exit 1; }
    : > "$dir/sms-received.jsonl"
    (cd eng/smpp-sim && exec node smsc.js "$smpp_port" "$dir/sms-received.jsonl" >>"$dir/smpp-sim.out" 2>&1) & echo $! > "$dir/smpp-sim.pid"
    wait_port 127.0.0.1 "$smpp_port" 15 || { echo "The SMPP simulator did not start; see $dir/smpp-sim.out" >&2; exit 1; }
    start_kannel
    {
      echo "export VERIGATE_KANNEL_SENDSMS_URL=http://127.0.0.1:$sendsms_port/cgi-bin/sendsms"
      echo "export VERIGATE_KANNEL_USERNAME=$user"
      echo "export VERIGATE_KANNEL_PASSWORD=$password"
      echo "export VERIGATE_SMPP_SIM_LOG=$dir/sms-received.jsonl"
      echo "export VERIGATE_KANNEL_CTL=$root/eng/components.d/kannel.sh"
    } >> artifacts/components.env
    echo "Kannel: sendsms on 127.0.0.1:$sendsms_port, SMPP simulator on 127.0.0.1:$smpp_port"
    ;;
  stop)
    stop_kannel
    stop_pid "$dir/smpp-sim.pid"
    ;;
  stop-kannel) stop_kannel ;;
  start-kannel) start_kannel ;;
  *) echo "usage: $0 start|stop|stop-kannel|start-kannel" >&2; exit 2 ;;
esac
