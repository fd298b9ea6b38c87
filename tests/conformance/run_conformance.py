"""Conformance suite: brine's `show` and `dis` against CPython 3.11 on every case.

    python3 tests/conformance/run_conformance.py --brine bazel-bin/brine

Writes every case of cases.py at every protocol (plus the hand-written Python 2
pickles) into a temporary folder, runs `brine dis FILE` and `brine show FILE`
on each, and checks:

* dis: byte for byte the output of `python3 -m pickletools FILE`. The
  expectation is computed in this process with the same call pickletools'
  command line makes (dis(file, stdout, None, 4, 0)); a few files are also run
  through the real `python3 -m pickletools` to prove the two agree.
* show: for values holding only built-in types, exactly repr(pickle.loads(data))
  and a newline; for anything else (instances, globals, standard-library
  objects) brine's readable form is its own, so `show` must only exit 0 and
  print something.
* When CPython rejects a pickle (pickle.loads or pickletools raises, as for
  the invalid/ cases), the brine command must exit with status 1.

Prints counts per category, the first few differences, and last a line
`N passed, M failed`. Exits 1 when anything failed.

--sample N checks one case in N, chosen by a CRC-32 of its file name (the same
ones on every run): the sanitized build, which takes several times longer per
brine process, runs a quarter of the suite this way (tests/conformance/BUILD.bazel).
"""

import argparse
import collections
import concurrent.futures
import difflib
import io
import os
import pickle
import pickletools
import re
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

Result = collections.namedtuple("Result", "entry check ok expected actual detail")


def _reexec_with_fixed_hash_seed():
    """Set order depends on str hashes: run the whole suite with PYTHONHASHSEED=0."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable] + sys.argv, env)


def expected_dis(data):
    """What `python3 -m pickletools FILE` prints for a file holding `data`, or None
    when pickletools rejects the pickle."""
    out = io.StringIO()
    try:
        pickletools.dis(io.BytesIO(data), out, None, 4, 0)
    except Exception:  # pickletools raises ValueError, UnicodeDecodeError, ...
        return None
    return out.getvalue().encode("utf-8")


def expected_show(data):
    """repr(pickle.loads(data)) as `print` writes it, or None when loads raises."""
    try:
        value = pickle.loads(data)
    except Exception:
        return None
    return (repr(value) + "\n").encode("utf-8")


def run_brine(brine, command, path, timeout, options=()):
    """(exit code, stdout, stderr) of `brine COMMAND [OPTIONS] PATH`; a timeout is exit code None."""
    try:
        proc = subprocess.run([brine, command, *options, path], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b"", b"timed out after %d s" % timeout
    return proc.returncode, proc.stdout, proc.stderr


def check_file(brine, directory, entry, timeout):
    """Runs both checks on one pickle file; returns two Results."""
    path = os.path.join(directory, entry["file"])
    with open(path, "rb") as f:
        data = f.read()
    results = []

    want = expected_dis(data)
    code, out, err = run_brine(brine, "dis", path, timeout)
    results.append(_compare(entry, "dis", want, code, out, err))

    # Out-of-band buffers read as placeholders: pickle.loads needs buffers= for them.
    options = () if entry["builtin_only"] else ("--buffer-placeholders",)
    code, out, err = run_brine(brine, "show", path, timeout, options)
    if entry["builtin_only"]:
        results.append(_compare(entry, "show", expected_show(data), code, out, err))
    else:
        ok = code == 0 and out.strip() != b""
        results.append(Result(entry, "show", ok, b"(any output, exit status 0)", out,
                              _describe_exit(code, err)))
    return results


def _compare(entry, check, want, code, out, err):
    """Exact output with exit status 0, or exit status 1 when CPython rejects the pickle."""
    if want is None:
        return Result(entry, check, code == 1, b"(exit status 1: CPython rejects this pickle)",
                      out, "exit status %s; stderr: %s" % (
                          code, err.decode("utf-8", "replace").strip()[:500]))
    return Result(entry, check, code == 0 and out == want, want, out, _describe_exit(code, err))


def _describe_exit(code, err):
    if code == 0:
        return ""
    what = "timed out" if code is None else "exit status %d" % code
    return "%s; stderr: %s" % (what, err.decode("utf-8", "replace").strip()[:500])


def in_sample(entry, sample):
    """True for one case in `sample`, the same ones on every run."""
    return zlib.crc32(entry["file"].encode("utf-8")) % sample == 0


def verify_oracle(directory, manifest, count):
    """Checks expected_dis() against the real `python3 -m pickletools` on a few files."""
    samples = [e for e in manifest if e["name"].startswith(("str/cjk", "str/emoji", "recursive/",
                                                            "py2/"))][:count]
    for entry in samples:
        path = os.path.join(directory, entry["file"])
        real = subprocess.run([sys.executable, "-m", "pickletools", path], capture_output=True,
                              check=True).stdout
        with open(path, "rb") as f:
            if real != expected_dis(f.read()):  # samples are valid pickles
                raise RuntimeError("in-process pickletools differs from `python3 -m pickletools` "
                                   "on %s" % entry["file"])


def _clip(line, limit=160):
    return line if len(line) <= limit else line[:limit] + "... (%d chars)" % len(line)


def _show_difference(result):
    """Readable difference between expected and actual output of one failed check."""
    lines = []
    if result.detail:
        lines.append("  brine: " + result.detail)
    want = result.expected.decode("utf-8", "replace")
    got = result.actual.decode("utf-8", "replace")
    if result.check == "dis" or "\n" in want.rstrip("\n") or "\n" in got.rstrip("\n"):
        diff = difflib.unified_diff(want.splitlines(), got.splitlines(), "expected (pickletools)",
                                    "brine", lineterm="", n=1)
        for number, line in enumerate(diff):
            if number == 30:
                lines.append("  ... (diff truncated)")
                break
            lines.append("  " + _clip(line))
    else:
        start = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b),
                     min(len(want), len(got)))
        begin = max(0, start - 60)
        lines.append("  first difference at character %d" % start)
        lines.append("  expected: " + _clip(repr(want[begin:start + 100])))
        lines.append("  brine:    " + _clip(repr(got[begin:start + 100])))
    return "\n".join(lines)


def _pick_examples(failures, count):
    """Up to `count` failures, the first of each (category, check) before any repeat."""
    firsts, rest, seen = [], [], set()
    for result in failures:
        key = (result.entry["category"], result.check)
        (rest if key in seen else firsts).append(result)
        seen.add(key)
    return (firsts + rest)[:count]


def main():
    _reexec_with_fixed_hash_seed()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brine", required=True, help="path of the brine binary")
    parser.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2) * 2,
                        help="brine processes run at once")
    parser.add_argument("--diffs", type=int, default=8,
                        help="failures shown in full, one per category and check first")
    parser.add_argument("--filter", default="", help="only cases whose name matches this regex")
    parser.add_argument("--sample", type=int, default=1, help="check one case in N (by file name)")
    parser.add_argument("--keep", help="write the pickles here and keep them")
    parser.add_argument("--timeout", type=int, default=30, help="seconds per brine run")
    args = parser.parse_args()

    sys.path.insert(0, HERE)
    import cases  # noqa: E402  (path set above)

    brine = os.path.abspath(args.brine)
    scratch = None
    if args.keep:
        directory = args.keep
    else:
        scratch = tempfile.TemporaryDirectory(prefix="brine_conformance_",
                                              dir=os.environ.get("TEST_TMPDIR"))
        directory = scratch.name
    manifest = cases.write_pickles(directory)
    verify_oracle(directory, manifest, count=6)
    selected = [e for e in manifest if re.search(args.filter, e["name"]) and in_sample(e, args.sample)]

    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(check_file, brine, directory, e, args.timeout) for e in selected]
        for future in futures:
            results.extend(future.result())

    by_category = collections.OrderedDict()
    for result in results:
        counts = by_category.setdefault(result.entry["category"], collections.Counter())
        counts["%s_%s" % (result.check, "pass" if result.ok else "fail")] += 1
    print("category      dis pass/fail   show pass/fail")
    for category, counts in by_category.items():
        print("%-12s %6d / %-6d %6d / %-6d" % (category, counts["dis_pass"], counts["dis_fail"],
                                               counts["show_pass"], counts["show_fail"]))

    failures = [r for r in results if not r.ok]
    if failures:
        print("\nFirst %d of %d failures (pickles in %s%s):" % (
            min(args.diffs, len(failures)), len(failures), directory,
            "" if args.keep else ", deleted on exit; use --keep DIR to keep them"))
        for result in _pick_examples(failures, args.diffs):
            entry = result.entry
            protocol = "" if entry["protocol"] is None else " protocol %d" % entry["protocol"]
            print("\nFAIL %s %s%s (%s)" % (result.check, entry["name"], protocol, entry["file"]))
            print(_show_difference(result))
        print("\nFailed checks by category:")
        failed_names = collections.OrderedDict()
        for result in failures:
            names = failed_names.setdefault(result.entry["category"], [])
            label = "%s %s" % (result.check, result.entry["name"].split("/", 1)[1])
            if label not in names:
                names.append(label)
        for category, names in failed_names.items():
            more = " (+%d more)" % (len(names) - 12) if len(names) > 12 else ""
            print("  %s: %s%s" % (category, ", ".join(names[:12]), more))

    passed = len(results) - len(failures)
    print("\n%d passed, %d failed" % (passed, len(failures)))
    if scratch:
        scratch.cleanup()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
