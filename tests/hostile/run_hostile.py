"""Runs every brine command on every hostile input of cases.py, each in a
process limited to 1 GiB of address space (RLIMIT_AS) and a wall-clock time
limit, and checks that each ends cleanly: exit status 0 (or scan's 3 and 4), or 1
with one line `brine COMMAND: message` on standard error that, for a decode
error, names the opcode and offset. A signal (std::bad_alloc's abort, a
segfault) or a run past the time limit fails the suite.

Usage: run_hostile.py --brine PATH [--jobs N] [--time-limit SECONDS]
                      [--memory-limit BYTES] [--only SUBSTRING]
Prints the slowest runs and the largest peak memory seen.
"""

import argparse
import concurrent.futures
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases  # noqa: E402

# The commands, with their operands after the input file.
COMMANDS = {
    "dis": [],
    "show": [],
    "json": [],
    "scan": [],
    "transcode": ["OUT"],
    "optimize": ["OUT"],
}
# Exit statuses that mean a clean end.
CLEAN_EXITS = {"scan": {0, 1, 3, 4}}  # scan: 3 dangerous, 4 names to review
# A decode error reads "NAME at offset N: ..." or "at offset N: ...".
OFFSET_PATTERN = re.compile(r"at offset \d+")


def limit_memory(max_bytes):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    return apply


def sanitizer_needs_address_space(brine, memory_limit):
    """True for a sanitized build (--config=asan), which reserves terabytes of
    address space and cannot start under RLIMIT_AS: such a build is run with
    the time limit only."""
    limited = subprocess.run([brine, "--help"], capture_output=True, preexec_fn=limit_memory(memory_limit))
    if limited.returncode == 0:
        return False
    unlimited = subprocess.run([brine, "--help"], capture_output=True)
    return unlimited.returncode == 0 and b"Sanitizer" in limited.stderr


def run_one(brine, command, path, scratch, time_limit, memory_limit):
    """Runs one command; returns (exit status or -signal, stderr, seconds, peak KiB, timed out)."""
    argv = [brine, command, path] + [os.path.join(scratch, f"{command}.out") for _ in COMMANDS[command]]
    with tempfile.TemporaryFile() as stderr:
        start = time.monotonic()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr,
                                   preexec_fn=limit_memory(memory_limit) if memory_limit else None)
        deadline = start + time_limit
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid != 0:
                break
            if time.monotonic() > deadline:
                process.send_signal(signal.SIGKILL)
                timed_out = True
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.002)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped above
        seconds = time.monotonic() - start
        stderr.seek(0)
        text = stderr.read().decode("utf-8", "replace")
    return process.returncode, text, seconds, usage.ru_maxrss, timed_out


def check(name, command, expect_offset, result):
    """The problems with one run, as a list of messages."""
    code, stderr, seconds, peak_kib, timed_out = result
    where = f"{name}: brine {command}"
    if timed_out:
        return [f"{where}: still running after {seconds:.1f} s (killed)"]
    if code < 0:
        return [f"{where}: killed by signal {-code}; stderr: {stderr[-500:]!r}"]
    if code not in CLEAN_EXITS.get(command, {0, 1}):
        return [f"{where}: exit status {code}; stderr: {stderr[-500:]!r}"]
    if code == 1:
        lines = stderr.splitlines()
        if len(lines) != 1 or not lines[0].startswith(f"brine {command}: ") or len(lines[0]) <= len(command) + 8:
            return [f"{where}: exit status 1 without a one-line message: {stderr[-500:]!r}"]
        if expect_offset and not OFFSET_PATTERN.search(lines[0]):
            return [f"{where}: error names no offset: {lines[0][:300]!r}"]
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--brine", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    # Generous for unoptimized and sanitized builds on a loaded machine; an
    # optimized build ends every run within 2 s (docs/PERFORMANCE.md).
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--memory-limit", type=int, default=1 << 30)
    parser.add_argument("--only", default="")
    parser.add_argument("--sample", type=int, default=1,
                        help="run one case in N, chosen by a CRC-32 of its name (the same ones on every run)")
    args = parser.parse_args()
    brine = os.path.abspath(args.brine)
    memory_limit = args.memory_limit
    if sanitizer_needs_address_space(brine, memory_limit):
        print("sanitized build: no address-space limit, time limit only")
        memory_limit = 0
    scratch_root = tempfile.mkdtemp(dir=os.environ.get("TEST_TMPDIR"))

    all_cases = [case for case in cases.all_cases()
                 if args.only in case[0] and zlib.crc32(case[0].encode("utf-8")) % args.sample == 0]
    jobs = []
    for index, (name, data, expect_offset) in enumerate(all_cases):
        scratch = os.path.join(scratch_root, str(index))
        os.mkdir(scratch)
        path = os.path.join(scratch, "input.pkl")
        with open(path, "wb") as f:
            f.write(data)
        for command in COMMANDS:
            jobs.append((name, command, expect_offset, path, scratch))

    problems = []
    timings = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {
            pool.submit(run_one, brine, command, path, scratch, args.time_limit, memory_limit):
                (name, command, expect_offset)
            for name, command, expect_offset, path, scratch in jobs
        }
        for future in concurrent.futures.as_completed(futures):
            name, command, expect_offset = futures[future]
            result = future.result()
            problems += check(name, command, expect_offset, result)
            timings.append((result[2], result[3], name, command, result[0]))

    timings.sort(reverse=True)
    print(f"{len(all_cases)} inputs x {len(COMMANDS)} commands = {len(timings)} runs")
    print("slowest runs (seconds, peak RSS MiB, exit status):")
    for seconds, peak_kib, name, command, code in timings[:12]:
        print(f"  {seconds:6.2f} s {peak_kib / 1024:7.1f} MiB  {code:3d}  {command:9s} {name}")
    peak = max(timings, key=lambda t: t[1])
    print(f"largest peak RSS: {peak[1] / 1024:.1f} MiB ({peak[3]} {peak[2]})")
    for problem in problems:
        print("FAIL", problem)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
