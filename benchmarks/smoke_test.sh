#!/usr/bin/env bash
# Smoke test of the benchmark tool chain: writes tiny data sets, then runs
# compare_cpython.py (which runs both benchmark binaries once per benchmark
# and fails if any of them reports an error) and checks its tables.
# Arguments: make_datasets.py compare_cpython.py decode_benchmark encode_benchmark
set -euo pipefail
make_datasets="$1" compare="$2" decode_bin="$3" encode_bin="$4"
data="${TEST_TMPDIR:-$(mktemp -d)}/data"

python3 "${make_datasets}" --out "${data}" --small --protocols 2,5 \
  --only bm_dict,bm_tuple,ints,str_dict,shared_graph,instances,method_tasks >/dev/null
python3 "${compare}" --data "${data}" --decode-bin "${decode_bin}" --encode-bin "${encode_bin}" \
  --repeat 1 --min-time 0.001 >"${data}/tables.md"

for expected in "| bm_dict | 2 |" "| shared_graph | 5 |" "| instances | 2 |" "| method_tasks | 5 |" "### Decode memory" "### Encode"; do
  if ! grep -qF "${expected}" "${data}/tables.md"; then
    echo "missing '${expected}' in the tables:" >&2
    cat "${data}/tables.md" >&2
    exit 1
  fi
done
echo "PASS"
