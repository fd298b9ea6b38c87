#!/bin/bash
# Builds everything and runs every test (unit tests and the CPython
# conformance suite), then repeats the conformance summary so logs show counts.
# Then tools/consumers_test.sh: the CMake build and its ctest run, and the
# Bazel, CMake and pkg-config consumers of examples/consumers/; its failure
# fails this script too.
# Set BAZEL_STARTUP_OPTIONS (e.g. --output_base=/tmp/bazel_ci) to pass Bazel
# startup options.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh

bazel_cmd=(bazel ${BAZEL_STARTUP_OPTIONS:-})
status=0
"${bazel_cmd[@]}" test //... --jobs=2 --local_cpu_resources=2 --test_output=errors \
  --noshow_progress || status=$?

log="$("${bazel_cmd[@]}" info bazel-testlogs 2>/dev/null)/tests/conformance/conformance/test.log"
if [[ -f "$log" ]]; then
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)
  echo "conformance: ${summary:-no summary line in $log}"
fi

echo "tools/consumers_test.sh: CMake build, ctest, install, consumers"
consumers_status=0
tools/consumers_test.sh || consumers_status=$?
[[ $status -ne 0 ]] || status=$consumers_status
exit "$status"
