#!/usr/bin/env bash
# Checks that a build costs no more than it did: runs BENCH and BenchmarkCalibrate
# (internal/pipeline) in turn, 5 times, takes the least figure of each, and compares their
# ratio with the baseline file's. A ratio, not a time: the calibration carries the machine's
# speed and load. bench/warm.sh and bench/cold.sh call it; .ci/run runs those.
#
# Usage: bench/baseline.sh LABEL BENCH UNIT BENCHTIME BASELINE_FILE
#   UNIT is the figure of BENCH compared: ns/op (wall time) or cpu-ns/op (every core's CPU).
set -euo pipefail
label=$1 bench=$2 unit=$3 benchtime=$4 baseline=$5
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
test=${TMPDIR:-/tmp}/pipeline-$label.test
# Paired: each run measures both, one after the other, so that both see the same load.
go test -c -o "$test" ./internal/pipeline
out=$(cd internal/pipeline && for i in 1 2 3 4 5; do
  "$test" -test.run '^$' -test.bench "^($bench|BenchmarkCalibrate)\$" -test.benchtime "$benchtime"
done)
rm -f "$test"
echo "$out" | grep -E '^Benchmark'
# best NAME UNIT: the smallest figure of benchmark NAME in UNIT.
best() { echo "$out" | awk -v n="$1" -v u="$2" '$1 ~ "^"n"(-[0-9]+)?$" { for (i = 3; i <= NF; i++) if ($i == u && (min == "" || $(i-1) < min)) min = $(i-1) } END { print min }'; }
build=$(best "$bench" "$unit")
cal=$(best BenchmarkCalibrate ns/op) # one core: its time is its CPU
base=$(awk '$1 == "ratio" { print $2 }' "$baseline")
tol=$(awk '$1 == "tolerance" { print $2 }' "$baseline")
awk -v w="$build" -v c="$cal" -v b="$base" -v t="$tol" -v l="$label" 'BEGIN {
  r = w / c
  printf "%s build / calibration: %.1f (baseline %.1f, limit %.1f)\n", l, r, b, b * t
  if (r > b * t) { printf "the %s build costs more than the baseline allows: see docs/performance.md\n", l; exit 1 }
}'
