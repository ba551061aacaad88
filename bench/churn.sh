#!/usr/bin/env bash
# How often ND4J 1.0.0-beta7 frees an operation's arrays under it, with and without LossLab's executioner:
# ArrayChurn (core/src/test/java/org/losslab/nd4j) runs operations on four threads for SECONDS while two threads make
# garbage (young collections every millisecond or so), ROUNDS times for each of: plain ND4J, Nd4jTuning installed,
# and Nd4jTuning installed with -Dlosslab.nd4jTuning=false (the fences without the garbage cuts).
#   bench/churn.sh [ROUNDS] [SECONDS]      (default 3, 12)
# Record the figures in docs/benchmarks.md with this command.
set -uo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
seconds="${2:-12}"
source bench/lib.sh
mkdir -p target/churn
bench_java -version 2> /dev/null # builds once; each round below times its JVM alone
export BENCH_BUILT=1
for round in $(seq 1 "$rounds"); do
  for mode in plain installed fences-only; do
    args=()
    options=(-Xmn4m -XX:ErrorFile=target/churn/hs_err_%p.log)
    [ "$mode" != plain ] && args=(install)
    [ "$mode" = fences-only ] && options+=(-Dlosslab.nd4jTuning=false)
    start=$(date +%s.%N)
    out=$(bench_java "${options[@]}" org.losslab.nd4j.ArrayChurn "$seconds" "${args[@]}" 2>&1)
    code=$?
    took=$(echo "$(date +%s.%N) - $start" | bc)
    frame=$(grep -A1 'Problematic frame' <<< "$out" | tail -1 | sed 's/^# *//' | cut -c1-70)
    printf '%-11s round %d: exit %3d after %5.1f s  %s%s\n' "$mode" "$round" "$code" "$took" \
      "$(grep '^ops' <<< "$out")" "$frame"
  done
done
