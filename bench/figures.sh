#!/usr/bin/env bash
# The figures the docs quote, made again from the code: docs/figures/lecture-tiny.json (the tiny lecture that
# LectureTest checks to the digit; seconds) and, given MNIST, docs/figures/lecture-full.json (./losslab lecture
# --full; about 12 minutes on two cores, reused when target/figures/models/lecture-full is finished), then every
# "<!-- figures:NAME -->" block of README.md and docs/benchmarks.md rewritten from them. Commit the result.
#   bench/figures.sh [MNIST_DIR]       (no MNIST_DIR: the tiny figures only)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_java org.losslab.bench.Figures "$@"
