#!/bin/bash
# End to end: C++ pickles RetryPolicy values as plain dicts (checked against
# pickle.dumps of the same dicts), Python edits them and pickles them back,
# C++ reads them; then a strict-policy decode of untrusted.pkl is refused at
# the GLOBAL opcode Python's pickletools finds in it, naming its offset.
# Usage: registry_custom_reducer_test.sh <binary> <untrusted.pkl>
set -euo pipefail
binary="$1"
untrusted="$2"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"

"$binary" write > "$tmp/from_cpp.pkl"
python3 - "$tmp" <<'PY'
import pickle, sys
tmp = sys.argv[1]
data = open(f"{tmp}/from_cpp.pkl", "rb").read()
expected = [
    {"backoff_seconds": 0.5, "max_attempts": 5, "service": "billing"},
    {"backoff_seconds": 1.25, "max_attempts": 2, "service": "search"},
]
policies = pickle.loads(data)
assert policies == expected and all(type(p) is dict for p in policies), policies
assert data == pickle.dumps(expected), "bytes differ from CPython's"
policies.append({"service": "mail", "max_attempts": 9, "backoff_seconds": 2.0})
policies[0]["max_attempts"] = 7
open(f"{tmp}/from_python.pkl", "wb").write(pickle.dumps(policies))
with open(f"{tmp}/expected.txt", "w") as f:
    for p in policies:
        f.write(f"{p['service']} {p['max_attempts']} {p['backoff_seconds']:g}\n")
PY
"$binary" read < "$tmp/from_python.pkl" > "$tmp/actual.txt"
diff -u "$tmp/expected.txt" "$tmp/actual.txt"

# The global untrusted.pkl calls, and the opcode and offset naming it, as
# CPython's own disassembler reads them.
global_at=$(python3 -c '
import pickletools, sys
for op, arg, pos in pickletools.genops(open(sys.argv[1], "rb").read()):
    if op.name == "GLOBAL":
        print("GLOBAL at offset %d: global %r" % (pos, arg.replace(" ", ".")))
        break' "$untrusted")
status=0
"$binary" scan "$untrusted" 2> "$tmp/scan.err" || status=$?
cat "$tmp/scan.err"
[ "$status" -eq 3 ] || { echo "expected exit 3, got $status"; exit 1; }
grep -qF "refused: $global_at is forbidden" "$tmp/scan.err"
