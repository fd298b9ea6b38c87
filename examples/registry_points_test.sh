#!/bin/bash
# End to end: C++ writes std::vector<Point>; Python loads it into its own
# geometry.Point (checking the bytes are what pickle.dumps writes for the same
# points), moves every point and pickles them back; C++ reads the moved
# points. Usage: registry_points_test.sh <binary>
set -euo pipefail
binary="$1"
export PYTHONPATH="$(dirname "$0")/registry_py"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"

"$binary" write > "$tmp/from_cpp.pkl"
python3 - "$tmp" <<'PY'
import pickle, sys
from geometry import Point
tmp = sys.argv[1]
data = open(f"{tmp}/from_cpp.pkl", "rb").read()
points = pickle.loads(data)
assert all(type(p) is Point for p in points), points
assert data == pickle.dumps([Point(1.5, 2.0), Point(-3.0, 4.25), Point(0.0, 0.0)]), "bytes differ from CPython's"
for p in points:
    p.x += 10
    p.y *= 2
open(f"{tmp}/from_python.pkl", "wb").write(pickle.dumps(points))
# What C++ should print, formatted as C++'s ostream prints doubles.
with open(f"{tmp}/expected.txt", "w") as f:
    for p in points:
        f.write(f"Point({p.x:g}, {p.y:g})\n")
PY
"$binary" read < "$tmp/from_python.pkl" > "$tmp/actual.txt"
diff -u "$tmp/expected.txt" "$tmp/actual.txt"
cat "$tmp/actual.txt"
