#!/usr/bin/env bash
# Candidates on Spark: N candidates on the local runner (2 at a time) and on a standalone cluster of two 1-core
# workers started here, same run; wall times and the time per candidate beyond its training, for N = 8 and 32.
#   bench/spark.sh [MNIST_DIR]      (default ../shared/data/mnist; the bundled sample without it)
#   BENCH_CANDIDATES=32 (default 8,32), BENCH_EPOCHS=3 (default 1; epochs but the last stream a checkpoint back)
#   and BENCH_SPARK_CONF="spark.executor.memory=1800m|..." (Spark settings to try, separated by |)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
./mvnw -q -B -DskipTests -Dmaven.source.skip=true -Dmaven.javadoc.skip=true -pl spark -am install
./mvnw -q -B -DskipTests -Dmaven.source.skip=true -Dmaven.javadoc.skip=true -pl spark test-compile \
  dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench-spark.classpath" -Dmdep.includeScope=test
modules=$(grep -o '<test.jvm.extra>[^<]*' spark/pom.xml | sed 's/<test.jvm.extra>//')
# shellcheck disable=SC2086 # the module options are a list
java -XX:+UseParallelGC -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 $modules \
  -Dlogback.configurationFile="$PWD/cli/src/main/resources/logback.xml" \
  -cp "spark/target/test-classes:spark/target/classes:$(cat target/bench-spark.classpath)" \
  org.losslab.spark.SparkBenchmark "${1:-../shared/data/mnist}"
