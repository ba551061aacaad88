#!/usr/bin/env bash
# Where two trainings lose CPU against one: runs PhaseProbe (4 candidates x 2 epochs, one at a time and two at a
# time, alternating, 4 rounds each) under `perf record -k CLOCK_MONOTONIC`, then counts the training threads'
# samples per phase (rounds 2-4, past the JIT's warm-up) by library and by symbol, p2 minus p1.
#   bench/phases.sh [MNIST_DIR]      (default ../shared/data/mnist; needs perf)
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
out=target/bench-phases
mkdir -p "$out"
source bench/lib.sh
BENCH_PREFIX="perf record -k CLOCK_MONOTONIC -e cpu-clock -F 499 -g -o $out/perf.data --" \
  bench_java org.losslab.bench.PhaseProbe "$mnist" | grep PHASE | tee "$out/phases.txt"
perf script -i "$out/perf.data" -F comm,tid,time,ip,sym,dso 2>/dev/null > "$out/samples.txt"
python3 - "$out" <<'PY'
import collections, re, sys
out = sys.argv[1]
phases = [l.split() for l in open(f"{out}/phases.txt")][2:]
spans = [(p[1], float(p[2]), float(p[3])) for p in phases]
count = {"p1": collections.Counter(), "p2": collections.Counter()}
total = {"p1": 0, "p2": 0}
for block in open(f"{out}/samples.txt").read().split("\n\n"):
    lines = [l for l in block.strip().split("\n") if l.strip()]
    if len(lines) < 2 or not lines[0].startswith("losslab-candi"):
        continue
    stamps = [float(t[:-1]) for t in lines[0].split() if re.match(r"^\d+\.\d+:$", t)]
    phase = [n for n, a, b in spans if stamps and a <= stamps[0] <= b]
    if not phase:
        continue
    total[phase[0]] += 1
    top = lines[1].strip().split()
    lib = top[-1].strip("()").split("/")[-1]
    lib = "JIT-compiled Java" if "perf-" in lib else lib
    count[phase[0]]["library " + lib] += 1
    count[phase[0]][lib + " " + " ".join(top[1:-1])[:60]] += 1
keys = sorted(set(count["p1"]) | set(count["p2"]), key=lambda k: count["p1"][k] - count["p2"][k])
print(f"training threads' samples, same work: one at a time (p1) {total['p1']}, two at a time (p2) {total['p2']}")
for k in [k for k in keys if k.startswith("library ")] + [k for k in keys if not k.startswith("library ")][:20]:
    print(f"{count['p1'][k]:7d} {count['p2'][k]:7d} {count['p2'][k] - count['p1'][k]:+7d}  {k}")
PY
