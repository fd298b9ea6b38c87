#!/usr/bin/env bash
# Builds the benchmarks with --config=bench (-c opt), writes the data sets if
# they are not there yet, and prints the CPython-vs-brine tables
# (compare_cpython.py). Extra arguments go to compare_cpython.py, e.g.
#   benchmarks/run.sh --filter 'bm_|ints' --repeat 3 --json-out /tmp/bench.json
# Environment: BRINE_BENCH_DATA (default /tmp/brine_bench_data) and
# BRINE_BAZEL_OUTPUT_BASE (a Bazel --output_base, optional).
set -euo pipefail
cd "$(dirname "$0")/.."

data="${BRINE_BENCH_DATA:-/tmp/brine_bench_data}"
bazel=(bazel)
if [[ -n "${BRINE_BAZEL_OUTPUT_BASE:-}" ]]; then
  bazel+=("--output_base=${BRINE_BAZEL_OUTPUT_BASE}")
fi

# No bazel-* convenience links: with another output base they would point
# away from the main one, and the main server would then read them as sources.
"${bazel[@]}" build --config=bench --symlink_prefix=/ //benchmarks:decode_benchmark //benchmarks:encode_benchmark
bin="$("${bazel[@]}" info --config=bench bazel-bin 2>/dev/null)"

if [[ ! -f "${data}/manifest.tsv" ]]; then
  python3 benchmarks/data/make_datasets.py --out "${data}"
fi

python3 benchmarks/compare_cpython.py --data "${data}" \
  --decode-bin "${bin}/benchmarks/decode_benchmark" \
  --encode-bin "${bin}/benchmarks/encode_benchmark" "$@"
