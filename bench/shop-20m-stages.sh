#!/usr/bin/env bash
# shop-20m through the real stages on a fresh Azurite, with wall time and peak RSS per training stage.
#
#   bench/shop-20m-stages.sh [OUT_DIR]      (default: out/shop-20m)
#
# Publishes the CLI (Release, ReadyToRun, as the Functions app is deployed) into OUT_DIR/cli. TAILOR_CONFIGURATION=Debug
# measures a Debug build instead (the JIT does not optimise its code: ingestion took 47 s there against 36 s in
# Release). Generates the shop-20m preset (kept for re-runs), splits it into 20 blobs, uploads and ingests them, then
# runs `tailor train` while sampling its resident memory every 0.2 s; prints, per stage the orchestration reports
# (snapshot, profiles and training, evaluation, promotion), its wall time and the peak RSS seen while it ran. One
# process runs every stage here, so a stage's peak includes what the runtime kept from the stages before it: an upper
# bound of what that stage's activity needs on its own instance. Extra settings for the run go in the environment
# (e.g. Tailor__Pipeline__EvaluationShards=1).
#
# A per-activity figure: run the activities one at a time, as each instance of the Functions app does
# (maxConcurrentActivityFunctions 1 in host.json), under a GC heap limit below the 2 GB instance size:
#
#   Tailor__Cli__ActivityConcurrency=1 DOTNET_GCHeapHardLimit=0x6C000000 bench/shop-20m-stages.sh OUT_DIR
#
# The GC then collects what earlier stages left before the heap passes the limit (1.69 GiB here), so a stage that
# completes needed less live heap than that, and its peak RSS is heap plus the runtime's native memory. A stage that
# needs more fails with OutOfMemoryException. Events are generated once per OUT_DIR and reused.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out/shop-20m}"
configuration="${TAILOR_CONFIGURATION:-Release}"
mkdir -p "$out"
if [[ "$configuration" == Release ]]; then
  dotnet publish "$root/cli/Tailor.Cli.csproj" -c Release -o "$out/cli" -v q -nologo >/dev/null
  tailor="$out/cli/tailor"
else
  dotnet build "$root/cli/Tailor.Cli.csproj" -c "$configuration" -v q -nologo >/dev/null
  tailor="$root/cli/bin/$configuration/net10.0/tailor"
fi
export AZURITE_DATA="$out/azurite" AZURITE_PORTS=free
rm -rf "$AZURITE_DATA"
connection="$("$root/scripts/azurite.sh" start | tail -1)"
trap '"$root/scripts/azurite.sh" stop >/dev/null 2>&1 || true' EXIT
export Tailor__Storage__ConnectionString="$connection"

[[ -f "$out/events.csv" ]] || "$tailor" generate --preset shop-20m --out "$out/events.csv" >/dev/null
rm -f "$out"/part-*.csv
tail -n +2 "$out/events.csv" >"$out/body.csv"
split -n l/20 -d -a 2 --additional-suffix=.csv "$out/body.csv" "$out/part-"
rm "$out/body.csv"
header="$(head -1 "$out/events.csv")"
for part in "$out"/part-*.csv; do
  sed -i "1i $header" "$part"
done

"$tailor" catalog upload "$out/catalog.csv" >/dev/null
"$tailor" catalog ingest >/dev/null
"$tailor" upload "$out"/part-*.csv >/dev/null
/usr/bin/time -f "ingest: %e s wall, %U s user + %S s system CPU, %M KB peak RSS" "$tailor" ingest >/dev/null 2>"$out/ingest.time" || { cat "$out/ingest.time"; exit 1; }
tail -1 "$out/ingest.time"

"$tailor" train --timeout-minutes 120 >"$out/train.log" 2>&1 &
pid=$!
start=$(date +%s.%N)
: >"$out/rss.tsv"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
  [[ -n "$rss" ]] && echo "$(echo "$(date +%s.%N) - $start" | bc) $rss" >>"$out/rss.tsv"
  sleep 0.2
done
wait "$pid"

python3 - "$out/train.log" "$out/rss.tsv" <<'PY'
import re, sys
log, rss = sys.argv[1], sys.argv[2]
marks = []
for line in open(log, encoding="utf-8", errors="replace"):
    m = re.match(r"\s*([0-9.]+) s (snapshot|profiles and training|evaluation|promotion):", line)
    if m:
        marks.append((float(m.group(1)), m.group(2)))
samples = [tuple(map(float, l.split())) for l in open(rss) if l.strip()]
end = samples[-1][0] if samples else 0
print("| stage | wall | peak RSS |")
print("|---|---|---|")
for i, (at, stage) in enumerate(marks):
    until = marks[i + 1][0] if i + 1 < len(marks) else end
    peak = max((kb for t, kb in samples if at <= t <= until), default=0)
    print(f"| {stage} | {until - at:.1f} s | {peak / 1024:,.0f} MB |")
print(f"| train (whole process) | {end:.1f} s | {max((kb for _, kb in samples), default=0) / 1024:,.0f} MB |")
PY
