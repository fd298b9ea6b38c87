#!/bin/bash
# What CI runs (.ci/run). Every test runs twice, on the same sources, built two
# ways:
#   1. `bazel test --config=asan` of every target of //...: clang 14 with ASan
#      and UBSan (.bazelrc), in a Bazel output base of its own so that it does
#      not evict a developer's default build;
#   2. tools/consumers_test.sh: the CMake build with g++ -O2 (the library, the
#      CLI, every test, benchmark and example), every test with ctest, the
#      conformance suite's counts, then the Bazel, CMake and pkg-config
#      consumers of examples/consumers/.
# Any failing phase fails this script; each phase prints its time.
# Set BAZEL_STARTUP_OPTIONS (e.g. --host_jvm_args=-Xmx2g) to pass Bazel startup
# options; --output_base there names the default server's, which only lists
# the targets; BRINE_ASAN_OUTPUT_BASE sets the ASan build's (default
# ${TMPDIR:-/tmp}/brine-bazel-asan-<hash of this checkout's path>, one per
# checkout as Bazel's own default is: a base last built from a checkout that
# was since deleted kept runfiles pointing there, and tests lost their data).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh

bazel_cmd=(bazel ${BAZEL_STARTUP_OPTIONS:-})
checkout_hash=$(pwd -P | md5sum | cut -c1-12)
asan_cmd=(bazel --output_base="${BRINE_ASAN_OUTPUT_BASE:-${TMPDIR:-/tmp}/brine-bazel-asan-$checkout_hash}")
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

# The ASan build takes what //... names, listed by the default server: walking
# //... itself, the ASan server would read a developer's bazel-<workspace>
# link, which points into the default output base, as packages of this
# workspace. --symlink_prefix=/ leaves those links as they are.
asan_test() {
  local targets
  targets=$("${bazel_cmd[@]}" query --noshow_progress 'kind(rule, //...) except attr(tags, "manual", //...)')
  # shellcheck disable=SC2086  # one label per word
  "${asan_cmd[@]}" test --config=asan --symlink_prefix=/ "${test_flags[@]}" $targets
}
phase "bazel test --config=asan //... (clang, ASan, UBSan)" asan_test
phase "tools/consumers_test.sh: CMake build (g++ -O2), ctest, install, consumers" tools/consumers_test.sh
exit "$status"
