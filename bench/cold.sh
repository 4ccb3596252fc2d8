#!/usr/bin/env bash
# Checks that a cold build costs no more than it did: BenchmarkColdBuild's CPU time (every
# core's) against BenchmarkCalibrate's time, compared with bench/cold-baseline.txt (see
# bench/baseline.sh): a first build, the geometry stage, the share cards and every page.
# .ci/run runs it.
#
# Usage: bench/cold.sh            (from anywhere in the repository)
exec "$(dirname "$0")/baseline.sh" cold BenchmarkColdBuild cpu-ns/op 3x "$(cd "$(dirname "$0")" && pwd)/cold-baseline.txt"
