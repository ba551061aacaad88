#!/usr/bin/env bash
# Issue 18's cuts one by one, in one run: seconds per epoch of LossLab's Training (as `losslab train --threads 1`
# records them) for 784-H-10 cross-entropy + sigmoid, η 0.5, batch 10, 50,000 MNIST images, in five settings, and
# the plain numpy loop of bench/numpy.sh beside them; rounds interleave the six, so a slower minute of the machine
# falls on all of them. Settings:
#   plain      DL4J's fit as before issue 18: the score of every mini-batch (--training-cost mini-batch-mean),
#              matrix products through libnd4j (-Dlosslab.directGemm=false), DL4J's dense layers
#              (-Dlosslab.trainingLayers=false)
#   gemm       the same with each matrix product as one BLAS call
#   epoch-end  the score skipped (the training cost over the training images after the epoch), libnd4j's products
#   both       the score skipped and the direct products
#   layers     both, and the hidden layers reuse the forward pass's pre-activations and the first layer skips its
#              unread input gradient (TrainingDenseLayer): LossLab's default
#   bench/step.sh [MNIST_DIR] [HIDDEN] [EPOCHS] [ROUNDS]   (default ../shared/data/mnist, 30, 3, 3; epoch 1 is warm-up)
# Prints every epoch, then the median of epochs 2.. per setting. Needs numpy for python3 (or PYTHON=...).
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
hidden="${2:-30}"
epochs="${3:-3}"
rounds="${4:-3}"
source bench/lib.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() { # setting, then the command; prints its epochs and keeps "setting seconds" lines of epochs 2..
  local setting="$1"
  shift
  "$@" 2>/dev/null | grep -E "epoch [0-9]+" | while read -r line; do
    echo "$setting: $line"
    epoch=$(sed -E 's/.*epoch ([0-9]+).*/\1/' <<< "$line")
    seconds=$(sed -E 's/.*epoch [0-9]+: ([0-9.]+) s.*/\1/' <<< "$line")
    [ "$epoch" -ge 2 ] && echo "$setting $seconds" >> "$log"
  done
}
bench_java -version >/dev/null 2>&1 # builds once
export BENCH_BUILT=1
for round in $(seq "$rounds"); do
  off=-Dlosslab.trainingLayers=false
  run plain bench_java -Dlosslab.directGemm=false $off org.losslab.bench.TrainBenchmark "$mnist" "$epochs" 1 "$hidden" mini-batch-mean
  run gemm bench_java $off org.losslab.bench.TrainBenchmark "$mnist" "$epochs" 1 "$hidden" mini-batch-mean
  run epoch-end bench_java -Dlosslab.directGemm=false $off org.losslab.bench.TrainBenchmark "$mnist" "$epochs" 1 "$hidden" epoch-end
  run both bench_java $off org.losslab.bench.TrainBenchmark "$mnist" "$epochs" 1 "$hidden" epoch-end
  run layers bench_java org.losslab.bench.TrainBenchmark "$mnist" "$epochs" 1 "$hidden" epoch-end
  run numpy env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "${PYTHON:-python3}" bench/numpy_mnist.py "$mnist" "$epochs" 0.5 "$hidden"
done
echo "784-$hidden-10, median seconds per epoch (epochs 2-$epochs of $rounds rounds):"
for setting in plain gemm epoch-end both layers numpy; do
  grep "^$setting " "$log" | awk '{print $2}' | sort -n | awk -v s="$setting" '{v[NR]=$1} END {
    m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "  %-10s %.2f s (%d epochs: %.2f-%.2f)\n", s, m, NR, v[1], v[NR]}'
done
