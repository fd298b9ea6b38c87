#!/usr/bin/env python3
"""Whole-process transcode: `brine transcode -p 4 IN OUT` against a python3
one-liner doing pickle.loads then pickle.dumps on the same file.

    benchmarks/transcode_compare.py --brine PATH/TO/brine [--out DIR] [--repeat 3]

Writes four pickles into DIR (default /tmp/brine_transcode_data; kept between
runs): a list of 5,000,000 ints, a list of 1,000,000 str, a dict of 500,000
entries (str -> (int, float, str)) and a dict holding one 1 GiB bytes
payload. Then, file by file, runs both commands alternately `--repeat` times
and prints the best wall-clock and CPU (user + system) time and the peak
resident memory of each (from wait4's rusage), whether the outputs are the
same bytes, and the time of `cp` for the 1 GiB file.
"""

import argparse
import os
import pickle
import random
import resource
import subprocess
import sys
import time

PYTHON_TRANSCODE = ("import pickle,sys; d=open(sys.argv[1],'rb').read(); "
                    "open(sys.argv[2],'wb').write(pickle.dumps(pickle.loads(d),4))")


def make_data(directory):
    rng = random.Random(1)
    sets = {
        "ints_5m": lambda: [rng.randrange(-2**40, 2**40) if i % 3 else i for i in range(5_000_000)],
        "str_1m": lambda: ["item-%d-%s" % (i, "x" * (i % 17)) for i in range(1_000_000)],
        "dict_500k": lambda: {"key%07d" % i: (i, float(i), "v%d" % i) for i in range(500_000)},
        "payload_1g": lambda: {"name": "blob", "data": os.urandom(1 << 30)},
    }
    os.makedirs(directory, exist_ok=True)
    for name, make in sets.items():
        path = os.path.join(directory, name + ".pkl")
        if not os.path.exists(path):
            with open(path, "wb") as f:
                pickle.dump(make(), f, 4)
    return list(sets)


def run(command):
    """(wall seconds, CPU seconds, peak resident KiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit("failed: %s" % " ".join(command))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brine", required=True)
    parser.add_argument("--out", default="/tmp/brine_transcode_data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    names = make_data(args.out)
    print("| file | size | python3 wall / CPU | brine wall / CPU | wall ratio | CPU ratio | python3 peak RSS | brine peak RSS | same bytes |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in names:
        source = os.path.join(args.out, name + ".pkl")
        out_brine, out_python = source + ".brine.out", source + ".python.out"
        best = {"brine": None, "python": None}
        for _ in range(args.repeat):
            for side, command in (("brine", [args.brine, "transcode", "-p", "4", source, out_brine]),
                                  ("python", [sys.executable, "-c", PYTHON_TRANSCODE, source, out_python])):
                result = run(command)
                old = best[side]
                best[side] = result if old is None else tuple(
                    min(a, b) if i < 2 else max(a, b) for i, (a, b) in enumerate(zip(old, result)))
        with open(out_brine, "rb") as a, open(out_python, "rb") as b:
            same = "yes" if a.read() == b.read() else "NO"
        os.remove(out_brine)
        os.remove(out_python)
        (pw, pc, pm), (bw, bc, bm) = best["python"], best["brine"]
        print("| %s | %.1f MB | %.2f / %.2f s | %.2f / %.2f s | %.1fx | %.1fx | %.0f MB | %.0f MB | %s |" % (
            name, os.path.getsize(source) / 1e6, pw, pc, bw, bc, pw / bw, pc / bc, pm / 1024, bm / 1024, same))
    payload = os.path.join(args.out, "payload_1g.pkl")
    wall, cpu, _ = run(["cp", payload, payload + ".copy"])
    os.remove(payload + ".copy")
    print("\n`cp` of payload_1g.pkl: %.2f s wall, %.2f s CPU" % (wall, cpu))


if __name__ == "__main__":
    main()
