#!/usr/bin/env bash
# Checks that a warm build costs no more than it did: BenchmarkWarmBuild's time against
# BenchmarkCalibrate's, compared with bench/warm-baseline.txt (see bench/baseline.sh).
# .ci/run runs it.
#
# Usage: bench/warm.sh            (from anywhere in the repository)
exec "$(dirname "$0")/baseline.sh" warm BenchmarkWarmBuild ns/op 5x "$(cd "$(dirname "$0")" && pwd)/warm-baseline.txt"
