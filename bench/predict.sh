#!/usr/bin/env bash
# predict: one image from a cold start (a whole ./losslab run), and throughput on the 10,000 MNIST test images
# (through the command with --idx, and in-process).
#   bench/predict.sh [MNIST_DIR]      (default ../shared/data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
mnist="${1:-../shared/data/mnist}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./losslab train --dataset sample --epochs 1 --models "$work/models" >/dev/null
model="$(ls -d "$work"/models/*/)"
bench_digit_png "$work/digit.png"
for i in 1 2 3 4; do
  start=$(date +%s.%N)
  ./losslab predict --model "$model" "$work/digit.png" >/dev/null
  echo "cold start, one image, run $i: $(echo "$(date +%s.%N) - $start" | bc) s"
done
start=$(date +%s.%N)
./losslab predict --model "$model" --idx "$mnist/t10k-images-idx3-ubyte.gz" | wc -l | sed 's/$/ predictions/'
echo "command with --idx, 10,000 images, whole run: $(echo "$(date +%s.%N) - $start" | bc) s"
bench_java org.losslab.bench.PredictBenchmark "$model" "$mnist/t10k-images-idx3-ubyte.gz"
