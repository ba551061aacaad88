#!/usr/bin/env bash
# The --full lecture's wall time against the ideal of (total single-thread training time ÷ 2):
#   1. ./losslab lecture --full                       (30 epochs, two candidates at a time: the wall time)
#   2. the same lecture for 3 epochs, one candidate at a time, then two at a time (like-for-like efficiency);
#      each candidate's mean epoch time in the one-at-a-time run (epochs 2-3, past the JIT's warm-up) × 30 gives
#      the single-thread training time of the full lecture.
#   bench/lecture.sh [MNIST_DIR] [--skip-full]        (default ../shared/data/mnist)
# Writes to target/bench-lecture/. Record the figures in docs/benchmarks.md with this command.
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
out=target/bench-lecture
mkdir -p "$out"
run() { # name, extra options...
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  ./losslab lecture --full --data-dir "$mnist" --models "$out/models" --notebooks "$out/notebooks" \
    --name "$name" --restart "$@" > "$out/$name.txt"
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.1f}')"
}
if [ "${2:-}" != "--skip-full" ]; then
  full=$(run full)
  echo "lecture --full (30 epochs, 2 at a time): wall $full s"
  grep -A8 "MNIST, test accuracy" "$out/full.txt"
fi
p1=$(run p1-3epochs --epochs 3 --parallel 1)
p2=$(run p2-3epochs --epochs 3 --parallel 2)
echo "3-epoch lecture: one at a time $p1 s, two at a time $p2 s, ratio $(python3 -c "print(f'{$p2 / $p1:.2f}')")"
python3 - "$out/models/p1-3epochs" "${full:-}" <<'PY'
import json, pathlib, sys
folder, full = pathlib.Path(sys.argv[1]), sys.argv[2]
total = 0.0
for run in sorted(folder.glob("*/candidate-*/run.json")):
    metrics = json.loads(run.read_text())["metrics"]
    later = [m["seconds"] for m in metrics[1:]] or [m["seconds"] for m in metrics]
    total += 30 * sum(later) / len(later)
print(f"single-thread training time of the full lecture (estimated): {total:.0f} s; ideal on 2 cores {total / 2:.0f} s")
if full:
    print(f"full lecture wall time / ideal: {float(full) / (total / 2):.2f}")
PY
