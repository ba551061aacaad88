#!/usr/bin/env bash
# Seconds per epoch, LossLab beside a plain numpy loop of the same network, in one run (issue 18): 784-30-10 and
# 784-100-10, cross-entropy + sigmoid, η 0.5, batch 10, 50,000 MNIST images, one thread each; two rounds.
#   bench/numpy.sh [MNIST_DIR] [EPOCHS]      (default ../shared/data/mnist, 4; the first epoch is warm-up)
# Needs numpy for the python3 on PATH (or PYTHON=...). Record the figures in docs/benchmarks.md with this command.
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
epochs="${2:-4}"
source bench/lib.sh
for round in 1 2; do
  for hidden in 30 100; do
    bench_java org.losslab.bench.TrainBenchmark "$mnist" "$epochs" 1 "$hidden"
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "${PYTHON:-python3}" bench/numpy_mnist.py "$mnist" "$epochs" 0.5 "$hidden"
  done
done
