#!/bin/bash
# End to end: Python pickles bound-method tasks, the C++ example runs them,
# Python loads the results. Usage: registry_worker_task_test.sh <binary>
set -euo pipefail
binary="$1"
export PYTHONPATH="$(dirname "$0")/registry_py"

results=$(python3 -c '
import pickle, sys, tasks
for task in [(tasks.Worker(2).process, (21,)), (tasks.Worker(5).report, (3,))]:
    sys.stdout.buffer.write(pickle.dumps(task))' \
  | "$binary" \
  | python3 -c '
import pickle, sys, tasks
results = []
while sys.stdin.buffer.peek(1):
    results.append(pickle.load(sys.stdin.buffer))
expected = [tasks.Worker(2).process(21), tasks.Worker(5).report(3)]  # what Python computes
assert results == expected, (results, expected)
print(results)')
echo "task results: $results"
