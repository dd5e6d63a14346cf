#!/usr/bin/env bash
# Starts or stops the Azurite storage emulator for local runs of Tailor.
#
#   scripts/azurite.sh start    start Azurite on 127.0.0.1 (ports from AZURITE_BLOB_PORT,
#                               AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT, default 10000-10002;
#                               set AZURITE_PORTS=free to pick free ports); prints the
#                               connection string and writes it to .azurite/connection
#   scripts/azurite.sh stop     stop the Azurite this script started (by its own PID)
#   scripts/azurite.sh status   exit 0 when the Azurite this script started is running
#
# Data lives under .azurite/ (git-ignored), or AZURITE_DATA when set.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${AZURITE_DATA:-$root/.azurite}"
pid_file="$data/azurite.pid"
conn_file="$data/connection"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

running() {
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

connection_string() {
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$2/devstoreaccount1;TableEndpoint=http://127.0.0.1:$3/devstoreaccount1;"
}

start() {
  mkdir -p "$data"
  if running; then
    cat "$conn_file"
    return 0
  fi
  local bin="$root/node_modules/.bin/azurite"
  if [[ ! -x "$bin" ]]; then
    (cd "$root" && npm ci --no-audit --no-fund --silent)
  fi
  local blob queue table
  if [[ "${AZURITE_PORTS:-}" == "free" ]]; then
    blob="$(free_port)"; queue="$(free_port)"; table="$(free_port)"
  else
    blob="${AZURITE_BLOB_PORT:-10000}"; queue="${AZURITE_QUEUE_PORT:-10001}"; table="${AZURITE_TABLE_PORT:-10002}"
  fi
  for port in "$blob" "$queue" "$table"; do
    if port_open "$port"; then
      echo "port $port on 127.0.0.1 is already in use; set AZURITE_PORTS=free or AZURITE_*_PORT" >&2
      return 1
    fi
  done
  nohup "$bin" --silent --skipApiVersionCheck --disableTelemetry --loose \
    --blobHost 127.0.0.1 --blobPort "$blob" \
    --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" \
    --location "$data/data" >"$data/azurite.log" 2>&1 &
  echo $! >"$pid_file"
  local deadline=$((SECONDS + 30))
  until port_open "$blob" && port_open "$queue" && port_open "$table"; do
    if ! running || (( SECONDS > deadline )); then
      echo "Azurite did not start; see $data/azurite.log" >&2
      stop
      return 1
    fi
    sleep 0.2
  done
  connection_string "$blob" "$queue" "$table" >"$conn_file"
  cat "$conn_file"
}

stop() {
  if running; then
    local pid; pid="$(cat "$pid_file")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file" "$conn_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
