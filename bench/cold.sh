#!/usr/bin/env bash
# Checks that a cold build costs no more than it did: runs BenchmarkColdBuild and
# BenchmarkCalibrate (internal/pipeline) in turn, 5 times, takes the least of each, and
# compares their ratio with bench/cold-baseline.txt: the build's CPU time (cpu-ns/op, every
# core's) over the calibration's time. A ratio, not a time: the calibration
# carries the machine's speed and load. The same as bench/warm.sh, for a first build (the
# geometry stage, the share cards and every page). .ci/run runs it.
#
# Usage: bench/cold.sh            (from anywhere in the repository)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Paired: each run measures both, one after the other, so that both see the same load.
go test -c -o "${TMPDIR:-/tmp}/pipeline-cold.test" ./internal/pipeline
out=$(cd internal/pipeline && for i in 1 2 3 4 5; do
  "${TMPDIR:-/tmp}/pipeline-cold.test" -test.run '^$' -test.bench '^(BenchmarkColdBuild|BenchmarkCalibrate)$' -test.benchtime 3x
done)
rm -f "${TMPDIR:-/tmp}/pipeline-cold.test"
echo "$out" | grep -E '^Benchmark'
# best NAME UNIT: the smallest figure of benchmark NAME in UNIT (ns/op, cpu-ns/op).
best() { echo "$out" | awk -v n="$1" -v u="$2" '$1 ~ "^"n"(-[0-9]+)?$" { for (i = 3; i <= NF; i++) if ($i == u && (min == "" || $(i-1) < min)) min = $(i-1) } END { print min }'; }
# The build's CPU time (every core's) against the calibration's time (one core's, so its CPU).
cold=$(best BenchmarkColdBuild cpu-ns/op)
cal=$(best BenchmarkCalibrate ns/op)
base=$(awk '$1 == "ratio" { print $2 }' bench/cold-baseline.txt)
tol=$(awk '$1 == "tolerance" { print $2 }' bench/cold-baseline.txt)
awk -v w="$cold" -v c="$cal" -v b="$base" -v t="$tol" 'BEGIN {
  r = w / c
  printf "cold build / calibration: %.1f (baseline %.1f, limit %.1f)\n", r, b, b * t
  if (r > b * t) { print "the cold build costs more than the baseline allows: see docs/performance.md"; exit 1 }
}'
