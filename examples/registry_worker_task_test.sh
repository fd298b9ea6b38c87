#!/bin/bash
# End to end: Python pickles a bound-method task, the C++ example runs it,
# Python loads the result. Usage: registry_worker_task_test.sh <binary>
set -euo pipefail
binary="$1"
export PYTHONPATH="$(dirname "$0")/registry_py"

result=$(python3 -c '
import pickle, sys, tasks
sys.stdout.buffer.write(pickle.dumps((tasks.Worker(2).process, (21,))))' \
  | "$binary" \
  | python3 -c '
import pickle, sys, tasks
result = pickle.loads(sys.stdin.buffer.read())
expected = tasks.Worker(2).process(21)  # what Python itself computes
assert result == expected, (result, expected)
print(result)')
echo "task result: $result"
