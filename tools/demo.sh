#!/bin/bash
# Builds the brine command-line tool and shows what it does on the samples in
# examples/: `show` and `dis` of a task-queue payload written by Python, and
# `scan` of a pickle that would run a shell command if Python loaded it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
bazel ${BAZEL_STARTUP_OPTIONS:-} build --noshow_progress //:brine
brine=bazel-bin/brine

run() {
  printf '\n$ brine %s\n' "$*"
  "$brine" "$@" || printf '(exit status %d)\n' "$?"
}
run show examples/task_queue.pkl
run dis examples/task_queue.pkl
run scan examples/untrusted.pkl
