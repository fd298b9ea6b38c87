#!/bin/bash
# Bazel entry point of the conformance suite: brine's `show` and `dis` against
# CPython 3.11 on every case of cases.py (see run_conformance.py).
# Usage: conformance_test.sh PATH_TO_BRINE [run_conformance.py options...]
set -euo pipefail
# No .pyc files: cached constant sets can come back in another order.
export PYTHONDONTWRITEBYTECODE=1
exec python3 tests/conformance/run_conformance.py --brine "$1" --jobs 4 "${@:2}"
