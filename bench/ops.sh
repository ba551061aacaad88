#!/usr/bin/env bash
# Issue 18's profile: ND4J's native operations per mini-batch of DL4J's fit, by name (ND4J's OpProfiler), for
# 784-H-10 cross-entropy + sigmoid at batch 10, the plain DL4J step without LossLab's listeners.
#   bench/ops.sh [MNIST_DIR] [HIDDEN] [BATCHES]      (default ../shared/data/mnist, 30, 500)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_java org.losslab.bench.OpCounts "${1:-../shared/data/mnist}" "${2:-30}" "${3:-500}"
