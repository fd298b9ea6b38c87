#!/usr/bin/env python3
"""Compares `brine dis` with CPython's pickletools.dis over many inputs.

    python3 fuzz/dis_differential.py BRINE_BINARY FILE_OR_DIR...

For each input (every file under each directory, e.g. a fuzzing corpus) the
disassembly pickletools prints, and whether it raised, must equal what
`brine dis` prints and whether it exited 1. Prints each mismatch, then
"N passed, N failed"; exits 1 when any input differs. pickletools only reads
bytes, so arbitrary fuzzed input is safe to give it.
"""

import io
import os
import pickletools
import subprocess
import sys


def python_dis(data):
    out = io.StringIO()
    try:
        pickletools.dis(data, out=out)
    except Exception:  # any error pickletools raises, as brine reports it
        return out.getvalue(), True
    return out.getvalue(), False


def brine_dis(binary, path):
    result = subprocess.run([binary, "dis", path], capture_output=True, timeout=60)
    return result.stdout.decode("utf-8", "surrogateescape"), result.returncode, result.stderr


def input_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for root, _, names in os.walk(path):
            for name in sorted(names):
                yield os.path.join(root, name)


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: dis_differential.py BRINE_BINARY FILE_OR_DIR...")
    binary = sys.argv[1]
    passed = failed = 0
    for path in input_files(sys.argv[2:]):
        with open(path, "rb") as f:
            data = f.read()
        expected_text, expected_error = python_dis(data)
        text, code, stderr = brine_dis(binary, path)
        problem = None
        if code not in (0, 1):
            problem = f"exit status {code}: {stderr[-500:]!r}"
        elif (code == 1) != expected_error:
            problem = f"pickletools {'raised' if expected_error else 'did not raise'}, brine exited {code}"
        elif text != expected_text:
            problem = "text differs"
        if problem is None:
            passed += 1
            continue
        failed += 1
        print(f"MISMATCH {path}: {problem}")
        if problem == "text differs":
            want, got = expected_text.splitlines(), text.splitlines()
            for i, (w, g) in enumerate(zip(want + [""] * len(got), got + [""] * len(want))):
                if w != g:
                    print(f"  line {i + 1}:\n    pickletools: {w!r}\n    brine:       {g!r}")
                    break
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
