#!/usr/bin/env bash
# Data benchmarks: loading the full MNIST, and an epoch through the DataVec path vs the cached path.
#   bench/data.sh [MNIST_DIR] [ROUNDS]      (default ../shared/data/mnist, 8 training rounds)
# Prints figures; record them in docs/benchmarks.md with this command.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# As ./losslab does: huge pages for ND4J's native buffers and the Java heap (see docs/benchmarks.md).
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1}"
exec java -XX:+UseParallelGC -XX:+UseTransparentHugePages -Xmx4g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
  -Dlogback.configurationFile="$PWD/src/main/resources/logback.xml" \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.losslab.bench.DataBenchmark "$@"
