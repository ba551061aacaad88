#!/usr/bin/env bash
# Search overhead per candidate, and parallel efficiency of 4 equal candidates on the machine's cores.
#   bench/search.sh [MNIST_DIR]      (default ../shared/data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_java org.losslab.bench.SearchBenchmark "${1:-../shared/data/mnist}"
