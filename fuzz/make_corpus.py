#!/usr/bin/env python3
"""Writes the seed corpus for brine's fuzz targets into a directory.

    python3 fuzz/make_corpus.py OUT_DIR

The corpus is generated, never committed: CPython's pickles of varied values
at protocols 0 to 5 (scalars, containers, shared and recursive structures,
classes, instances, reduce values, extension codes, persistent ids,
out-of-band buffers), pickletools.optimize'd copies, Python 2 style pickles,
and hand-made malformed ones (truncations, bit flips, huge lengths, deep
nesting, memo and stack misuse). The output is the same on every run.
"""

import collections
import copyreg
import datetime
import decimal
import enum
import fractions
import functools
import hashlib
import io
import os
import pickle
import pickletools
import random
import struct
import sys
import uuid


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = [2]


class WithState:
    def __init__(self):
        self.v = {"k": (1, 2)}

    def __getstate__(self):
        return ("custom", self.v)

    def __setstate__(self, state):
        self.v = state[1]


class NewArgs:
    def __new__(cls, *args, **kwargs):
        return super().__new__(cls)

    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs

    def __getnewargs_ex__(self):
        return self.args, self.kwargs


class Color(enum.Enum):
    RED = 1
    GREEN = "g"


class MyList(list):
    pass


class MyDict(dict):
    pass


class Extended:
    pass


def values():
    """(name, value) pairs covering every kind the codec handles."""
    shared = [1, "two"]
    rec_list = [1]
    rec_list.append(rec_list)
    rec_dict = {}
    rec_dict["self"] = rec_dict
    rec_tuple_holder = []
    rec_tuple = (rec_tuple_holder,)
    rec_tuple_holder.append(rec_tuple)
    point = Point(1, 2.5)
    point_cycle = Point(None, None)
    point_cycle.x = point_cycle
    my_list = MyList([1, 2])
    my_list.extra = "attr"
    my_dict = MyDict(a=1)
    return [
        ("none", None),
        ("true", True),
        ("false", False),
        ("int_small", 7),
        ("int_byte", 255),
        ("int_short", 65535),
        ("int_neg", -1),
        ("int_32", 2**31 - 1),
        ("int_neg32", -(2**31)),
        ("int_64", 2**63 - 1),
        ("int_big", 2**64 + 12345),
        ("int_negbig", -(2**100)),
        ("int_huge", 7**2000),
        ("float", 1.5),
        ("float_neg_zero", -0.0),
        ("float_inf", float("inf")),
        ("float_nan", float("nan")),
        ("float_tiny", 5e-324),
        ("complex", complex(1, -2.5)),
        ("str_empty", ""),
        ("str_ascii", "hello"),
        ("str_unicode", "h\u00e9llo \u4e16\u754c \U0001f600"),
        ("str_escapes", "a\\b\nc\r\x00\x7f'\""),
        ("str_surrogate", "\udcff\ud800x"),
        ("str_long", "x" * 300),
        ("bytes_empty", b""),
        ("bytes", b"\x00\x01\xff'\"abc"),
        ("bytes_long", bytes(range(256)) * 2),
        ("bytearray", bytearray(b"ba\x00")),
        ("tuple0", ()),
        ("tuple1", (1,)),
        ("tuple2", (1, "a")),
        ("tuple3", (1, 2, 3)),
        ("tuple5", (1, 2, 3, 4, 5)),
        ("list_empty", []),
        ("list", [1, "a", None, 2.0]),
        ("list_batches", list(range(2500))),
        ("dict_empty", {}),
        ("dict", {"a": 1, 2: "b", (1, 2): [3]}),
        ("dict_batches", {i: str(i) for i in range(1200)}),
        ("set", {1, "a", (2, 3)}),
        ("set_batches", set(range(1100))),
        ("frozenset", frozenset({1, 2, frozenset({3})})),
        ("nested", {"l": [{"t": (1, [2, {3: 4}])}], "s": {5}}),
        ("shared", [shared, shared, (shared,)]),
        ("rec_list", rec_list),
        ("rec_dict", rec_dict),
        ("rec_tuple", rec_tuple),
        ("global_class", collections.OrderedDict),
        ("global_function", functools.reduce),
        ("global_builtin", len),
        ("ordered_dict", collections.OrderedDict([("a", 1), ("b", [2])])),
        ("defaultdict", collections.defaultdict(list, {"k": [1]})),
        ("deque", collections.deque([1, 2, 3])),
        ("counter", collections.Counter("abracadabra")),
        ("date", datetime.date(2024, 2, 29)),
        ("datetime", datetime.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc)),
        ("timedelta", datetime.timedelta(days=-1, seconds=5)),
        ("decimal", decimal.Decimal("-1.25E+10")),
        ("fraction", fractions.Fraction(3, 7)),
        ("uuid", uuid.UUID(int=0x1234567890ABCDEF)),
        ("range", range(1, 10, 3)),
        ("slice", slice(1, None, 2)),
        ("enum", [Color.RED, Color.GREEN]),
        ("instance", point),
        ("instance_cycle", point_cycle),
        ("instance_slots", Slotted()),
        ("instance_state", WithState()),
        ("instance_newargs_ex", NewArgs(1, k="v")),
        ("list_subclass", my_list),
        ("dict_subclass", my_dict),
        ("bound_method", [1, 2].append),
        ("partial", functools.partial(max, 1, key=abs)),
        ("mixed", [point, point, Color.RED, {"p": point}, b"x", bytearray(b"y")]),
    ]


def extension_pickles():
    """Pickles using EXT1, EXT2 and EXT4 (codes registered for the dump only)."""
    out = []
    for code in (1, 300, 70000):
        copyreg.add_extension(__name__, "Extended", code)
        try:
            for proto in (2, 3, 4, 5):
                out.append((f"ext{code}_p{proto}", pickle.dumps([Extended, Extended], protocol=proto)))
        finally:
            copyreg.remove_extension(__name__, "Extended", code)
    return out


def persistent_pickles():
    """Pickles with PERSID and BINPERSID."""

    class Persisting(pickle.Pickler):
        def __init__(self, file, protocol):
            super().__init__(file, protocol=protocol)
            self.text_ids = protocol == 0  # PERSID needs a str id

        def persistent_id(self, obj):
            if isinstance(obj, str) and obj.startswith("ref:"):
                return obj[4:] if self.text_ids else ("ref", obj[4:])
            return None

    out = []
    for proto in range(6):
        buf = io.BytesIO()
        Persisting(buf, proto).dump(["ref:one", "plain", {"k": "ref:two"}])
        out.append((f"persid_p{proto}", buf.getvalue()))
    return out


def buffer_pickles():
    """Protocol 5 pickles with in-band and out-of-band PickleBuffers."""
    data = [pickle.PickleBuffer(b"readonly"), pickle.PickleBuffer(bytearray(b"writable"))]
    buffers = []
    return [
        ("buffers_inband_p5", pickle.dumps(data, protocol=5)),
        ("buffers_oob_p5", pickle.dumps(data, protocol=5, buffer_callback=buffers.append)),
    ]


def python2_pickles():
    """Pickles as Python 2 wrote them: STRING, BINSTRING, __builtin__ names, INST."""
    return [
        ("py2_string", b"S'abc\\x00\\n'\np0\n."),
        ("py2_string_dq", b'S"it\'s"\np0\n.'),
        ("py2_binstring", b"T\x03\x00\x00\x00abc."),
        ("py2_short_binstring_latin1", b"U\x02\xe9\xff."),
        ("py2_set", b"c__builtin__\nset\np0\n((lp1\nI1\naI2\natp2\nRp3\n."),
        ("py2_inst", b"(i__main__\nPoint\np0\n(dp1\nS'x'\np2\nI1\nsb."),
        ("py2_obj", b"(c__main__\nPoint\np0\no}b."),
        ("py2_long", b"L12345678901234567890L\n."),
        ("py2_int_bool", b"(I01\nI00\nt."),
        ("py2_unicode", b"Vh\\u00e9\\U0001f600\n."),
        ("py2_copy_reg", b"ccopy_reg\n_reconstructor\n(c__main__\nPoint\nc__builtin__\nobject\nNtR}b."),
        ("py2_float", b"F1.5e+300\n."),
        ("py2_dict_items", b"(dI1\nS'a'\nsI2\nS'b'\ns."),
    ]


def malformed_pickles():
    """Hand-made pickles that are wrong or hostile in one specific way."""
    return [
        ("bad_empty", b""),
        ("bad_no_stop", b"\x80\x04K\x01"),
        ("bad_stop_empty_stack", b"."),
        ("bad_unknown_opcode", b"\x80\x04\xff."),
        ("bad_proto_99", b"\x80\x63N."),
        ("bad_binunicode_huge", b"X\xff\xff\xff\x7fabc."),
        ("bad_binunicode8_huge", b"\x8d" + struct.pack("<Q", 2**63) + b"x."),
        ("bad_binbytes8_huge", b"\x8e" + struct.pack("<Q", 2**64 - 1) + b"x."),
        ("bad_frame_huge", b"\x80\x04\x95" + struct.pack("<Q", 2**62) + b"N."),
        ("bad_frame_short", b"\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00N."),
        ("bad_long4_huge", b"\x8b\xff\xff\xff\x7f\x00."),
        ("bad_long4_negative_len", b"\x8b\xff\xff\xff\xff."),
        ("bad_get_missing", b"\x80\x04h\x05."),
        ("bad_get_text", b"g99\n."),
        ("bad_put_empty_stack", b"p0\n."),
        ("bad_put_huge_key", b"Np99999999999999999999\n."),
        ("bad_long_binput_huge", b"Nr\xff\xff\xff\xff."),
        ("bad_memoize_empty", b"\x80\x04\x94."),
        ("bad_append_no_list", b"K\x01K\x02a."),
        ("bad_appends_no_mark", b"]K\x01e."),
        ("bad_setitem_on_list", b"]K\x01K\x02s."),
        ("bad_setitems_odd", b"}(K\x01u."),
        ("bad_tuple_no_mark", b"K\x01t."),
        ("bad_tuple3_short", b"K\x01\x87."),
        ("bad_pop_empty", b"0."),
        ("bad_pop_mark_empty", b"1."),
        ("bad_dup_empty", b"2."),
        ("bad_build_empty", b"}b."),
        ("bad_reduce_no_args", b"cbuiltins\nlen\nR."),
        ("bad_reduce_args_not_tuple", b"cbuiltins\nlen\nK\x01R."),
        ("bad_newobj_not_tuple", b"\x80\x02cm\nC\nK\x01\x81."),
        ("bad_stack_global_not_str", b"\x80\x04K\x01K\x02\x93."),
        ("bad_global_no_newline", b"cbuiltins"),
        ("bad_global_one_line", b"cbuiltins\n"),
        ("bad_ext_unregistered", b"\x80\x02\x82\x07."),
        ("bad_ext4_zero", b"\x80\x02\x84\x00\x00\x00\x00."),
        ("bad_int_text", b"I12x\n."),
        ("bad_int_too_long", b"I" + b"9" * 5000 + b"\n."),
        ("bad_long_text", b"L12a3L\n."),
        ("bad_float_text", b"Fnot_a_float\n."),
        ("bad_string_unquoted", b"Sabc\n."),
        ("bad_string_bad_escape", b"S'\\x4'\n."),
        ("bad_unicode_bad_escape", b"V\\u12\n."),
        ("bad_binunicode_bad_utf8", b"X\x02\x00\x00\x00\xc3\x28."),
        ("bad_short_binunicode_lone_surrogate", b"\x8c\x03\xed\xa0\x80."),
        ("bad_dict_unhashable_key", b"}]K\x01s."),
        ("bad_set_unhashable", b"\x8f(]\x90."),
        ("bad_frozenset_no_mark", b"\x91."),
        ("bad_next_buffer_none", b"\x80\x05\x97."),
        ("bad_readonly_buffer_empty", b"\x80\x05\x98."),
        ("bad_leftover_stack", b"K\x01K\x02."),
        ("bad_leftover_mark", b"(K\x01."),
        ("bad_persid_no_newline", b"Pabc"),
        ("bad_binpersid_empty", b"Q."),
        ("bad_obj_no_class", b"(o."),
        ("bad_inst_missing_name", b"(imod\n"),
        ("bad_newobj_ex_kwargs_list", b"\x80\x04cm\nC\n)]\x92."),
        ("bad_build_on_int", b"K\x01}b."),
        ("bad_additems_on_list", b"](K\x01\x90."),
        ("deep_marks", b"(" * 3000 + b"N."),
        ("deep_lists", b"]" * 10000 + b"a" * 9999 + b"."),
        ("deep_empty_lists_append", b"\x80\x02" + b"]" * 5000 + b"a" * 4999 + b"."),
        ("deep_tuples", b"N" + b"\x85" * 10000 + b"."),
        ("deep_dicts", b"}" + b"K\x01}" * 3000 + b"s" * 3000 + b"."),
        ("wide_tuple", b"(" + b"N" * 20000 + b"t."),
        ("many_memo", b"N" + b"\x94" * 70000 + b"."),
        ("memo_sparse_keys", b"Nr\x00\x00\x00\x10Nr\xff\xff\xff\x0f0."),
        ("dup_bomb", b"]" + b"2" * 100000 + b"."),
        ("shared_dag_repr_bomb", dag_bomb(40)),
        ("after_stop_garbage", b"N.\xff\xff\xff"),
    ]


def dag_bomb(levels):
    """[[[None, None], [None, None]], ...] `levels` deep, each level two
    references to the one below: a few bytes per level, but a tree of
    2**levels leaves when printed."""
    out = bytearray(b"\x80\x04N\x940")  # None is memo 0
    for i in range(levels):  # level i is memo i + 1
        out += b"](h" + bytes([i]) + b"h" + bytes([i]) + b"e\x940"
    return bytes(out + b"h" + bytes([levels]) + b".")


def mutate(data, rng, count):
    """`count` bit-flipped and byte-replaced copies of `data`."""
    out = []
    for _ in range(count):
        b = bytearray(data)
        if not b:
            break
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(b))
            if rng.random() < 0.5:
                b[i] ^= 1 << rng.randrange(8)
            else:
                b[i] = rng.randrange(256)
        out.append(bytes(b))
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_corpus.py OUT_DIR")
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(20240229)
    entries = []
    for name, value in values():
        for proto in range(6):
            try:
                data = pickle.dumps(value, protocol=proto)
            except (pickle.PicklingError, TypeError, AttributeError):
                continue
            entries.append((f"{name}_p{proto}", data))
            if proto in (0, 2, 4):
                entries.append((f"{name}_p{proto}_optimized", pickletools.optimize(data)))
    entries += extension_pickles()
    entries += persistent_pickles()
    entries += buffer_pickles()
    entries += python2_pickles()
    entries += malformed_pickles()

    derived = []
    for name, data in entries:
        if len(data) > 4 and rng.random() < 0.3:
            cut = rng.randrange(1, len(data))
            derived.append((f"{name}_cut{cut}", data[:cut]))
        if len(data) < 4096 and rng.random() < 0.3:
            for i, m in enumerate(mutate(data, rng, 2)):
                derived.append((f"{name}_mut{i}", m))
    entries += derived

    seen = set()
    for name, data in entries:
        digest = hashlib.sha1(data).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
    print(f"wrote {len(seen)} files to {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
