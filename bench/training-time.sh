#!/usr/bin/env bash
# Training time to quality: `tailor evaluate` on the small and medium presets. Generates each preset, splits it
# per user (stratified random 75/25, seed 42, one row per user–item pair kept), and runs `tailor evaluate` under
# /usr/bin/time, printing wall and user+sys CPU seconds beside the metrics. Uses a Release build of the CLI.
#
#   bench/training-time.sh [--presets "small medium"] [--runs N] [--work DIR] [--cli TAILOR_DLL] [-- EVALUATE_ARGS]
#
# Prints one line per run: preset, wall s, CPU s, NDCG@10, P@10, the chosen model and the trial count.
# --cli runs another build of the CLI (e.g. an older commit's) on the same files; arguments after -- go to
# `tailor evaluate` (e.g. `-- --budget 600` so that a loaded machine does not cut the tuner's search short).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
presets="small medium" runs=1 work="" cli="" extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --presets) presets="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --cli) cli="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in python3 dotnet /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is needed but not installed" >&2; exit 1; }
done

work="${work:-$(mktemp -d)}"
mkdir -p "$work"
if [[ -z "$cli" ]]; then
  dotnet build "$root/cli/Tailor.Cli.csproj" -c Release -v q -nologo >/dev/null
  cli="$(find "$root/cli/bin/Release" -name tailor.dll | head -1)"
fi
tailor=("dotnet" "$cli")

for preset in $presets; do
  dir="$work/$preset"
  mkdir -p "$dir"
  if [[ ! -f "$dir/train.csv" ]]; then
    "${tailor[@]}" generate --preset "$preset" --out "$dir/events.csv" >/dev/null
    python3 - "$dir/events.csv" "$dir/train.csv" "$dir/test.csv" <<'PY'
import csv, random, sys
from collections import defaultdict
source, train_path, test_path = sys.argv[1:4]
with open(source, newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    user = header.index("user_id")
    item = header.index("item_id")
    rows = defaultdict(dict)
    for row in reader:
        rows[row[user]][row[item]] = row  # one row per user-item pair (the latest)
random.seed(42)
with open(train_path, "w", newline="") as tr, open(test_path, "w", newline="") as te:
    train, test = csv.writer(tr), csv.writer(te)
    train.writerow(header)
    test.writerow(header)
    for u in sorted(rows):
        pairs = [rows[u][i] for i in sorted(rows[u])]
        random.shuffle(pairs)
        held = len(pairs) - round(len(pairs) * 0.75)
        for r in pairs[:held]:
            test.writerow(r)
        for r in pairs[held:]:
            train.writerow(r)
PY
  fi

  for ((run = 1; run <= runs; run++)); do
    /usr/bin/time -f '%e %U %S' -o "$dir/time.txt" "${tailor[@]}" evaluate --train "$dir/train.csv" --test "$dir/test.csv" --json "${extra[@]}" >"$dir/result.json"
    python3 - "$preset" "$dir/time.txt" "$dir/result.json" <<'PY'
import json, sys
preset, time_path, result_path = sys.argv[1:4]
wall, user, system = (float(x) for x in open(time_path).read().split()[-3:])
r = json.load(open(result_path))
print(f"{preset:8} wall {wall:6.2f} s  cpu {user + system:6.2f} s  ndcg@10 {r['ndcg']:.4f}  p@10 {r['precision']:.4f}  "
      f"{r['algorithm']} {r['parameters']}  trials {r['trials']}  tuning {r['tuning_seconds']:.2f} s  fit {r['fit_seconds']:.2f} s")
PY
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
