#!/usr/bin/env bash
# Load test of GET /api/recommendations/{userId} served by `tailor serve`, all on the loopback:
# starts its own Azurite (scripts/azurite.sh, free ports, data in a temporary folder), generates, ingests and
# trains a small dataset with the CLI, starts `tailor serve` in the background, runs wrk against random known
# users at a paced rate for a bounded time, prints p50/p99, throughput and errors, and stops what it started.
# With --fresh-share F (default 0.5) it then posts three fresh events (POST /api/events) for that share of the
# users it loads and runs the same load again, so the second run reads a fresh history for those users (the
# fresh-history read, its cache and the rescoring from history plus fresh items); 0 skips the second run.
# An untimed 5 s warm-up precedes the first run.
#
#   bench/load-recommendations.sh [--events N] [--users N] [--items N] [--rate R] [--duration S] [--connections C]
#                                 [--fresh-share F]
#
# Defaults: 20,000 events over 2,000 users and 500 items; 200 requests/s for 30 s over 8 connections.
# wrk (Debian package `wrk`) paces each connection with a delay, so the rate is a target it holds while the
# server keeps up (the measured req/s shows when it does not). Latency excludes the pacing delay.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events=20000 users=2000 items=500 rate=200 duration=30 connections=8 fresh_share=0.5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --events) events="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    --items) items="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --fresh-share) fresh_share="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if (( duration < 1 || duration > 600 || rate < 1 || connections < 1 )); then
  echo "--duration must be 1-600 s, --rate and --connections at least 1" >&2; exit 2
fi
if ! python3 -c "import sys; f = float(sys.argv[1]); sys.exit(0 if 0 <= f <= 1 else 1)" "$fresh_share" 2>/dev/null; then
  echo "--fresh-share must be a number from 0 to 1" >&2; exit 2
fi

if ! command -v wrk >/dev/null; then
  echo "wrk is not installed. Install it with: sudo apt-get install -y wrk" >&2
  exit 1
fi
for tool in curl shuf dotnet python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed but not installed" >&2; exit 1; }
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
tailor() { dotnet "$cli_dll" "$@"; }

echo "== starting Azurite"
export Tailor__Storage__ConnectionString="$("$root/scripts/azurite.sh" start)"
export Tailor__Training__BudgetSeconds=10

echo "== generating $events events ($users users, $items items), ingesting, training"
tailor generate --users "$users" --items "$items" --events "$events" --out "$work/events.csv" >/dev/null
tailor upload "$work/events.csv" >/dev/null
tailor ingest >/dev/null
tailor train >/dev/null

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
key="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
echo "== starting tailor serve on 127.0.0.1:$port"
# dotnet itself in the background (not the tailor function's subshell), so $! is the server's own PID.
Tailor__Serve__FunctionKey="$key" dotnet "$cli_dll" serve --port "$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
deadline=$((SECONDS + 60))
until curl -fsS "http://127.0.0.1:$port/api/health" 2>/dev/null | grep -q '"status":"ok"'; do
  if ! kill -0 "$serve_pid" 2>/dev/null || (( SECONDS > deadline )); then
    echo "tailor serve did not come up with a model:" >&2; cat "$work/serve.log" >&2; exit 1
  fi
  sleep 0.2
done

tail -n +2 "$work/events.csv" | cut -d, -f1 | sort -u | shuf -n 1000 --random-source=<(yes) >"$work/users.txt"
# Per-connection delay that paces the connections to the target rate in total.
delay_ms=$(( connections * 1000 / rate ))
cat >"$work/load.lua" <<LUA
local users = {}
for line in io.lines("$work/users.txt") do users[#users + 1] = line end
math.randomseed(42)
request = function()
  local user = users[math.random(#users)]
  return wrk.format("GET", "/api/recommendations/" .. user .. "?count=10", { ["x-functions-key"] = "$key" })
end
delay = function() return $delay_ms end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d in %.1f s: %.1f req/s\n", summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: http status >= 400 %d, socket connect %d read %d write %d timeout %d\n",
    e.status, e.connect, e.read, e.write, e.timeout))
end
LUA

load() {
  wrk -t 2 -c "$connections" -d "${duration}s" --timeout 5s -s "$work/load.lua" "http://127.0.0.1:$port" | sed -n '/^requests /,$p'
}

# An untimed warm-up first, so the first measured run does not pay for JIT and connection set-up alone.
wrk -t 2 -c "$connections" -d 5s --timeout 5s -s "$work/load.lua" "http://127.0.0.1:$port" >/dev/null

echo "== wrk without fresh events: $rate req/s target, $duration s, $connections connections, $(wc -l <"$work/users.txt") known users"
load

if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 0 else 1)" "$fresh_share"; then
  tail -n +2 "$work/events.csv" | cut -d, -f2 | sort -u >"$work/items.txt"
  posted="$(python3 - "$key" "$port" "$fresh_share" "$work/users.txt" "$work/items.txt" <<'PY'
import json, random, sys, time, urllib.request

key, port, share, users_file, items_file = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5]
users = [line.strip() for line in open(users_file) if line.strip()]
items = [line.strip() for line in open(items_file) if line.strip()]
rng = random.Random(7)
chosen = [u for u in users if rng.random() < share]
now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
events = [{"userId": u, "itemId": item, "eventType": kind, "timestamp": now}
          for u in chosen for item, kind in zip(rng.sample(items, 3), ["view", "add_to_cart", "purchase"])]
accepted = 0
for start in range(0, len(events), 300):
    body = json.dumps({"events": events[start:start + 300]}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/events", data=body, method="POST",
                                     headers={"x-functions-key": key, "content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        accepted += json.loads(response.read())["accepted"]
print(f"{len(chosen)} users, {accepted} events accepted")
PY
)"
  echo "== posted fresh events: $posted"
  echo "== wrk with fresh events for a share $fresh_share of those users: same rate, duration and connections"
  load
fi
