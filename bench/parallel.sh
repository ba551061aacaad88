#!/usr/bin/env bash
# Two trainings in one JVM: 8 equal candidates (784-30-10, 2 epochs on 50,000 MNIST images) one at a time, then two
# at a time, with the per-thread SecureRandom that ./losslab installs and without it (the JDK's NativePRNG); a
# line per finished candidate with its epoch times, so a slowdown as the JVM ages would show too.
#   bench/parallel.sh [MNIST_DIR]      (default ../shared/data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
mnist="${1:-../shared/data/mnist}"
for round in 1 2; do
  bench_java org.losslab.bench.DriftProbe "$mnist" 1 nogc
  bench_java org.losslab.bench.DriftProbe "$mnist" 2 nogc
  bench_java org.losslab.bench.DriftProbe "$mnist" 2 nogc per-thread
done
