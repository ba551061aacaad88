#!/usr/bin/env bash
# Pruning: a 12-candidate search (3 presets x 4 eta, 784-30-10, 10 epochs) with no pruner, the median rule and
# successive halving, 2 at a time, same run: wall time, epochs trained, candidates pruned, the best candidate found.
#   bench/pruning.sh [MNIST_DIR]      (default ../shared/data/mnist)
#   BENCH_EPOCHS=10 (default), BENCH_TRAIN_LIMIT=0 (training images, 0 = all 50,000), BENCH_ROUNDS=2 (default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_java org.losslab.bench.PruningBenchmark "${1:-../shared/data/mnist}"
