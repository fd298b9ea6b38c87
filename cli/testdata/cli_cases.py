# Drives the `brine` binary (argv[1]) over pickles CPython writes, and checks
# its output against CPython: `brine dis` against `python3 -m pickletools`,
# `brine show` against repr(pickle.loads(data)), `brine json` against the
# mapping documented in `brine json --help` applied to pickle.loads(data),
# `brine scan` against the globals CPython's Unpickler looks up. Scratch files
# go to argv[2]. Prints one line per mismatch; exits 1 if there was any.
import base64
import collections
import datetime
import io
import json
import math
import os
import pickle
import pickletools
import subprocess
import sys

brine, scratch = sys.argv[1], sys.argv[2]
failures = []
checked = collections.Counter()


def run(args, stdin=None):
    return subprocess.run([brine] + args, input=stdin, capture_output=True)


def write(name, data):
    path = os.path.join(scratch, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def fail(what, detail):
    failures.append("%s: %s" % (what, detail))


def float_json(x):
    return x if math.isfinite(x) else {"$float": repr(x)}


def to_json(v):
    """The documented `brine json` mapping, for built-in types."""
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return float_json(v)
    if isinstance(v, complex):
        return {"$complex": [float_json(v.real), float_json(v.imag)]}
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        if all(isinstance(k, str) for k in v):
            return {k: to_json(x) for k, x in v.items()}
        return {"$dict": [[to_json(k), to_json(x)] for k, x in v.items()]}
    if isinstance(v, bytes):
        return {"$bytes": base64.b64encode(v).decode()}
    if isinstance(v, bytearray):
        return {"$bytearray": base64.b64encode(bytes(v)).decode()}
    if isinstance(v, frozenset):
        return {"$frozenset": [to_json(x) for x in v]}
    if isinstance(v, set):
        return {"$set": [to_json(x) for x in v]}
    raise TypeError(type(v))


def same_json(a, b):
    # nan != nan, so compare through a canonical text form.
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


values = [
    None, True, False, 0, -1, 255, 65536, 2**31, -2**63, 2**64, 10**50, -(10**200),
    0.0, -0.0, 1.5, 1e16, 1e-5, 1e300, float("inf"), float("-inf"), float("nan"), 1 + 2j,
    "", "abc", "it's \"quoted\"", "caf\xe9 \u2603 \U0001f600", "\x00\n\t\\", "a\ud800b", "x" * 300,
    b"", b"\x00\xff'\"", bytes(range(256)), bytearray(b"ab"),
    (), (1,), (1, 2, 3), [1, [2, [3]]], {"a": 1, "b": [2]}, {1: "a", (2, 3): None}, {1, 2, 3},
    frozenset({"x"}), list(range(1200)), {str(i): i for i in range(1100)},
    [("shared",)] * 3,
]

# dis, show, json on every value and protocol.
for i, value in enumerate(values):
    for protocol in range(6):
        data = pickle.dumps(value, protocol)
        name = "v%d_p%d.pkl" % (i, protocol)
        path = write(name, data)
        what = "%s (%r)" % (name, value if len(repr(value)) < 60 else type(value).__name__)

        out = io.StringIO()
        pickletools.dis(data, out)
        result = run(["dis", path])
        if result.returncode != 0 or result.stdout != out.getvalue().encode():
            fail("dis " + what, result.stderr.decode(errors="replace") or "output differs")
        checked["dis"] += 1

        expected = (repr(pickle.loads(data)) + "\n").encode()
        result = run(["show", path])
        if result.returncode != 0 or result.stdout != expected:
            fail("show " + what, result.stdout[:200] + result.stderr[:200])
        checked["show"] += 1

        result = run(["json", path])
        try:
            ok = result.returncode == 0 and same_json(json.loads(result.stdout), to_json(pickle.loads(data)))
        except ValueError as e:
            ok = False
        if not ok:
            fail("json " + what, result.stdout[:200] + result.stderr[:200])
        checked["json"] += 1

# A few files through the real `python3 -m pickletools`, errors included.
extra = {
    "date": pickle.dumps(datetime.datetime(2020, 1, 2, 3, 4, 5), 2),
    "ordered": pickle.dumps(collections.OrderedDict(a=[1, 2]), 0),
    "put_twice": b"Np0\np0\n.",
    "no_mark": b"]e.",
    "truncated": b"\x80\x04\x95",
    "trailing": pickle.dumps([1], 3) + b"garbage",
}
for name, data in extra.items():
    path = write(name + ".pkl", data)
    expected = subprocess.run([sys.executable, "-m", "pickletools", path], capture_output=True)
    for args in (["dis", path], ["dis", "-"]):
        result = run(args, stdin=data if args[1] == "-" else None)
        if result.stdout != expected.stdout:
            fail("dis %s %s" % (args[1], name), "stdout differs from python3 -m pickletools")
        if (result.returncode == 0) != (expected.returncode == 0) or result.returncode not in (0, 1):
            fail("dis %s %s" % (args[1], name), "exit %d, pickletools %d" % (result.returncode, expected.returncode))
        checked["dis vs -m pickletools"] += 1
for level in (0, 2, 7):
    data = pickle.dumps([(1, [2, {3: (4,)}])], 0)
    path = write("indent.pkl", data)
    expected = subprocess.run([sys.executable, "-m", "pickletools", "-l", str(level), path], capture_output=True)
    result = run(["dis", "--indentlevel=%d" % level, path])
    if result.stdout != expected.stdout or result.returncode != 0:
        fail("dis --indentlevel=%d" % level, "differs from pickletools -l")
    checked["dis --indentlevel"] += 1


# scan: the imported names equal those CPython's Unpickler looks up.
class Recorder(pickle.Unpickler):
    def __init__(self, data):
        super().__init__(io.BytesIO(data))
        self.names = []

    def find_class(self, module, name):
        self.names.append("%s.%s" % (module, name))
        return super().find_class(module, name)


for name, value in [("date", datetime.date(2000, 1, 1)), ("ordered", collections.OrderedDict(a=1)),
                    ("complex", 3j), ("set", {1}), ("plain", [1, "a"])]:
    for protocol in range(6):
        data = pickle.dumps(value, protocol)
        recorder = Recorder(data)
        recorder.load()
        result = run(["scan", "-"], stdin=data)
        imports = [line.split()[3] for line in result.stdout.decode().splitlines()
                   if len(line.split()) > 3 and line.split()[1] == "import"]
        if result.returncode != 0 or imports != recorder.names:
            fail("scan %s/p%d" % (name, protocol), "%r vs %r (exit %d)" % (imports, recorder.names, result.returncode))
        checked["scan"] += 1

for line in failures:
    print(line)
print("checked:", dict(checked))
sys.exit(1 if failures else 0)
