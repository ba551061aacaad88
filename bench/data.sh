#!/usr/bin/env bash
# Data benchmarks: loading the full MNIST, and an epoch through the DataVec path vs the cached path.
#   bench/data.sh [MNIST_DIR] [ROUNDS]      (default ../shared/data/mnist, 8 training rounds)
# Prints figures; record them in docs/benchmarks.md with this command.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" bench_java org.losslab.bench.DataBenchmark "$@"
