#!/usr/bin/env python3
"""Writes the benchmark data sets: pickles of realistic data at protocols 2..5.

    python3 benchmarks/data/make_datasets.py --out /tmp/brine_bench_data
    python3 benchmarks/data/make_datasets.py --out DIR --small   # tiny, for smoke tests

Each data set is pickled with CPython's own pickler (pickle.dumps) at every
requested protocol into `<name>.p<protocol>.pkl`, and `manifest.tsv` lists
them (name, protocol, file, size in bytes, item count, description) for the
C++ benchmarks and benchmarks/compare_cpython.py.

The `bm_*` sets follow the shapes of pyperformance's bm_pickle benchmark (a
flat user-profile dict, a tuple holding a list of ids, a list of three
profile dicts whose values were replaced by strings of random numbers); the
others stress one thing each: many ints, many floats, many short strings, one
huge binary payload, many small containers, and a graph with heavy sharing.

Everything is seeded, so two runs write the same bytes.
"""

import argparse
import array
import datetime
import math
import os
import pickle
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_types  # noqa: E402  (found beside this script)

PROTOCOLS = (2, 3, 4, 5)


def profile_dict():
    """A user record with the mix of bm_pickle's DICT: 33 str keys, small and
    large ints, short and empty strings, a date and a list of one-letter tags."""
    return {
        "account_flags": 0,
        "age": 34,
        "born_on": datetime.date(1990, 11, 23),
        "posts_count": 0,
        "replies_count": 0,
        "region": "DE",
        "public_token": "Qk3vTTa9rLm",
        "likes_count": 12,
        "given_name": "",
        "feature_bits": 733091234117,
        "followers_count": 0,
        "pronoun": "f",
        "pronoun_label": "Female",
        "user_id": 518233907,
        "has_custom_avatar": 0,
        "family_name": "",
        "language": "de_DE",
        "is_member": 0,
        "labels": ["p", "q", "r", "s", "t", "u", "v"],
        "legacy_ref": 604417725,
        "private_token": "M_aab7cKz2u9WRfhsLqe3A",
        "visit_number": 3,
        "signup_code": "417-55102-908",
        "state": "B",
        "color_scheme": 2,
        "created_at": 1301429553,
        "updated_at": 1317790021,
        "inbox_unread": 0,
        "group_name": "7",
        "handle": "hilde_k",
        "plays": 4,
        "views": 11,
        "postal_code": "",
    }


def mutated_copy(record, rng):
    """bm_pickle's DICT_GROUP member: every value becomes str(random float),
    so the group is all str -> str."""
    return {key: str(rng.random() * sys.maxsize) for key in record}


def bm_dict(scale):
    return profile_dict()


def bm_tuple(scale):
    rng = random.Random(11)
    ids = [rng.randrange(265_000_000, 267_000_000) for _ in range(19)]
    ids.insert(11, 45_526_486 + rng.randrange(1000))
    return (ids, 60)


def bm_dict_group(scale):
    rng = random.Random(5)
    record = profile_dict()
    return [mutated_copy(record, rng) for _ in range(3)]


def ints(scale):
    """Ints of every width the binary protocols distinguish: BININT1 (<256),
    BININT2 (<65536), BININT (signed 32-bit), LONG1 (up to 2**62)."""
    rng = random.Random(1)
    out = []
    for _ in range(max(1, 1_000_000 // scale)):
        r = rng.random()
        if r < 0.4:
            out.append(rng.randrange(256))
        elif r < 0.7:
            out.append(rng.randrange(256, 65536))
        elif r < 0.9:
            out.append(rng.randrange(-2**31, 2**31))
        else:
            out.append(rng.randrange(-2**62, 2**62))
    return out


def floats(scale):
    rng = random.Random(2)
    return [rng.gauss(0.0, 1e3) for _ in range(max(1, 1_000_000 // scale))]


def str_dict(scale):
    """100k str -> str entries: ASCII keys, values 3..40 characters with some
    non-ASCII text (two- and three-byte UTF-8)."""
    rng = random.Random(3)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 -_"
    accents = "äöüßéèçñ€→日本語"
    out = {}
    for i in range(max(1, 100_000 // scale)):
        length = rng.randrange(3, 41)
        chars = [rng.choice(alphabet) for _ in range(length)]
        if rng.random() < 0.2:
            chars[rng.randrange(length)] = rng.choice(accents)
        out["key:%06d:%s" % (i, rng.choice(("user", "item", "order", "sess")))] = "".join(chars)
    return out


def bytes_payload(scale):
    """What a 50 MiB float64 array looks like once a library has reduced it to
    plain data: a small header dict beside one large bytes object."""
    count = max(16, (50 * 1024 * 1024 // 8) // scale)
    samples = array.array("d", (math.sin(i * 1e-3) * 1e3 for i in range(count)))
    if sys.byteorder != "little":
        samples.byteswap()
    return {
        "dtype": "<f8",
        "shape": (count,),
        "fortran_order": False,
        "data": samples.tobytes(),
    }


def nested_tuples(scale):
    """25,000 rows, each a list of 20 small (int, int, float) tuples."""
    rows = max(1, 25_000 // scale)
    return [[(row, col, row * 0.5 + col) for col in range(20)] for row in range(rows)]


def shared_graph(scale):
    """50,000 node dicts; each points back at up to four earlier nodes, at the
    root (a cycle), and at shared label strings and a shared tag tuple; an
    index dict groups the same nodes again. Edges only go to earlier nodes, so
    the pickler's recursion stays shallow while the memo works hard."""
    rng = random.Random(4)
    labels = ["label-%02d" % i for i in range(64)]
    shared_tags = ("hot", "cold", "warm")
    root = {"name": "graph", "nodes": [], "by_label": {}}
    nodes = root["nodes"]
    for i in range(max(2, 50_000 // scale)):
        label = labels[i % len(labels)]
        edges = [nodes[rng.randrange(i)] for _ in range(min(i, rng.randrange(5)))]
        node = {"id": i, "label": label, "tags": shared_tags, "edges": edges, "graph": root}
        nodes.append(node)
        root["by_label"].setdefault(label, []).append(node)
    return root


def instances(scale):
    """100,000 instances of a plain class, each NEWOBJ + BUILD of a 4-entry
    `__dict__` (the attribute names are memoized after the first)."""
    rng = random.Random(6)
    kinds = ("alpha", "beta", "gamma")
    return [bench_types.Record(i, "rec%d" % i, rng.random(), kinds[i % 3])
            for i in range(max(1, 100_000 // scale))]


def method_tasks(scale):
    """10,000 (bound method, args) tasks, what a process pool is handed:
    each method is `getattr(worker, name)` on one of 50 shared workers."""
    rng = random.Random(7)
    workers = [bench_types.Worker("w%02d" % i) for i in range(50)]
    tasks = []
    for i in range(max(1, 10_000 // scale)):
        worker = workers[rng.randrange(len(workers))]
        method = worker.process if rng.random() < 0.8 else worker.skip
        tasks.append((method, (i, rng.random())))
    return tasks


DATASETS = (
    ("bm_dict", bm_dict, "pyperformance bm_pickle DICT shape: one 33-key profile dict"),
    ("bm_tuple", bm_tuple, "pyperformance bm_pickle TUPLE shape: ([20 ids], 60)"),
    ("bm_dict_group", bm_dict_group, "pyperformance bm_pickle DICT_GROUP shape: 3 str->str profile dicts"),
    ("ints", ints, "list of 1M ints, 8-bit to 63-bit"),
    ("floats", floats, "list of 1M floats"),
    ("str_dict", str_dict, "dict of 100k str -> str"),
    ("bytes_50m", bytes_payload, "50 MiB float64 bytes payload with a small header dict"),
    ("nested_tuples", nested_tuples, "25k lists of 20 (int, int, float) tuples"),
    ("shared_graph", shared_graph, "50k node dicts, shared edges/strings, cycles to the root"),
    ("instances", instances, "100k instances of a plain class (NEWOBJ + BUILD)"),
    ("method_tasks", method_tasks, "10k (bound method, args) tasks on 50 shared workers"),
)


def count_items(obj):
    """Counts values the way a decoder produces them: every element reference
    counts once; a container reached again (shared) is not entered twice. An
    instance counts with its `__dict__`; a bound method with its object and
    name."""
    seen = set()
    count = 0
    stack = [obj]
    while stack:
        current = stack.pop()
        count += 1
        if isinstance(current, (list, tuple, dict, bench_types.Record, bench_types.Worker)):
            if id(current) in seen:
                continue
            seen.add(id(current))
            if hasattr(current, "__dict__"):
                stack.append(current.__dict__)
            elif isinstance(current, dict):
                for key, value in current.items():
                    stack.append(key)
                    stack.append(value)
            else:
                stack.extend(current)
        elif hasattr(current, "__self__"):
            stack.extend((current.__self__, current.__name__))
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="directory to write into (created)")
    parser.add_argument("--protocols", default=",".join(map(str, PROTOCOLS)),
                        help="comma-separated protocols (default 2,3,4,5)")
    parser.add_argument("--only", default="", help="comma-separated data set names")
    parser.add_argument("--small", action="store_true",
                        help="sizes divided by 1000 (a few KiB each), for smoke tests")
    args = parser.parse_args()

    protocols = [int(p) for p in args.protocols.split(",")]
    wanted = set(filter(None, args.only.split(",")))
    scale = 1000 if args.small else 1
    os.makedirs(args.out, exist_ok=True)

    rows = []
    for name, make, description in DATASETS:
        if wanted and name not in wanted:
            continue
        obj = make(scale)
        items = count_items(obj)
        for protocol in protocols:
            data = pickle.dumps(obj, protocol)
            file_name = "%s.p%d.pkl" % (name, protocol)
            with open(os.path.join(args.out, file_name), "wb") as f:
                f.write(data)
            rows.append((name, protocol, file_name, len(data), items, description))
            print("%-32s %12d bytes %9d items" % (file_name, len(data), items))

    with open(os.path.join(args.out, "manifest.tsv"), "w") as f:
        f.write("name\tprotocol\tfile\tbytes\titems\tdescription\n")
        for row in rows:
            f.write("\t".join(map(str, row)) + "\n")


if __name__ == "__main__":
    main()
