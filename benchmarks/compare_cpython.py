#!/usr/bin/env python3
"""Side-by-side: CPython's C `_pickle` and brine on the same pickle files, in one run.

    python3 benchmarks/compare_cpython.py --data /tmp/brine_bench_data \\
        --decode-bin BIN/benchmarks/decode_benchmark \\
        --encode-bin BIN/benchmarks/encode_benchmark

(benchmarks/run.sh builds the binaries, writes the data and calls this.)

For every file of the data directory's manifest.tsv (make_datasets.py), one
after the other, --repeat rounds, each round measuring both sides one right
after the other, so that load on the machine (and its changing speed) hits
both sides alike:
  - CPython: one timeit run of pickle.loads(data) and one of
    pickle.dumps(obj, protocol), each of at least --min-time seconds;
  - brine: the decode and encode Google Benchmark binaries on that file with
    --benchmark_format=json, one repetition of at least --min-time seconds.
Each side's figure is its best round; CPython's memory figure is the peak of
tracemalloc during one loads.
Then prints Markdown tables (decode speed, decode memory, encode speed) and
a summary line with the smallest decode and encode ratios over all rows.

Times are CPU time on both sides (time.process_time for CPython, Google
Benchmark's default CPU time for brine), so other load on the machine costs
less than it would with wall-clock time. timeit turns the garbage collector
off while timing, as it does by default (--gc turns it back on).
"""

import argparse
import gc
import json
import os
import pickle
import re
import subprocess
import sys
import time
import timeit
import tracemalloc

# The classes of the instances and method_tasks data sets (bench_types.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))


def read_manifest(directory, name_filter, protocols):
    rows = []
    with open(os.path.join(directory, "manifest.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            fields = dict(zip(header, line.rstrip("\n").split("\t")))
            if name_filter and not re.search(name_filter, fields["name"]):
                continue
            fields["protocol"] = int(fields["protocol"])
            if protocols and fields["protocol"] not in protocols:
                continue
            fields["bytes"] = int(fields["bytes"])
            fields["items"] = int(fields["items"])
            fields["path"] = os.path.join(directory, fields["file"])
            rows.append(fields)
    return rows


class BestTime:
    """Seconds per call of `function`: the best of the timeit runs made with
    run(), each of enough calls to last at least `min_time` seconds of CPU
    time (the number of calls is found once, at construction)."""

    def __init__(self, function, min_time, with_gc):
        self.timer = timeit.Timer(function, setup="gc.enable()" if with_gc else "pass",
                                  timer=time.process_time, globals={"gc": gc})
        self.number = 1
        while True:
            elapsed = self.timer.timeit(self.number)
            if elapsed >= min_time:
                break
            self.number *= 2 if elapsed == 0 else max(2, min(10, int(min_time / elapsed * 1.2) + 1))
        self.best = elapsed / self.number

    def run(self):
        self.best = min(self.best, self.timer.timeit(self.number) / self.number)


def tracemalloc_peak(function):
    """Peak bytes Python allocated while `function` ran (its result included)."""
    gc.collect()
    tracemalloc.start()
    result = function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del result
    return peak


class CPythonSide:
    """CPython's loads and dumps of one data set, measured a round at a time."""

    def __init__(self, row, args):
        with open(row["path"], "rb") as f:
            data = f.read()
        protocol = row["protocol"]
        loads, dumps = pickle.loads, pickle.dumps
        obj = loads(data)
        self.loads = BestTime(lambda: loads(data), args.min_time, args.gc)
        self.dumps = BestTime(lambda: dumps(obj, protocol), args.min_time, args.gc)
        self.figures = {"loads_peak": tracemalloc_peak(lambda: loads(data)),
                        "dumps_size": len(dumps(obj, protocol))}

    def run_round(self):
        self.loads.run()
        self.dumps.run()

    def result(self):
        return dict(self.figures, loads_s=self.loads.best, dumps_s=self.dumps.best)


def run_brine(binary, kind, row, args, best):
    """Runs one benchmark binary on one data set, one repetition; keeps in
    `best` the best run so far of each benchmark name."""
    pattern = "^%s/%s/p%d(/|$)" % (kind, re.escape(row["name"]), row["protocol"])
    command = [binary, "--benchmark_format=json", "--benchmark_filter=" + pattern,
               "--benchmark_repetitions=1", "--benchmark_min_time=%g" % args.min_time]
    environment = dict(os.environ, BRINE_BENCH_DATA=args.data)
    completed = subprocess.run(command, env=environment, stdout=subprocess.PIPE, check=True)
    if not completed.stdout.strip():  # the filter matched nothing
        return
    for run in json.loads(completed.stdout)["benchmarks"]:
        if run.get("run_type") != "iteration":
            continue
        if run.get("error_occurred"):
            best[run["run_name"]] = {"error": run.get("error_message", "error")}
            continue
        previous = best.get(run["run_name"])
        if previous is None or "error" in previous or \
                run["bytes_per_second"] > previous["bytes_per_second"]:
            best[run["run_name"]] = run


def megabytes(value):
    """MB/s (10**6 bytes); rates of zero-copy decodes, which do not depend on
    the input size, come out huge and are printed in exponent form."""
    mb = value / 1e6
    return "%.1f" % mb if mb < 1e5 else "%.1e" % mb


def per_second(value):
    for suffix, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if value >= scale:
            return "%.1f%s" % (value / scale, suffix)
    return "%.0f" % value


def size_text(size):
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return "%.1f %s" % (size / scale, unit)
    return "%d B" % size


def ratio(brine_rate, cpython_rate):
    return "%.2fx" % (brine_rate / cpython_rate) if cpython_rate else "n/a"


def brine_rate(run):
    if run is None:
        return None, "missing"
    if "error" in run:
        return None, "error: " + run["error"][:60]
    return run["bytes_per_second"], megabytes(run["bytes_per_second"])


# The decode benchmark's modes (decode_benchmark.cc), in table order.
DECODE_MODES = ("copy", "borrow", "reuse")
# The encode benchmark's names after "encode/<set>/p<N>" (encode_benchmark.cc):
# brine::Encode, then a reused brine::Encoder.
ENCODE_SUFFIXES = ("", "/reuse")


def smallest_ratios(rows, cpython, decode, encode):
    """The smallest brine/CPython speed ratio over all rows: decode (over
    every mode) and encode; None where nothing was measured."""
    decode_ratios, encode_ratios = [], []
    for row in rows:
        key = "%s/p%d" % (row["name"], row["protocol"])
        c_loads = row["bytes"] / cpython[key]["loads_s"]
        c_dumps = cpython[key]["dumps_size"] / cpython[key]["dumps_s"]
        for mode in DECODE_MODES:
            rate = brine_rate(decode.get("decode/%s/%s" % (key, mode)))[0]
            if rate:
                decode_ratios.append(rate / c_loads)
        for name, run in encode.items():
            if name == "encode/" + key or name.startswith("encode/%s/" % key):
                rate = brine_rate(run)[0]
                if rate:
                    encode_ratios.append(rate / c_dumps)
    return (min(decode_ratios) if decode_ratios else None,
            min(encode_ratios) if encode_ratios else None)


def print_tables(rows, cpython, decode, encode, out):
    def emit(line=""):
        print(line, file=out)

    emit("### Decode: pickle.loads vs brine::Decode (MB/s of pickle input, higher is better)")
    emit()
    emit("`copy`: brine::Decode, strings copied; `borrow`: pointing into the input;"
         " `reuse`: a brine::Decoder reused for every call (strings copied).")
    emit()
    emit("| data set | proto | size | CPython loads | brine copy | ratio | brine borrow | ratio"
         " | brine reuse | ratio | brine items/s |")
    emit("|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        key = "%s/p%d" % (row["name"], row["protocol"])
        c_rate = row["bytes"] / cpython[key]["loads_s"]
        cells = []
        for mode in DECODE_MODES:
            rate, text = brine_rate(decode.get("decode/%s/%s" % (key, mode)))
            cells += [text, ratio(rate, c_rate) if rate else ""]
        copy = decode.get("decode/%s/copy" % key)
        items = per_second(copy["items_per_second"]) if brine_rate(copy)[0] else ""
        emit("| %s | %d | %s | %s | %s | %s |" % (
            row["name"], row["protocol"], size_text(row["bytes"]), megabytes(c_rate),
            " | ".join(cells), items))
    emit()
    emit("### Decode memory: peak bytes allocated during one decode (multiple of input size)")
    emit()
    emit("| data set | proto | size | CPython tracemalloc peak | brine peak, copy | brine arena, copy | brine peak, borrow |")
    emit("|---|---|---|---|---|---|---|")
    for row in rows:
        key = "%s/p%d" % (row["name"], row["protocol"])
        c_peak = cpython[key]["loads_peak"]
        cells = []
        for run, counter in ((decode.get("decode/%s/copy" % key), "peak_bytes"),
                             (decode.get("decode/%s/copy" % key), "arena_bytes"),
                             (decode.get("decode/%s/borrow" % key), "peak_bytes")):
            if run is None or "error" in run:
                cells.append("n/a")
            else:
                cells.append("%s (%.2fx)" % (size_text(run[counter]), run[counter] / row["bytes"]))
        emit("| %s | %d | %s | %s (%.2fx) | %s |" % (
            row["name"], row["protocol"], size_text(row["bytes"]), size_text(c_peak),
            c_peak / row["bytes"], " | ".join(cells)))
    emit()
    emit("### Encode: pickle.dumps vs brine::Encode (MB/s of pickle output, higher is better)")
    emit()
    emit("`encode`: brine::Encode (an Encoder used once per call);"
         " `reuse`: a brine::Encoder reused for every call.")
    emit()
    emit("| data set | proto | size | CPython dumps | brine encode | ratio | brine reuse | ratio"
         " | brine items/s | same bytes as CPython |")
    emit("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        key = "%s/p%d" % (row["name"], row["protocol"])
        c_rate = cpython[key]["dumps_size"] / cpython[key]["dumps_s"]
        runs = [encode.get("encode/%s%s" % (key, suffix)) for suffix in ENCODE_SUFFIXES]
        cells, same = [], []
        for run in runs:
            rate, text = brine_rate(run)
            cells += [text, ratio(rate, c_rate) if rate else ""]
            if rate:
                same.append(run["identical"] == 1)
        once = runs[0]
        items = per_second(once["items_per_second"]) if brine_rate(once)[0] else ""
        emit("| %s | %d | %s | %s | %s | %s | %s |" % (
            row["name"], row["protocol"], size_text(row["bytes"]), megabytes(c_rate),
            " | ".join(cells), items, ("yes" if all(same) else "NO") if same else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="directory written by make_datasets.py")
    parser.add_argument("--decode-bin", required=True, help="path of decode_benchmark")
    parser.add_argument("--encode-bin", required=True, help="path of encode_benchmark")
    parser.add_argument("--filter", default="", help="regex over data set names")
    parser.add_argument("--protocols", default="",
                        help="comma-separated protocols to keep (default: all in the manifest)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="rounds of both sides; each side's best round counts")
    parser.add_argument("--min-time", type=float, default=0.2,
                        help="seconds of CPU time per repetition, at least")
    parser.add_argument("--gc", action="store_true",
                        help="keep CPython's garbage collector on while timing")
    parser.add_argument("--json-out", help="also write all raw figures to this JSON file")
    args = parser.parse_args()

    if pickle.loads.__module__ != "_pickle":
        sys.exit("CPython's C accelerator _pickle is not in use")
    protocols = {int(p) for p in args.protocols.split(",") if p}
    rows = read_manifest(args.data, args.filter, protocols)
    if not rows:
        sys.exit("no data sets selected in %s" % args.data)

    cpython, decode, encode = {}, {}, {}
    for row in rows:  # data set by data set, rounds of CPython then brine
        key = "%s/p%d" % (row["name"], row["protocol"])
        print("%-28s %d rounds of CPython, brine decode, brine encode ..." % (key, args.repeat),
              file=sys.stderr, flush=True)
        side = CPythonSide(row, args)
        for _ in range(args.repeat):
            side.run_round()
            run_brine(args.decode_bin, "decode", row, args, decode)
            run_brine(args.encode_bin, "encode", row, args, encode)
        cpython[key] = side.result()

    print("Python %s, %s; brine: %s" % (sys.version.split()[0], pickle.loads.__module__,
                                         os.path.basename(args.decode_bin)))
    print()
    print_tables(rows, cpython, decode, encode, sys.stdout)
    smallest_decode, smallest_encode = smallest_ratios(rows, cpython, decode, encode)
    print()
    print("Smallest ratio over all rows: decode %s, encode %s" % (
        "%.2fx" % smallest_decode if smallest_decode else "n/a",
        "%.2fx" % smallest_encode if smallest_encode else "n/a"))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"rows": rows, "cpython": cpython, "decode": decode, "encode": encode},
                      f, indent=1)
    expected = []
    for row in rows:
        key = "%s/p%d" % (row["name"], row["protocol"])
        expected += [(decode, "decode/%s/%s" % (key, mode)) for mode in DECODE_MODES]
        expected += [(encode, "encode/%s%s" % (key, suffix)) for suffix in ENCODE_SUFFIXES]
    failed = [name for runs, name in expected if name not in runs or "error" in runs[name]]
    if failed:
        sys.exit("brine benchmarks missing or failed: " + ", ".join(failed))


if __name__ == "__main__":
    main()
