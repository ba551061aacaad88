#!/usr/bin/env bash
# Seconds per epoch, LossLab vs an equivalent PyTorch CPU loop (Debian's python3-torch), in one run:
# 784-30-10 cross-entropy + sigmoid, η 0.5, batch 10, 50,000 MNIST images, one thread each.
#   bench/train.sh [MNIST_DIR] [EPOCHS]      (default ../shared/data/mnist, 4; the first epoch is warm-up)
# Needs: apt-get install python3-torch. Record the figures in docs/benchmarks.md with this command.
set -euo pipefail
cd "$(dirname "$0")/.."
mnist="${1:-../shared/data/mnist}"
epochs="${2:-4}"
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
jvm=(-XX:+UseParallelGC -Xmx4g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Dlogback.configurationFile="$PWD/src/main/resources/logback.xml")
if [ "$(uname -s)" = Linux ]; then
  export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1}"
  jvm+=(-XX:+UseTransparentHugePages)
fi
for round in 1 2; do
  java "${jvm[@]}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
    org.losslab.bench.TrainBenchmark "$mnist" "$epochs" 1
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/torch_mnist.py "$mnist" "$epochs" 0.5
done
