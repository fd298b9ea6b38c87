#!/bin/bash
# What CI runs (.ci/run). Builds everything and runs every test (unit tests
# and the CPython conformance suite), then repeats the conformance summary so
# logs show counts. Then the whole suite again under ASan and UBSan
# (--config=asan in .bazelrc), in a Bazel output base of its own so that
# neither build evicts the other. Then tools/consumers_test.sh: the CMake
# build and its ctest run, and the Bazel, CMake and pkg-config consumers of
# examples/consumers/. Any failing phase fails this script; each phase prints
# its time.
# Set BAZEL_STARTUP_OPTIONS (e.g. --output_base=/tmp/bazel_ci) to pass Bazel
# startup options; the ASan phase takes them too, except --output_base, which
# BRINE_ASAN_OUTPUT_BASE sets (default ${TMPDIR:-/tmp}/brine-bazel-asan).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh

bazel_cmd=(bazel ${BAZEL_STARTUP_OPTIONS:-})
asan_cmd=(bazel --output_base="${BRINE_ASAN_OUTPUT_BASE:-${TMPDIR:-/tmp}/brine-bazel-asan}")
for option in ${BAZEL_STARTUP_OPTIONS:-}; do
  [[ $option == --output_base=* ]] || asan_cmd+=("$option")
done
test_flags=(--jobs=2 --local_cpu_resources=2 --test_output=errors --noshow_progress)

status=0
# phase NAME COMMAND...: runs COMMAND, prints its time, and keeps the first
# failure's status in $status.
phase() {
  local name="$1" start=$SECONDS phase_status=0
  shift
  echo "== $name"
  "$@" || phase_status=$?
  echo "== $name: $((SECONDS - start)) s, exit status $phase_status"
  [[ $status -ne 0 ]] || status=$phase_status
}

conformance_summary() {
  local log summary
  log="$("${bazel_cmd[@]}" info bazel-testlogs 2>/dev/null)/tests/conformance/conformance/test.log"
  if [[ -f "$log" ]]; then
    summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)
    echo "conformance: ${summary:-no summary line in $log}"
  fi
}

phase "bazel test //..." "${bazel_cmd[@]}" test //... "${test_flags[@]}"
conformance_summary
# The ASan build takes what //... names, listed by the first server: walking
# //... itself, the second server would read the bazel-<workspace> link,
# which points into the first output base, as packages of this workspace.
# --symlink_prefix=/ leaves those links pointing at the first output base;
# --build_tests_only skips what no test runs (benchmarks, fuzz drivers).
asan_test() {
  local targets
  targets=$("${bazel_cmd[@]}" query --noshow_progress 'kind(rule, //...) except attr(tags, "manual", //...)')
  # shellcheck disable=SC2086  # one label per word
  "${asan_cmd[@]}" test --config=asan --symlink_prefix=/ --build_tests_only "${test_flags[@]}" $targets
}
phase "bazel test --config=asan //... (ASan, UBSan)" asan_test
phase "tools/consumers_test.sh: CMake build, ctest, install, consumers" tools/consumers_test.sh
exit "$status"
