#!/usr/bin/env bash
# Peak memory (maximum resident set size) and wall time of a full book run: 784-30-10 cross-entropy + sigmoid,
# η 0.5, batch 10, 30 epochs on the full MNIST, through ./losslab exactly as a user runs it.
#   bench/memory.sh [MNIST_DIR] [EPOCHS]      (default ../shared/data/mnist, 30)
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
epochs="${2:-30}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./losslab --version >/dev/null   # build first, outside the measurement
start=$(date +%s.%N)
# GNU time's %M is the peak resident set size in KiB (Debian package "time").
/usr/bin/time -f "peak resident set size: %M KiB" ./losslab train --data-dir "$mnist" --epochs "$epochs" \
  --models "$out" | tail -3
end=$(date +%s.%N)
echo "wall time: $(echo "$end - $start" | bc) s"
