#!/usr/bin/env bash
# Time from POST training to a promoted model under `tailor serve`, on data the size of the demo's.
# Starts its own Azurite (scripts/azurite.sh, free ports, data in a temporary folder), generates the demo's
# 150,000 events (2,000 users, 1,000 items), uploads and ingests them without training, starts `tailor serve`,
# then for each trial posts `POST training` and polls `GET training/{id}` every 250 ms until the run completes.
# The first trial trains the first model (promoted); later ones retrain the same data (usually kept). Prints each
# trial's seconds and whether it promoted, then the same run done by `tailor train` for comparison, and stops
# everything it started.
#   bench/serve-training.sh [--trials 2]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
trials=2
while (( $# )); do
  case "$1" in
    --trials) trials="$2"; shift 2 ;;
    *) echo "unknown argument: $1 (use --trials N)" >&2; exit 2 ;;
  esac
done
if (( trials < 1 )); then echo "--trials must be at least 1" >&2; exit 2; fi
for tool in curl python3 dotnet; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done

work="$(mktemp -d)"
serve_pid=""
export AZURITE_DATA="$work/azurite" AZURITE_PORTS=free
cleanup() {
  if [[ -n "$serve_pid" ]] && kill -0 "$serve_pid" 2>/dev/null; then
    kill -TERM "$serve_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$serve_pid" 2>/dev/null || true
  fi
  "$root/scripts/azurite.sh" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "== building the CLI (Release)"
dotnet build "$root/cli/Tailor.Cli.csproj" -c Release -v quiet -nologo >/dev/null
cli_dll="$root/cli/bin/Release/net10.0/tailor.dll"

echo "== starting Azurite, generating and ingesting the demo's events"
export Tailor__Storage__ConnectionString="$("$root/scripts/azurite.sh" start)"
dotnet "$cli_dll" generate --users 2000 --items 1000 --events 150000 --out "$work/events.csv" >/dev/null
dotnet "$cli_dll" upload "$work/events.csv" >/dev/null
dotnet "$cli_dll" ingest >/dev/null

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
key="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
echo "== starting tailor serve on 127.0.0.1:$port"
Tailor__Serve__AdminKey="$key" dotnet "$cli_dll" serve --port "$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
api="http://127.0.0.1:$port/api"
deadline=$((SECONDS + 120))
# No model serves yet: health answers "no-model" once the server listens.
until curl -fsS "$api/health" >/dev/null 2>&1; do
  if ! kill -0 "$serve_pid" 2>/dev/null || (( SECONDS > deadline )); then
    echo "tailor serve did not come up:" >&2; cat "$work/serve.log" >&2; exit 1
  fi
  sleep 0.2
done

field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {'d': d}))" "$1"; }
for trial in $(seq 1 "$trials"); do
  start=$(date +%s.%N)
  status_uri="$(curl -fsS -X POST -H "x-functions-key: $key" "$api/training?reason=bench" | field 'd["statusUri"]')"
  while true; do
    body="$(curl -fsS -H "x-functions-key: $key" "http://127.0.0.1:$port$status_uri")"
    state="$(field 'd["status"]' <<<"$body")"
    [[ "$state" == Completed || "$state" == Failed || "$state" == Terminated ]] && break
    sleep 0.25
  done
  end=$(date +%s.%N)
  promoted="$(field '(d.get("outcome") or {}).get("promotion", {}).get("promoted")' <<<"$body")"
  printf 'serve trial %d: %s in %.1f s (promoted: %s)\n' "$trial" "$state" "$(echo "$end - $start" | bc)" "$promoted"
done

echo "== stopping tailor serve, the same run with tailor train"
kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
start=$(date +%s.%N)
dotnet "$cli_dll" train >"$work/train.log"
end=$(date +%s.%N)
printf 'tailor train: %.1f s (including the process start)\n' "$(echo "$end - $start" | bc)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
