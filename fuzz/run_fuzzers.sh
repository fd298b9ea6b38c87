#!/usr/bin/env bash
# Builds brine's libFuzzer targets with clang 14 and runs each for a while
# over a freshly generated seed corpus; then re-runs every finding through the
# sanitized unit-test build. Run from the repository root:
#
#   fuzz/run_fuzzers.sh                 # every target, 240 s each
#   FUZZ_SECONDS=60 fuzz/run_fuzzers.sh decode_fuzzer
#   # the slow paths: inputs up to 64 KiB, DecodeLimits' defaults, and any
#   # input taking over 2 s is a finding (timeout-*)
#   FUZZ_MAX_LEN=65536 FUZZ_LIMITS=default FUZZ_TIMEOUT=2 fuzz/run_fuzzers.sh
#
# Environment (all optional):
#   FUZZ_SECONDS     time per target (default 240)
#   FUZZ_MAX_LEN     longest input libFuzzer makes (default 4096)
#   FUZZ_TIMEOUT     seconds per input before it counts as a timeout (default 5)
#   FUZZ_RSS_MB      memory per process before it counts as an OOM (default 2048)
#   FUZZ_LIMITS      "tight" (default) or "default": the decode limits
#                    (fuzz/fuzz_options.h, through BRINE_FUZZ_LIMITS)
#   FUZZ_BUILD       0: use the binaries already built, do not run bazel build
#   FUZZ_PID_FILE    a file to hold the PID of the running fuzzer, which leads
#                    its own process group (pause the run with
#                    `kill -STOP -- -$(cat FILE)`, resume with -CONT)
#   FUZZ_WORK, FUZZ_OUTPUT_BASE   where runs and the clang build go
#
# Crashes, timeouts, leaks and OOMs land in $FUZZ_WORK/<target>/artifacts
# (crash-*, timeout-*, leak-*, oom-*). To turn one into a regression:
#   1. minimize it:
#        $BIN/<target> -minimize_crash=1 -runs=10000 -exact_artifact_path=min FILE
#      (for a timeout, add -timeout=5 and use -minimize_crash=1 as well)
#   2. copy the minimized file to fuzz/regressions/<target>-<what>, and commit it
#      once the bug is fixed; fuzz/corpus_test runs everything there under
#      `bazel test //fuzz:corpus_test` (unfixed reproducers wait in
#      fuzz/known_issues/, see fuzz/README.md).
#   3. reproduce without libFuzzer, e.g. under gcc's sanitizers:
#        bazel build --config=asan //fuzz:<target> && bazel-bin/fuzz/<target> FILE
set -euo pipefail

FUZZ_SECONDS="${FUZZ_SECONDS:-240}"
FUZZ_MAX_LEN="${FUZZ_MAX_LEN:-4096}"
FUZZ_TIMEOUT="${FUZZ_TIMEOUT:-5}"
FUZZ_RSS_MB="${FUZZ_RSS_MB:-2048}"
export BRINE_FUZZ_LIMITS="${FUZZ_LIMITS:-tight}"
FUZZ_WORK="${FUZZ_WORK:-/tmp/brine_fuzz}"
# A separate output base: the clang build must not evict the normal gcc one.
OUTPUT_BASE="${FUZZ_OUTPUT_BASE:-/tmp/bazel_brine_fuzz}"
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(decode_fuzzer dis_fuzzer roundtrip_fuzzer agreement_fuzzer)
fi

if [[ "${FUZZ_BUILD:-1}" != 0 ]]; then
  # --symlink_prefix=/: the workspace's bazel-* links stay with the default
  # output base (a link into this one would be read as packages by it).
  bazel --output_base="$OUTPUT_BASE" build --config=fuzz --symlink_prefix=/ --jobs=2 \
    "${TARGETS[@]/#/\/\/fuzz:}"
fi
BIN="$(bazel --output_base="$OUTPUT_BASE" info --config=fuzz bazel-bin)/fuzz"

mkdir -p "$FUZZ_WORK"
python3 fuzz/make_corpus.py "$FUZZ_WORK/seeds"

for target in "${TARGETS[@]}"; do
  corpus="$FUZZ_WORK/$target/corpus"
  artifacts="$FUZZ_WORK/$target/artifacts"
  mkdir -p "$corpus" "$artifacts"
  echo "== $target: ${FUZZ_SECONDS}s, max_len $FUZZ_MAX_LEN, timeout ${FUZZ_TIMEOUT}s," \
    "rss ${FUZZ_RSS_MB} MB, $BRINE_FUZZ_LIMITS limits"
  # New inputs go to $corpus; seeds and regressions are read only. Fork mode
  # with -ignore_* keeps fuzzing after a finding, so one run collects them
  # all; each finding is written to $artifacts. setsid makes the fuzzer
  # (and the child it forks) a process group of its own. A new session is
  # also a scheduler autogroup of its own, in which a nice value ranks its
  # processes only against each other: the group gets this run's nice value
  # first, so that `nice -n 19 fuzz/run_fuzzers.sh` yields to builds.
  status=0
  setsid bash -c 'echo "$(nice)" >/proc/self/autogroup 2>/dev/null; exec "$@"' fuzzer \
    "$BIN/$target" "$corpus" "$FUZZ_WORK/seeds" fuzz/regressions \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -dict=fuzz/pickle.dict \
    -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_TIMEOUT" -rss_limit_mb="$FUZZ_RSS_MB" \
    -max_len="$FUZZ_MAX_LEN" -artifact_prefix="$artifacts/" \
    >"$FUZZ_WORK/$target/log" 2>&1 &
  fuzzer_pid=$!
  [[ -z "${FUZZ_PID_FILE:-}" ]] || echo "$fuzzer_pid" >"$FUZZ_PID_FILE"
  wait "$fuzzer_pid" || status=$?
  # The last status line, "#<executions>: cov: ... exec/s: ...", and the time
  # fuzzed (-o: fork mode may print it after a NEW_FUNC line's end).
  grep -oE '#[0-9]+: cov: .*' "$FUZZ_WORK/$target/log" | tail -n 1 || true
  grep -E '^INFO: fuzzed for' "$FUZZ_WORK/$target/log" || true
  echo "exit status $status; findings: $(ls "$artifacts" | wc -l) (log: $FUZZ_WORK/$target/log)"
done
