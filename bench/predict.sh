#!/usr/bin/env bash
# predict: one image from a cold start (a whole ./losslab run), and throughput on the 10,000 MNIST test images
# (through the command with --idx, and in-process).
#   bench/predict.sh [MNIST_DIR]      (default ../shared/data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./losslab train --dataset sample --epochs 1 --models "$work/models" >/dev/null
model="$(ls -d "$work"/models/*/)"
python3 - "$work/digit.png" <<'PY'
import struct, sys, zlib
w = h = 28
pixels = bytes(255 if 8 <= x <= 19 and 4 <= y <= 23 and (x in (8, 9, 18, 19) or y in (4, 5, 22, 23)) else 0
               for y in range(h) for x in range(w))
raw = b"".join(b"\0" + pixels[r * w:(r + 1) * w] for r in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
for i in 1 2 3 4; do
  start=$(date +%s.%N)
  ./losslab predict --model "$model" "$work/digit.png" >/dev/null
  echo "cold start, one image, run $i: $(echo "$(date +%s.%N) - $start" | bc) s"
done
start=$(date +%s.%N)
./losslab predict --model "$model" --idx "$mnist/t10k-images-idx3-ubyte.gz" | wc -l | sed 's/$/ predictions/'
echo "command with --idx, 10,000 images, whole run: $(echo "$(date +%s.%N) - $start" | bc) s"
source bench/lib.sh
bench_java org.losslab.bench.PredictBenchmark "$model" "$mnist/t10k-images-idx3-ubyte.gz"
