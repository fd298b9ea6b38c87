#!/usr/bin/env python3
"""Differential fuzzing of brine against CPython 3.11.

    python3 fuzz/differential.py BRINE_BINARY --count N [--seed S]
        [--out DIR] [--seeds DIR]... [--time-limit SECONDS]

Makes N inputs (fuzz/differential_inputs.py: CPython's pickles of random
values, hand-written opcode programs naming builtins/copyreg/_codecs, and
mutations of both and of the files under each --seeds DIR) and for each
compares:

  show  `brine show -` with repr(pickle.loads(data)) run by a worker process
        (fuzz/differential_oracle.py) under a 1 GiB address-space limit and a
        per-input time limit, with a find_class that allows only builtins,
        copyreg and _codecs. Both must fail, or both succeed with the same
        text (set elements compared in any order; for results holding
        functions, classes or other objects brine prints by name, success
        alone). Inputs CPython cannot be asked about (other modules, names
        that act on the process, its time or memory limit) are skipped.
  dis   `brine dis -` with pickletools.dis (fuzz/dis_differential.py's
        comparison).

Each disagreement is written to DIR (default ./differential-out) as
<kind>-<n>.pkl with a .txt beside it giving both sides; the last line
printed counts inputs by outcome. Exits 1 when any input disagrees.
Deliberate differences are listed in fuzz/README.md.
"""

import _codecs
import argparse
import ast
import builtins
import copyreg
import json
import os
import pickletools
import random
import re
import select
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dis_differential  # noqa: E402
import differential_inputs  # noqa: E402

ORACLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "differential_oracle.py")
MAX_OUTPUT_BYTES = 1 << 20  # differential_oracle.MAX_REPR_BYTES: longer reprs are skipped
ADDRESS_SPACE_LIMIT = 1 << 30


class Oracle:
    """The CPython worker: restarted after a timeout or a crash."""

    def __init__(self, time_limit):
        self.time_limit = time_limit
        self.process = None

    def start(self):
        self.process = subprocess.Popen([sys.executable, ORACLE, str(ADDRESS_SPACE_LIMIT)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def stop(self):
        if self.process is None:
            return
        self.process.kill()
        self.process.wait()
        self.process.stdin.close()
        self.process.stdout.close()
        self.process = None

    def ask(self, data):
        if self.process is None:
            self.start()
        try:
            self.process.stdin.write(struct.pack(">I", len(data)) + data)
            self.process.stdin.flush()
        except BrokenPipeError:
            self.stop()
            return {"outcome": "skip", "why": "worker died"}
        ready, _, _ = select.select([self.process.stdout], [], [], self.time_limit)
        line = self.process.stdout.readline().decode("utf-8") if ready else ""
        if not line:
            self.stop()
            return {"outcome": "skip", "why": "time limit" if not ready else "worker died"}
        return json.loads(line)


def run_brine(binary, command, data, time_limit):
    args = [binary, command, f"--max-output-bytes={MAX_OUTPUT_BYTES}", "-"] if command == "show" else [binary, command, "-"]
    try:
        result = subprocess.run(args, input=data, capture_output=True, timeout=time_limit)
    except subprocess.TimeoutExpired:
        return None, None, "timeout"
    return result.returncode, result.stdout.decode("utf-8", "surrogateescape"), result.stderr.decode("utf-8", "replace")


# ---- comparing repr texts with sets in any order ----

def canonical(text):
    """The repr text parsed as a Python expression, with the elements of
    every set display sorted; None when it does not parse."""
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None

    class SortSets(ast.NodeTransformer):
        def visit_Set(self, node):
            self.generic_visit(node)
            node.elts.sort(key=ast.dump)
            return node

    try:
        return ast.dump(SortSets().visit(tree))
    except RecursionError:
        return None


def same_repr(expected, got):
    if expected == got:
        return True
    left, right = canonical(expected), canonical(got)
    return left is not None and left == right


# A call brine prints instead of running it: a name of builtins, copyreg or
# _codecs applied to arguments (REDUCE), or its __new__ (NEWOBJ).
UNRUN_CALL = re.compile(r"\b(builtins|copyreg|_codecs)\.[\w.]+\(")

# A module attribute that is not callable (builtins.None, copyreg.__doc__):
# brine prints its name where CPython prints its value.
DATA_NAME = re.compile(r"\b(%s)\b" % "|".join(sorted(
    re.escape(f"{module.__name__}.{name}") for module in (builtins, copyreg, _codecs)
    for name in dir(module) if not callable(getattr(module, name)))))


CALL_OPCODES = {"REDUCE", "NEWOBJ", "NEWOBJ_EX", "OBJ", "INST", "BUILD"}


def has_call(data):
    """Whether the pickle asks for a call before it ends or turns malformed."""
    try:
        for opcode, _, _ in pickletools.genops(data):
            if opcode.name in CALL_OPCODES:
                return True
            if opcode.name == "STOP":
                break
    except Exception:  # malformed from here on: what came before counts
        pass
    return False


def deliberate_difference(data, oracle_answer, code, text):
    """The deliberate difference (fuzz/README.md) that explains brine's
    output, if any."""
    if code == 0 and UNRUN_CALL.search(text):
        return "brine prints a call CPython runs"
    if code == 0 and oracle_answer.get("message", "").startswith("A load persistent id instruction"):
        return "brine keeps a persistent id"
    # A call CPython ran raised (range('a'), a bad BUILD); brine kept the call
    # and printed something else. Not the errors brine must give itself: a
    # missing name, an unhashable key, the unpickler's own.
    if (code == 0 and oracle_answer["outcome"] == "error" and has_call(data)
            and oracle_answer["type"] not in ("UnpicklingError", "EOFError", "AttributeError")
            and not oracle_answer["message"].startswith("unhashable type")):
        return "a call CPython runs raised"
    if code == 0 and DATA_NAME.search(text):
        return "brine prints a module's data attribute by name"
    return None


def compare_show(oracle_answer, code, text, stderr):
    """None when brine agrees; otherwise what differs."""
    if code is None:
        return "brine show timed out"
    if code not in (0, 1):
        return f"brine show exit status {code}: {stderr[-300:]}"
    outcome = oracle_answer["outcome"]
    if outcome == "error":
        return None if code == 1 else f"CPython raised {oracle_answer['type']}: {oracle_answer['message']}"
    if code == 1:
        if "max-output-bytes" in stderr or "max_output_bytes" in stderr:
            return None  # brine prints shared objects in full, as repr does; the limits differ in detail
        return f"brine failed: {stderr.strip()[-300:]}"
    if not oracle_answer["data"]:
        return None  # functions, classes and other objects: brine prints them by name
    if same_repr(oracle_answer["repr"], text.rstrip("\n")):
        return None
    return "repr differs"


def compare_dis(data, code, text, stderr):
    expected_text, expected_error = dis_differential.python_dis(data)
    if code is None:
        return "brine dis timed out"
    if code not in (0, 1):
        return f"brine dis exit status {code}: {stderr[-300:]}"
    if (code == 1) != expected_error:
        return f"pickletools {'raised' if expected_error else 'did not raise'}, brine dis exited {code}"
    if text != expected_text:
        return "dis text differs"
    return None


def record(out_dir, kind, number, data, lines):
    os.makedirs(out_dir, exist_ok=True)
    base = os.path.join(out_dir, f"{kind}-{number}")
    with open(base + ".pkl", "wb") as f:
        f.write(data)
    with open(base + ".txt", "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("brine")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="differential-out")
    parser.add_argument("--seeds", action="append", default=[])
    parser.add_argument("--time-limit", type=float, default=5.0)
    options = parser.parse_args()

    rng = random.Random(options.seed)
    seeds = [open(path, "rb").read()[:4096] for path in dis_differential.input_files(options.seeds)]
    oracle = Oracle(options.time_limit)
    counts = {}
    failures = 0
    started = time.time()
    try:
        for number in range(options.count):
            data, source = differential_inputs.next_input(rng, seeds)
            answer = oracle.ask(data)
            show_code, show_text, show_err = run_brine(options.brine, "show", data, options.time_limit)
            dis_code, dis_text, dis_err = run_brine(options.brine, "dis", data, options.time_limit)
            show_problem = None if answer["outcome"] == "skip" else compare_show(answer, show_code, show_text, show_err)
            deliberate = deliberate_difference(data, answer, show_code, show_text) if show_problem else None
            dis_problem = compare_dis(data, dis_code, dis_text, dis_err)
            if answer["outcome"] == "skip":
                show_key = "show skipped"
            elif deliberate:
                show_key, show_problem = f"show differs: {deliberate}", None
            else:
                show_key = "show disagrees" if show_problem else f"show agrees ({answer['outcome']})"
            counts[show_key] = counts.get(show_key, 0) + 1
            dis_key = "dis disagrees" if dis_problem else "dis agrees"
            counts[dis_key] = counts.get(dis_key, 0) + 1
            if show_problem:
                failures += 1
                record(options.out, "show", f"{options.seed}-{number}", data, [
                    f"source: {source}", f"problem: {show_problem}", f"CPython: {json.dumps(answer)[:2000]}",
                    f"brine (exit {show_code}): {(show_text or '')[:2000]!r}", f"brine stderr: {show_err!r}"])
            if dis_problem:
                failures += 1
                record(options.out, "dis", f"{options.seed}-{number}", data, [
                    f"source: {source}", f"problem: {dis_problem}", f"brine stderr: {dis_err!r}"])
    finally:
        oracle.stop()
    elapsed = time.time() - started
    summary = ", ".join(f"{key}: {value}" for key, value in sorted(counts.items()))
    print(f"{options.count} inputs in {elapsed:.0f} s (seed {options.seed}): {summary}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
