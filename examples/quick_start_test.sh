#!/bin/bash
# The quick start decodes examples/task_queue.pkl (written by CPython at
# protocol 4), prints it, and re-encodes it to the very same bytes.
set -euo pipefail
output=$("$1" examples/task_queue.pkl)
echo "$output"
grep -q "^{'id': '7f3c2a1e-9b4d-4c8e-a6f0-2d5b8e1c9a37', 'task': 'billing.tasks.render_invoice'" <<<"$output"
grep -qx "re-encoded at protocol 4: identical bytes" <<<"$output"
