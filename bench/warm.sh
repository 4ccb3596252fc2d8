#!/usr/bin/env bash
# Checks that a warm build costs no more than it did: runs BenchmarkWarmBuild and
# BenchmarkCalibrate (internal/pipeline) in turn, 5 times, takes the fastest of each, and
# compares their ratio with bench/warm-baseline.txt. A ratio, not a time: the calibration
# carries the machine's speed and load. .ci/run runs it.
#
# Usage: bench/warm.sh            (from anywhere in the repository)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Paired: each run measures both, one after the other, so that both see the same load.
go test -c -o "${TMPDIR:-/tmp}/pipeline-bench.test" ./internal/pipeline
out=$(cd internal/pipeline && for i in 1 2 3 4 5; do
  "${TMPDIR:-/tmp}/pipeline-bench.test" -test.run '^$' -test.bench '^(BenchmarkWarmBuild|BenchmarkCalibrate)$' -test.benchtime 5x
done)
rm -f "${TMPDIR:-/tmp}/pipeline-bench.test"
echo "$out" | grep -E '^Benchmark'
best() { echo "$out" | awk -v n="$1" '$1 ~ "^"n"(-[0-9]+)?$" { if (min == "" || $3 < min) min = $3 } END { print min }'; }
warm=$(best BenchmarkWarmBuild)
cal=$(best BenchmarkCalibrate)
base=$(awk '$1 == "ratio" { print $2 }' bench/warm-baseline.txt)
tol=$(awk '$1 == "tolerance" { print $2 }' bench/warm-baseline.txt)
awk -v w="$warm" -v c="$cal" -v b="$base" -v t="$tol" 'BEGIN {
  r = w / c
  printf "warm build / calibration: %.1f (baseline %.1f, limit %.1f)\n", r, b, b * t
  if (r > b * t) { print "the warm build costs more than the baseline allows: see docs/performance.md"; exit 1 }
}'
