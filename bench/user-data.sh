#!/usr/bin/env bash
# Cost of the right of access and of erasure's data step, with and without the per-batch user index, through
# `tailor serve` and `tailor erasure`, all on the loopback: starts its own Azurite (scripts/azurite.sh, free ports,
# data in a temporary folder), generates a preset (default medium: 6,040 users, 1M events), splits it into N files
# (one batch each), uploads and ingests them (ingestion writes each batch's index; no model is trained, so an erasure
# is its data step and nothing else). Then, with Tailor__Privacy__UseBatchUserIndex=false and =true in turn: times
# GET users/{id}/data for random users (after one untimed call) and prints p50/p90/max with the batches read, and
# erases one user with `tailor erasure`, printing what its processed-batches step read and took. Stops what it started.
#
#   bench/user-data.sh [--preset NAME] [--files N] [--requests N]
#
# Defaults: medium, 10 files, 30 requests per mode; TAILOR_CONFIGURATION=Debug uses the Debug build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset=medium files=10 requests=30
while [[ $# -gt 0 ]]; do
  case "$1" in
    --preset) preset="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if (( files < 1 || files > 1000 || requests < 1 || requests > 10000 )); then
  echo "--files must be 1-1000 and --requests 1-10000" >&2; exit 2
fi
for tool in curl python3 dotnet; do
  command -v "$tool" >/dev/null || { echo "$tool is needed but not installed" >&2; exit 1; }
done

work="$(mktemp -d)"
pids=()
export AZURITE_DATA="$work/azurite" AZURITE_PORTS=free
cleanup() {
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  "$root/scripts/azurite.sh" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

config="${TAILOR_CONFIGURATION:-Release}"
echo "== building the CLI ($config)"
dotnet build "$root/cli/Tailor.Cli.csproj" -c "$config" -v quiet -nologo >/dev/null
cli_dll="$root/cli/bin/$config/net10.0/tailor.dll"
tailor() { dotnet "$cli_dll" "$@"; }

echo "== starting Azurite"
export Tailor__Storage__ConnectionString="$("$root/scripts/azurite.sh" start)"

echo "== generating the $preset preset in $files files, uploading, ingesting"
tailor generate --preset "$preset" --out "$work/events.csv" >/dev/null
mkdir "$work/parts"
python3 - "$work/events.csv" "$work/parts" "$files" <<'PY'
import sys
source, folder, files = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(source) as f:
    header, rows = f.readline(), f.readlines()
size = (len(rows) + files - 1) // files
for i in range(files):
    with open(f"{folder}/part-{i:03}.csv", "w") as out:
        out.write(header)
        out.writelines(rows[i * size:(i + 1) * size])
PY
tailor upload "$work"/parts/*.csv >/dev/null
tailor ingest >/dev/null
tail -n +2 "$work/events.csv" | cut -d, -f1 | sort -u | shuf -n $((requests + 3)) --random-source=<(yes) >"$work/users.txt"

admin="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
run_mode() {
  local mode="$1" port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  Tailor__Privacy__UseBatchUserIndex="$mode" Tailor__Serve__AdminKey="$admin" dotnet "$cli_dll" serve --port "$port" >"$work/serve-$mode.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  local deadline=$((SECONDS + 60))
  until curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null || (( SECONDS > deadline )); then
      echo "tailor serve did not come up:" >&2; cat "$work/serve-$mode.log" >&2; exit 1
    fi
    sleep 0.2
  done
  echo "== index $mode: GET users/{id}/data"
  python3 - "$admin" "$port" "$work/users.txt" "$requests" <<'PY'
import json, sys, time, urllib.request
key, port, users_file, requests = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
users = [line.strip() for line in open(users_file) if line.strip()][:requests + 1]
def get(user):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/users/{user}/data", headers={"x-functions-key": key})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        body = json.loads(response.read())
    return time.perf_counter() - started, body["batchesRead"], body["totalEvents"]
get(users[0])
times, batches, events = [], [], []
for user in users[1:]:
    t, b, e = get(user)
    times.append(t); batches.append(b); events.append(e)
times.sort()
pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000
print(f"n={len(times)} p50 {pick(0.5):.0f} ms, p90 {pick(0.9):.0f} ms, max {times[-1] * 1000:.0f} ms; "
      f"batches read per request {sum(batches) / len(batches):.2f}, events per user {sum(events) / len(events):.0f}")
PY
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local victim
  victim="$(tail -n "$2" "$work/users.txt" | head -n 1)"
  echo "== index $mode: tailor erasure (one user)"
  Tailor__Privacy__UseBatchUserIndex="$mode" tailor erasure --forget "$victim" | grep -E "^(processed|uploads):|erasure finished"
}
echo "== processed batches: $(find "$work/parts" -name '*.csv' | wc -l), load average $(cut -d' ' -f1-3 /proc/loadavg)"
run_mode false 1
run_mode true 2
run_mode false 3
echo "== load average $(cut -d' ' -f1-3 /proc/loadavg)"
