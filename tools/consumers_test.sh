#!/bin/bash
# brine as a library other projects build against (CMakeLists.txt and
# examples/consumers/). Configures and builds brine with CMake on the system's
# Abseil, GoogleTest and Google Benchmark, runs every test with ctest (and
# prints the conformance suite's counts), installs it into a temporary
# prefix, then builds and runs three consumers, each copied out of brine's
# tree first:
#   bazel      examples/consumers/bazel: local_repository + brine_dependencies(),
#              deps @brine//:brine_lib (own --output_base, brine's server untouched)
#   cmake      examples/consumers/cmake: find_package(brine) in the prefix
#   pkgconfig  examples/consumers/pkgconfig: g++ $(pkg-config --cflags --libs brine)
# Each decodes a pickle CPython writes, prints it (compared with Python's
# repr) and writes a pickle that CPython loads and compares.
# Prints PASS or FAIL per step and consumer, and last a line "N passed, M failed"
# counting the consumers; exits 1 if a consumer, the build or ctest failed.
#
# Environment (all optional):
#   BRINE_CMAKE_BUILD_DIR   CMake build directory, kept for incremental runs
#                           (default ${TMPDIR:-/tmp}/brine-cmake-build)
#   BRINE_CMAKE_BUILD_TYPE  default Release (tests run faster; no -g to link)
#   BRINE_CONSUMER_BAZEL_OUTPUT_BASE
#                           the Bazel consumer's output base
#                           (default ${TMPDIR:-/tmp}/brine-consumer-bazel)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp_root="${TMPDIR:-/tmp}"
build="${BRINE_CMAKE_BUILD_DIR:-$tmp_root/brine-cmake-build}"
build_type="${BRINE_CMAKE_BUILD_TYPE:-Release}"
bazel_output_base="${BRINE_CONSUMER_BAZEL_OUTPUT_BASE:-$tmp_root/brine-consumer-bazel}"
work="$(mktemp -d "$tmp_root/brine-consumers.XXXXXX")"
bazel_started=0
cleanup() {
  if [[ $bazel_started -eq 1 ]]; then
    bazel --output_base="$bazel_output_base" shutdown >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
build_ok=1
ctest_ok=1

# step NAME COMMAND...: runs COMMAND in a subshell that stops at its first
# failing command, output in $work/logs/NAME.log; prints PASS or FAIL (with
# the log's end) and leaves the status in $step_rc. Never call it inside an
# `if`, `||` or `&&`: bash would then ignore set -e within COMMAND.
mkdir -p "$work/logs"
step_rc=0
step() {
  local name="$1" start=$SECONDS
  shift
  set +e
  (set -e; "$@") >"$work/logs/$name.log" 2>&1
  step_rc=$?
  set -e
  if [[ $step_rc -eq 0 ]]; then
    echo "PASS $name ($((SECONDS - start)) s)"
    [[ $name != consumer* ]] || tail -n 1 "$work/logs/$name.log" | sed 's/^/    /'
  else
    echo "FAIL $name ($((SECONDS - start)) s); end of its output:"
    tail -n 40 "$work/logs/$name.log" | sed 's/^/    /'
  fi
}

consumer_result() {  # STATUS
  if [[ $1 -eq 0 ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
}

# --- brine itself with CMake ------------------------------------------------
# A build directory configured from another checkout cannot be reused.
if [[ -f "$build/CMakeCache.txt" ]] &&
   ! grep -qxF "CMAKE_HOME_DIRECTORY:INTERNAL=$root" "$build/CMakeCache.txt"; then
  rm -rf "$build"
fi
cmake_build() {
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="$build_type"
  cmake --build "$build" -j2
}
run_ctest() {
  (cd "$build" && ctest --output-on-failure -j2)
}
# The conformance suite's "N passed, M failed" line, from ctest's log.
conformance_counts() {
  local counts
  counts=$(sed -n '/Testing: tests\/conformance\/conformance$/,/^Test time/p' \
             "$build/Testing/Temporary/LastTest.log" 2>/dev/null |
           grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1 || true)
  echo "    conformance: ${counts:-no count line in the ctest log}"
}
install_brine() {
  cmake --install "$build" --prefix "$work/prefix"
}
step cmake_build cmake_build
if [[ $step_rc -eq 0 ]]; then
  step ctest run_ctest
  [[ $step_rc -eq 0 ]] || ctest_ok=0
  grep -E 'tests passed|tests failed' "$work/logs/ctest.log" | sed 's/^/    /' || true
  conformance_counts
  step cmake_install install_brine
  [[ $step_rc -eq 0 ]] || build_ok=0
else
  build_ok=0
fi

# --- the consumers ------------------------------------------------------------
value_expr='{"id": 7, "args": [1, 2.5, b"\x00\xff", None, True], "big": -2**100,
             "text": "caf\u00e9 \U0001f600", "pair": (1, "x"), "tags": frozenset({"a"})}'
python3 -c "import pickle, sys; sys.stdout.buffer.write(pickle.dumps($value_expr, protocol=4))" \
  >"$work/in.pkl"

# check NAME APP: runs the consumer's binary on in.pkl; CPython checks what
# it printed and the pickle it wrote.
check() {
  local name="$1" app="$2"
  "$app" "$work/in.pkl" "$work/$name.out.pkl" >"$work/$name.stdout"
  python3 - "$work/$name.stdout" "$work/$name.out.pkl" "$name consumer" <<PY
import pickle, sys
value = $value_expr
printed = open(sys.argv[1], encoding="utf-8").read()
assert printed == repr(value) + "\n", (printed, repr(value))
with open(sys.argv[2], "rb") as f:
    back = pickle.load(f)
expected = {"echo": value, "from": sys.argv[3], "squares": [1, 4, 9]}
assert back == expected, (back, expected)
print("CPython loaded it:", back["from"], back["squares"])
PY
}

bazel_consumer() {
  cp -r "$root/examples/consumers/bazel" "$work/bazel"
  cd "$work/bazel"
  local bazel_cmd=(bazel --output_base="$bazel_output_base")
  local flags=(--override_repository=brine="$root" --symlink_prefix=/ --nosandbox_debug
               --spawn_strategy=local --jobs=2 --local_cpu_resources=2 --noshow_progress)
  "${bazel_cmd[@]}" build "${flags[@]}" //:app
  check bazel "$("${bazel_cmd[@]}" info "${flags[@]}" bazel-bin)/app"
}

cmake_consumer() {
  cp -r "$root/examples/consumers/cmake" "$work/cmake"
  cmake -S "$work/cmake" -B "$work/cmake/build" -DCMAKE_PREFIX_PATH="$work/prefix" \
    -DCMAKE_BUILD_TYPE=Release
  cmake --build "$work/cmake/build"
  check cmake "$work/cmake/build/app"
}

pkgconfig_consumer() {
  cp -r "$root/examples/consumers/pkgconfig" "$work/pkgconfig"
  export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
  echo "pkg-config --cflags --libs brine: $(pkg-config --cflags --libs brine)"
  # shellcheck disable=SC2046  # the flags are meant to split
  g++ -O1 -o "$work/pkgconfig/app" "$work/pkgconfig/app.cc" $(pkg-config --cflags --libs brine)
  check pkgconfig "$work/pkgconfig/app"
}

bazel_started=1
step "consumer bazel" bazel_consumer
consumer_result $step_rc
for consumer in cmake pkgconfig; do
  if [[ $build_ok -eq 1 ]]; then
    step "consumer $consumer" "${consumer}_consumer"
    consumer_result $step_rc
  else
    echo "FAIL consumer $consumer (not run: brine's CMake build or install failed)"
    consumer_result 1
  fi
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $build_ok -eq 1 && $ctest_ok -eq 1 ]]
