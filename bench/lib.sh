# Shared by the benchmark scripts: compiles the tests (the benchmarks live in cli/src/test/java/org/losslab/bench, with
# every module on their class path) and runs a benchmark class with the JVM settings ./losslab uses.
#   source bench/lib.sh; bench_java org.losslab.bench.SomeBenchmark ARGS...
# BENCH_PREFIX="perf record ... --" bench_java ... runs java under that command (a profiler, say).
# BENCH_BUILT=1 bench_java ... skips the build (a script that runs many short JVMs builds once, then sets it).
bench_java() {
  if [ -z "${BENCH_BUILT:-}" ]; then
    mkdir -p target
    ./mvnw -q -B -DskipTests -Dmaven.source.skip=true -Dmaven.javadoc.skip=true -pl cli -am test-compile \
      dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench.classpath" -Dmdep.includeScope=test
  fi
  local prefix=()
  [ -n "${BENCH_PREFIX:-}" ] && read -ra prefix <<< "$BENCH_PREFIX"
  local jvm=(-XX:+UseParallelGC -Dorg.bytedeco.javacpp.maxPhysicalBytes=0
    -Dlogback.configurationFile="$PWD/cli/src/main/resources/logback.xml")
  if [ "$(uname -s)" = Linux ]; then
    jvm+=(-XX:+UseTransparentHugePages)
    GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1:glibc.malloc.trim_threshold=268435456}" "${prefix[@]}" java "${jvm[@]}" \
      -cp "cli/target/classes:cli/target/test-classes:$(cat target/bench.classpath)" "$@"
  else
    "${prefix[@]}" java "${jvm[@]}" -cp "cli/target/classes:cli/target/test-classes:$(cat target/bench.classpath)" "$@"
  fi
}

# bench_digit_png FILE: writes a 28×28 grey PNG of a light "0" on black, as a digit for predict to read.
bench_digit_png() {
  python3 - "$1" <<'PY'
import struct, sys, zlib
w = h = 28
pixels = bytes(255 if 8 <= x <= 19 and 4 <= y <= 23 and (x in (8, 9, 18, 19) or y in (4, 5, 22, 23)) else 0
               for y in range(h) for x in range(w))
raw = b"".join(b"\0" + pixels[r * w:(r + 1) * w] for r in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
}
