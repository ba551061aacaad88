#!/usr/bin/env bash
# Search overhead per candidate, and parallel efficiency of 4 equal candidates on the machine's cores.
#   bench/search.sh [MNIST_DIR]      (default ../shared/data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
jvm=(-XX:+UseParallelGC -Xmx4g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Dlogback.configurationFile="$PWD/src/main/resources/logback.xml")
if [ "$(uname -s)" = Linux ]; then
  export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1}"
  jvm+=(-XX:+UseTransparentHugePages)
fi
java "${jvm[@]}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.losslab.bench.SearchBenchmark "$mnist"
