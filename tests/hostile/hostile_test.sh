#!/bin/bash
# Bazel entry point of the hostile-input suite (see run_hostile.py).
# Usage: hostile_test.sh PATH_TO_BRINE [run_hostile.py options...]
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
exec python3 tests/hostile/run_hostile.py --brine "$1" --jobs 2 "${@:2}"
