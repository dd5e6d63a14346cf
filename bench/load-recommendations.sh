#!/usr/bin/env bash
# Load test of GET /api/recommendations/{userId} served by `tailor serve`, all on the loopback:
# starts its own Azurite (scripts/azurite.sh, free ports, data in a temporary folder), generates, ingests and
# trains a dataset (with its catalog) with the CLI, starts `tailor serve` in the background, runs wrk against
# random known users at a paced rate in rounds, prints p50/p99/p99.9, the achieved rate against the target, errors
# and the server's CPU time per request for each round, and stops what it started.
#
#   bench/load-recommendations.sh [--preset small|medium] [--events N] [--users N] [--items N] [--rate R]
#                                 [--duration S] [--connections C] [--rounds N] [--baseline DIR] [--swap]
#                                 [--fresh-share F]
#
# Defaults: 20,000 events over 2,000 users and 500 items; 200 requests/s for 30 s over 8 connections, 1 round.
# --baseline DIR   also serve the same storage with another build of the CLI (the folder holding its tailor.dll,
#                  e.g. a `dotnet build cli -c Release` of another commit) and alternate rounds between the two,
#                  so both see the same machine load; the summary gives the median p99 of each and their ratio.
# --swap           train a second version before the load, then in each round promote the version not serving
#                  a third of the way in (POST models/{version}/promote) and report each round's p99 against a
#                  steady round's just before it.
# --fresh-share F  after the rounds, post three fresh events (POST events) for that share of the loaded users and
#                  run the rounds again, so those users' requests read a fresh history and are rescored from history
#                  plus fresh items; the summary gives the median p99 without and with (default 0: skipped).
# wrk (Debian package `wrk`) is paced by a schedule: each of its threads sends its next request at fixed intervals
# (threads / rate) on whichever of its connections is free, so the achieved rate is the target while the server
# keeps up and a late request is sent at once rather than shifting the schedule (the measured req/s shows when the
# server does not keep up). Latency is from sending to the whole answer and excludes waiting for the slot.
# "server CPU" is the user + system time of the server process over the round divided by its requests: unlike
# latency, it hardly moves with the machine's load.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="" events=20000 users=2000 items=500 rate=200 duration=30 connections=8 rounds=1 baseline="" swap=0 fresh_share=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --preset) preset="$2"; shift 2 ;;
    --events) events="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    --items) items="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --swap) swap=1; shift ;;
    --fresh-share) fresh_share="$2"; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if (( duration < 3 || duration > 600 || rate < 1 || connections < 1 || rounds < 1 || rounds > 50 )); then
  echo "--duration must be 3-600 s, --rounds 1-50, --rate and --connections at least 1" >&2; exit 2
fi
if ! python3 -c "import sys; f = float(sys.argv[1]); sys.exit(0 if 0 <= f <= 1 else 1)" "$fresh_share" 2>/dev/null; then
  echo "--fresh-share must be a number from 0 to 1" >&2; exit 2
fi
if [[ -n "$baseline" && ! -f "$baseline/tailor.dll" ]]; then
  echo "--baseline $baseline holds no tailor.dll (give the output folder of a CLI build)" >&2; exit 2
fi

if ! command -v wrk >/dev/null; then
  echo "wrk is not installed. Install it with: sudo apt-get install -y wrk" >&2
  exit 1
fi
for tool in curl shuf dotnet python3; do
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

echo "== building the CLI (Release)"
dotnet build "$root/cli/Tailor.Cli.csproj" -c Release -v quiet -nologo >/dev/null
cli_dll="$root/cli/bin/Release/net10.0/tailor.dll"
tailor() { dotnet "$cli_dll" "$@"; }

echo "== starting Azurite"
export Tailor__Storage__ConnectionString="$("$root/scripts/azurite.sh" start)"
export Tailor__Training__BudgetSeconds=10

shape=(--users "$users" --items "$items" --events "$events")
[[ -n "$preset" ]] && shape=(--preset "$preset")
echo "== generating ${preset:-$events events ($users users, $items items)}, ingesting, training"
tailor generate "${shape[@]}" --out "$work/events.csv" --catalog "$work/catalog.csv" >/dev/null
tailor catalog upload "$work/catalog.csv" >/dev/null
tailor catalog ingest >/dev/null
tailor upload "$work/events.csv" >/dev/null
tailor ingest >/dev/null
tailor train >/dev/null
if (( swap )); then
  echo "== a second version to swap to: more events, ingested and trained"
  tailor generate "${shape[@]}" --seed 7 --out "$work/more.csv" --catalog "$work/more-catalog.csv" >/dev/null
  tailor upload "$work/more.csv" >/dev/null
  tailor ingest >/dev/null
  tailor train >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
new_key() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='; }
key="$(new_key)" admin="$(new_key)"

# Starts `tailor serve` from the build in $1 (dotnet itself in the background, so $! is the server's own PID) and
# appends its port to ports once it answers health with a model. Not called in a subshell: cleanup needs its PID.
start_server() {
  local dll="$1/tailor.dll" name="$2" port
  port="$(free_port)"
  Tailor__Serve__FunctionKey="$key" Tailor__Serve__AdminKey="$admin" dotnet "$dll" serve --port "$port" >"$work/serve-$name.log" 2>&1 &
  pids+=($!)
  local deadline=$((SECONDS + 90))
  until curl -fsS "http://127.0.0.1:$port/api/health" 2>/dev/null | grep -q '"status":"ok"'; do
    if ! kill -0 "${pids[-1]}" 2>/dev/null || (( SECONDS > deadline )); then
      echo "tailor serve ($name) did not come up with a model:" >&2; cat "$work/serve-$name.log" >&2; exit 1
    fi
    sleep 0.2
  done
  ports+=("$port")
}

servers=(this) ports=()
start_server "$(dirname "$cli_dll")" this
if [[ -n "$baseline" ]]; then
  servers+=(baseline)
  start_server "$baseline" baseline
fi
echo "== serving at 127.0.0.1:${ports[*]} (${servers[*]})"

tail -n +2 "$work/events.csv" | cut -d, -f1 | sort -u | shuf -n 1000 --random-source=<(yes) >"$work/users.txt"
threads=2
(( threads > connections )) && threads="$connections"
# Each wrk thread (its own Lua state) sends a request every threads * 1000 / rate ms of a monotonic clock (LuaJIT's
# FFI), on whichever of its connections asks next; wrk's delay() takes whole milliseconds, the schedule does not drift.
cat >"$work/load.lua" <<LUA
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } load_timespec;
int clock_gettime(int clock_id, load_timespec *tp);
]]
local clock = ffi.new("load_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end
local users = {}
for line in io.lines("$work/users.txt") do users[#users + 1] = line end
math.randomseed(42)
request = function()
  local user = users[math.random(#users)]
  return wrk.format("GET", "/api/recommendations/" .. user .. "?count=10", { ["x-functions-key"] = "$key" })
end
local interval = $threads * 1000 / $rate
local slot = nil
delay = function()
  local now = now_ms()
  slot = (slot or now) + interval
  local wait = slot - now
  return wait > 0 and math.floor(wait + 0.5) or 0
end
done = function(summary, latency, requests)
  local e = summary.errors
  local rate = summary.requests / (summary.duration / 1e6)
  io.write(string.format("requests %d in %.1f s: %.1f req/s (target $rate, %.1f%%)\n", summary.requests, summary.duration / 1e6, rate, 100 * rate / $rate))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
  io.write(string.format("errors: http status >= 400 %d, socket connect %d read %d write %d timeout %d\n",
    e.status, e.connect, e.read, e.write, e.timeout))
end
LUA

# User + system CPU clock ticks of process $1 so far (cpu_split: the two apart, "user system").
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
cpu_split() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12, $13 }'; }
ticks_per_s="$(getconf CLK_TCK)"
# One wrk round against server $1 (an index into servers) for $2 seconds; prints the Lua summary and the server's CPU
# time per request over the round.
load_round() {
  local pid="${pids[$1]}" before after out
  before="$(cpu_split "$pid")"
  out="$(wrk -t "$threads" -c "$connections" -d "${2}s" --timeout 5s -s "$work/load.lua" "http://127.0.0.1:${ports[$1]}" | sed -n '/^requests /,$p')"
  after="$(cpu_split "$pid")"
  echo "$out"
  echo "$out" | awk -v before="$before" -v after="$after" -v hz="$ticks_per_s" '/^requests / {
      split(before, b, " "); split(after, a, " "); user = (a[1] - b[1]) / hz; sys = (a[2] - b[2]) / hz
      if ($2 > 0) printf "server CPU %.1f us per request (user %.1f, system %.1f; %.2f s over %d requests)\n", (user + sys) * 1e6 / $2, user * 1e6 / $2, sys * 1e6 / $2, user + sys, $2 }'
}
p99_of() { sed -n 's/.* p99 \([0-9.]*\) ms.*/\1/p'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== warming up ($(( duration < 10 ? duration : 10 )) s per server)"
for s in "${!servers[@]}"; do load_round "$s" $(( duration < 10 ? duration : 10 )) >/dev/null; done

# What a server burns with no request (background loops: model and catalog checks, the durable pipeline's polling,
# timers) is in its per-request CPU above too; measured here over 5 s, after the warm-up's impressions are flushed.
sleep 2
for s in "${!servers[@]}"; do before_idle[$s]="$(cpu_ticks "${pids[$s]}")"; done
sleep 5
for s in "${!servers[@]}"; do
  echo "== ${servers[$s]} idle: server CPU $(( ($(cpu_ticks "${pids[$s]}") - before_idle[s]) * 1000 / ticks_per_s / 5 )) ms per second"
done

echo "== wrk: $rate req/s target, $duration s per round, $rounds round(s), $connections connections, $(wc -l <"$work/users.txt") known users"
for round in $(seq 1 "$rounds"); do
  for s in "${!servers[@]}"; do
    out="$(load_round "$s" "$duration")"
    echo "-- round $round, ${servers[$s]} (load average $(cut -d' ' -f1 /proc/loadavg))"
    echo "$out"
    echo "$out" | p99_of >>"$work/p99-${servers[$s]}"
  done
done
if [[ -n "$baseline" ]]; then
  this_p99="$(median <"$work/p99-this")" base_p99="$(median <"$work/p99-baseline")"
  echo "== median p99: this $this_p99 ms, baseline $base_p99 ms, ratio this/baseline $(python3 -c "print(f'{$this_p99 / $base_p99:.2f}')")"
fi

if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 0 else 1)" "$fresh_share"; then
  port="${ports[0]}"
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
  echo "== posted fresh events: $posted; the same rounds again (this build)"
  for round in $(seq 1 "$rounds"); do
    out="$(load_round 0 "$duration")"
    echo "-- fresh round $round (load average $(cut -d' ' -f1 /proc/loadavg))"
    echo "$out"
    echo "$out" | p99_of >>"$work/p99-fresh"
  done
  plain_p99="$(median <"$work/p99-this")" fresh_p99="$(median <"$work/p99-fresh")"
  echo "== median p99: without fresh events $plain_p99 ms, with $fresh_p99 ms, ratio $(python3 -c "print(f'{$fresh_p99 / $plain_p99:.2f}')")"
fi

if (( swap )); then
  port="${ports[0]}"
  if ! curl -fsS --retry 5 --retry-all-errors --retry-delay 1 -H "x-functions-key: $key" "http://127.0.0.1:$port/api/models" >"$work/models.json"; then
    echo "GET models failed; the server's log:" >&2; tail -n 40 "$work/serve-this.log" >&2; exit 1
  fi
  versions="$(python3 -c 'import json, sys; print(" ".join(m["version"] for m in json.load(open(sys.argv[1]))["models"]))' "$work/models.json")"
  read -r -a known <<<"$versions"
  if (( ${#known[@]} < 2 )); then echo "only ${#known[@]} model version(s); cannot swap" >&2; exit 1; fi
  echo "== model swap under load (this build): $duration s rounds, the promotion a third of the way into each"
  for round in $(seq 1 "$rounds"); do
    steady="$(load_round 0 "$duration")"
    current="$(curl -fsS --retry 5 --retry-all-errors --retry-delay 1 -H "x-functions-key: $key" "http://127.0.0.1:$port/api/models/current" | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')"
    target="${known[0]}"; [[ "$target" == "$current" ]] && target="${known[1]}"
    load_round 0 "$duration" >"$work/swap-round" &
    wrk_pid=$!
    sleep $(( duration / 3 ))
    promote="$(curl -fsS -o /dev/null -w '%{http_code} in %{time_total} s' -X POST -H "x-functions-key: $admin" "http://127.0.0.1:$port/api/models/$target/promote")"
    wait "$wrk_pid"
    echo "-- swap round $round: $current -> $target (promotion answered $promote; load average $(cut -d' ' -f1 /proc/loadavg))"
    echo "steady: $(echo "$steady" | sed -n 's/^latency //p')"
    echo "swap:   $(sed -n 's/^latency //p' "$work/swap-round")"
    sed -n 's/^errors: /swap errors: /p' "$work/swap-round"
    s="$(echo "$steady" | p99_of)" w="$(p99_of <"$work/swap-round")"
    echo "$s" >>"$work/p99-steady"; echo "$w" >>"$work/p99-swap"
  done
  steady_p99="$(median <"$work/p99-steady")" swap_p99="$(median <"$work/p99-swap")"
  echo "== median p99: steady $steady_p99 ms, swap rounds $swap_p99 ms, ratio swap/steady $(python3 -c "print(f'{$swap_p99 / $steady_p99:.2f}')")"
fi
