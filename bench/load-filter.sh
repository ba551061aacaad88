#!/usr/bin/env bash
# What reading a model zip as a hostile file costs: a cold `predict` of one image (a whole ./losslab run) with the
# launcher built at BASE (default: 7567927, the last commit that loaded zips with ModelSerializer) and at the work
# tree, alternating, ROUNDS times each, on the same model and image. Prints every run and the medians.
#   bench/load-filter.sh [ROUNDS] [BASE]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
rounds="${1:-7}"
base="${2:-7567927}"
work="$(mktemp -d)"
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
(cd "$work/base" && ./mvnw -q -B -DskipTests package >/dev/null)
./mvnw -q -B -DskipTests package >/dev/null
./losslab train --dataset sample --epochs 1 --models "$work/models" >/dev/null
model="$(ls -d "$work"/models/*/)model.zip"
bench_digit_png "$work/digit.png"
cold() {
  local start; start=$(date +%s.%N)
  "$1/losslab" predict --model "$model" "$work/digit.png" >/dev/null
  echo "$(date +%s.%N) - $start" | bc
}
before=(); after=()
for i in $(seq "$rounds"); do
  b=$(cold "$work/base"); a=$(cold "$PWD")
  before+=("$b"); after+=("$a")
  echo "round $i: before $b s, after $a s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
echo "median cold predict, one image: before $(median "${before[@]}") s, after $(median "${after[@]}") s"
bench_java org.losslab.bench.LoadBenchmark "$model" 200
