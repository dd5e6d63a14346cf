#!/usr/bin/env bash
# Time from POST /api/events to a changed recommendation, through `tailor serve`, all on the loopback:
# starts its own Azurite (scripts/azurite.sh, free ports, data in a temporary folder), generates, ingests and
# trains a small dataset with the CLI, starts two `tailor serve` processes (two instances of the app over the same
# storage), and for each trial takes a new user: GET their list (popular), POST three events, then polls GET every
# 10 ms until the strategy is `fresh` — on the instance that took the POST (its own write drops its cache entry)
# and on the other one (which sees it once its cached entry expires, Tailor__Fresh__CacheMilliseconds). Prints
# p50/p90/p99/max of both (after one untimed warm-up trial each), and the GET latency seen while polling. Stops what
# it started.
#
#   bench/fresh-latency.sh [--events N] [--users N] [--items N] [--trials N]
#
# Defaults: 20,000 events over 2,000 users and 500 items; 20 trials.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events=20000 users=2000 items=500 trials=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --events) events="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    --items) items="$2"; shift 2 ;;
    --trials) trials="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if (( trials < 1 || trials > 1000 )); then
  echo "--trials must be 1-1000" >&2; exit 2
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

key="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
ports=()
for instance in a b; do
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  echo "== starting tailor serve ($instance) on 127.0.0.1:$port"
  Tailor__Serve__FunctionKey="$key" dotnet "$cli_dll" serve --port "$port" >"$work/serve-$instance.log" 2>&1 &
  pids+=($!)
  ports+=("$port")
done
for i in 0 1; do
  deadline=$((SECONDS + 60))
  until curl -fsS "http://127.0.0.1:${ports[$i]}/api/health" 2>/dev/null | grep -q '"status":"ok"'; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null || (( SECONDS > deadline )); then
      echo "tailor serve did not come up with a model:" >&2; cat "$work"/serve-*.log >&2; exit 1
    fi
    sleep 0.2
  done
done

tail -n +2 "$work/events.csv" | cut -d, -f2 | sort -u | head -n 200 >"$work/items.txt"
echo "== $trials trials per instance"
python3 - "$key" "${ports[0]}" "${ports[1]}" "$trials" "$work/items.txt" <<'PY'
import json, random, sys, time, urllib.request

key, port_a, port_b, trials, items_file = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
items = [line.strip() for line in open(items_file) if line.strip()]
rng = random.Random(42)
gets = []

def call(port, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/{path}", data=data, method=method,
                                     headers={"x-functions-key": key, "content-type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = json.loads(response.read())
    if method == "GET":
        gets.append(time.perf_counter() - started)
    return answer

def trial(post_port, read_port, n, label):
    user = f"fresh-{label}-{n}-{rng.randrange(1 << 30)}"
    assert call(read_port, "GET", f"recommendations/{user}")["strategy"] == "popular"
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    events = [{"userId": user, "itemId": item, "eventType": kind, "timestamp": now}
              for item, kind in zip(rng.sample(items, 3), ["view", "add_to_cart", "purchase"])]
    started = time.perf_counter()
    assert call(post_port, "POST", "events", {"events": events})["accepted"] == 3
    while True:
        if call(read_port, "GET", f"recommendations/{user}")["strategy"] == "fresh":
            return time.perf_counter() - started
        if time.perf_counter() - started > 30:
            raise SystemExit(f"{user}: no fresh list after 30 s")
        time.sleep(0.01)

def summary(name, values):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))] * 1000
    print(f"{name}: n={len(values)} p50 {pick(0.5):.1f} ms, p90 {pick(0.9):.1f} ms, p99 {pick(0.99):.1f} ms, max {values[-1] * 1000:.1f} ms")

# One untimed trial per instance first: the first POST and the first fresh read pay for JIT and connections.
trial(port_a, port_a, -1, "warm")
trial(port_a, port_b, -1, "warm")
gets.clear()
same = [trial(port_a, port_a, n, "same") for n in range(trials)]
other = [trial(port_a, port_b, n, "other") for n in range(trials)]
summary("POST events -> fresh list, same instance ", same)
summary("POST events -> fresh list, other instance", other)
summary("GET recommendations while polling        ", gets)
PY
