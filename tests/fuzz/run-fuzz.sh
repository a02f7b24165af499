#!/bin/sh
# run-fuzz.sh HARNESS SEEDS WORK [LIBFUZZER-OPTION…]: runs a libFuzzer harness
# for RD_FUZZ_SECONDS seconds (default 5) over its seed corpus, keeping new
# inputs in WORK (never in the source tree), and prints the executions.
set -u
harness="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; seeds="$2"; work="$3"; shift 3
mkdir -p "$work" || exit 1
# A crash, a leak (under ASan) or an input slower than 10 s fails the run;
# libFuzzer then writes the input as crash-*, leak-* or timeout-* here.
cd "$work" || exit 1
exec "$harness" -max_total_time="${RD_FUZZ_SECONDS:-5}" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$@" "$work" "$seeds"
