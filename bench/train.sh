#!/usr/bin/env bash
# Seconds per epoch, LossLab vs an equivalent PyTorch CPU loop (Debian's python3-torch), in one run:
# 784-30-10 cross-entropy + sigmoid, η 0.5, batch 10, 50,000 MNIST images, one thread each.
#   bench/train.sh [MNIST_DIR] [EPOCHS]      (default ../shared/data/mnist, 4; the first epoch is warm-up)
# Needs: apt-get install python3-torch. Record the figures in docs/benchmarks.md with this command.
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
epochs="${2:-4}"
source bench/lib.sh
for round in 1 2; do
  bench_java org.losslab.bench.TrainBenchmark "$mnist" "$epochs" 1
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/torch_mnist.py "$mnist" "$epochs" 0.5
done
