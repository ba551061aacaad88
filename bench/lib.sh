# Shared by the benchmark scripts: compiles the tests (the benchmarks live in src/test/java/org/losslab/bench) and
# runs a benchmark class with the JVM settings ./losslab uses.
#   source bench/lib.sh; bench_java org.losslab.bench.SomeBenchmark ARGS...
# BENCH_PREFIX="perf record ... --" bench_java ... runs java under that command (a profiler, say).
# BENCH_BUILT=1 bench_java ... skips the build (a script that runs many short JVMs builds once, then sets it).
bench_java() {
  if [ -z "${BENCH_BUILT:-}" ]; then
    ./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
      -Dmdep.includeScope=test
  fi
  local prefix=()
  [ -n "${BENCH_PREFIX:-}" ] && read -ra prefix <<< "$BENCH_PREFIX"
  local jvm=(-XX:+UseParallelGC -Dorg.bytedeco.javacpp.maxPhysicalBytes=0
    -Dlogback.configurationFile="$PWD/src/main/resources/logback.xml")
  if [ "$(uname -s)" = Linux ]; then
    jvm+=(-XX:+UseTransparentHugePages)
    GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1}" "${prefix[@]}" java "${jvm[@]}" \
      -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" "$@"
  else
    "${prefix[@]}" java "${jvm[@]}" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" "$@"
  fi
}
