"""The conformance cases: Python values, and hand-written pickles, that brine must read
exactly as CPython 3.11 does.

Two kinds of case:

* iter_cases() yields Case(name, value, builtin_only, protocols): a Python value
  that is pickled with CPython's own pickle.dumps at each protocol listed, at
  test time (no pickle bytes are stored in the repository).
* iter_raw_pickles() yields RawPickle(name, data, builtin_only): pickle bytes
  written by hand in the forms Python 2 and old picklers produced (STRING,
  BINSTRING, INST, OBJ, __builtin__ and copy_reg names, text INT/LONG/FLOAT),
  which CPython 3 no longer writes but still reads. They are decode-only.
* iter_quirk_pickles(), iter_deep_pickles(), iter_opaque_pickles() and
  iter_invalid_pickles() yield RawPickles too: odd text forms CPython's C
  unpickler accepts (`I+1` is True), nesting 100,000 deep, persistent ids,
  buffers and unknown modules CPython cannot load alone (brine keeps them as
  nodes), and malformed pickles CPython rejects (truncated, unknown opcode,
  stack underflow...).

A name is "<category>/<detail>". builtin_only is True when the reloaded value
holds only None, bool, int, float, complex, str, bytes, bytearray, tuple, list,
dict, set and frozenset: for those, brine's `show` must print exactly
repr(pickle.loads(data)). Other values (instances of the classes in
fixtures.py, standard-library objects, names of functions and classes) are
checked by `dis` only, and `show` must merely succeed.

Set order. brine prints a set's items in the order the pickle lists them, which
is the iteration order of the set that was pickled. CPython's repr of the
reloaded set uses the reloaded set's iteration order, which can differ when the
hash table grew differently. Hashes of str depend on PYTHONHASHSEED, so cases
are generated with PYTHONHASHSEED=0, and every built-in-only case must satisfy
repr(loads(dumps(value, p))) == repr(value) for each of its protocols; that
makes brine's order and CPython's the same. write_pickles() refuses a case
that breaks this rule (for example a set of 1,500 strings 'k0'..'k1499' does),
so an unstable case fails loudly instead of making the suite flaky. Sets hold
no None (nor tuples holding None): in CPython 3.11 hash(None) is its address,
which changes from run to run whatever the hash seed.

Usage from another test (the encoder's byte-identity test, for example):

    sys.path.insert(0, "tests/conformance")
    import cases
    for case in cases.iter_cases(): ...
    manifest = cases.write_pickles("/tmp/out")   # also writes /tmp/out/manifest.json

The classes in fixtures.py are imported as the top-level module `fixtures`, so
their pickles name `fixtures.Point` and friends; the reader of the pickles must
import them under the same name (this module arranges that).
"""

import collections
import datetime
import decimal
import fractions
import itertools
import json
import math
import os
import pickle
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixtures  # noqa: E402  (needs the path set above)

ALL_PROTOCOLS = (0, 1, 2, 3, 4, 5)

Case = collections.namedtuple("Case", "name value builtin_only protocols")
RawPickle = collections.namedtuple("RawPickle", "name data builtin_only")

_BUILTIN_LEAVES = (type(None), bool, int, float, complex, str, bytes, bytearray)
_BUILTIN_CONTAINERS = (tuple, list, dict, set, frozenset)


def holds_only_builtins(value):
    """True when every object reachable from value has an exact built-in type."""
    seen = set()
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind in _BUILTIN_LEAVES:
            continue
        if kind not in _BUILTIN_CONTAINERS:
            return False
        if id(item) in seen:
            continue
        seen.add(id(item))
        if kind is dict:
            pending.extend(item.keys())
            pending.extend(item.values())
        else:
            pending.extend(item)
    return True


# ---------------------------------------------------------------------------
# Values, one generator per category. Each yields (detail, value) or
# (detail, value, protocols).


def _none_bool():
    yield "none", None
    yield "true", True
    yield "false", False


def _ints():
    # Opcode boundaries: BININT1 (0..255), BININT2 (..65535), BININT (signed
    # 32 bits), protocol 0 INT vs LONG (signed 32 bits), LONG1 up to 255
    # bytes, LONG4 beyond.
    points = [0, 1, 2, 100, 127, 128, 255, 256, 257, 32767, 32768, 65535, 65536, 65537,
              2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**53, 2**53 + 1, 2**62,
              2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**64 + 1, 2**100, 2**127 - 1, 2**128]
    for n in points:
        yield "%d" % n, n
        if n:
            yield "-%d" % n, -n
    yield "neg_2**31-1", -2**31 - 1
    long1_max_bits = 8 * 255 - 1
    yield "long1_largest", 2**long1_max_bits - 1
    yield "long4_smallest", 2**long1_max_bits
    yield "long1_most_negative", -2**long1_max_bits
    yield "long4_least_negative", -2**long1_max_bits - 1
    yield "10**100", 10**100
    yield "10**1000+1", 10**1000 + 1
    yield "-3**2000", -3**2000
    yield "2**13000", 2**13000
    yield "4000_nines", 10**4000 - 1
    yield "-4000_digits", -(10**3999 + 12345)
    yield "0xff_repeated", int("ff" * 300, 16)


def _floats():
    values = {
        "0.0": 0.0, "-0.0": -0.0, "1.0": 1.0, "-1.0": -1.0, "0.5": 0.5, "0.1": 0.1,
        "0.1+0.2": 0.1 + 0.2, "1/3": 1 / 3, "2/3": 2 / 3, "-1.5": -1.5, "100.0": 100.0,
        "pi": math.pi, "e": math.e, "1e15": 1e15, "1e16": 1e16, "1e16-2": 9999999999999998.0,
        "1e17": 1e17, "1e22": 1e22, "1e23": 1e23, "1e100": 1e100, "1e-4": 1e-4, "1e-5": 1e-5,
        "1.5e-5": 1.5e-5, "1e-100": 1e-100, "2**53": 2.0**53, "2**53+2": 2.0**53 + 2,
        "2**63": 2.0**63, "2**64": 2.0**64, "2**1023": 2.0**1023, "max": sys.float_info.max,
        "-max": -sys.float_info.max, "min_normal": sys.float_info.min,
        "max_subnormal": 2.225073858507201e-308, "min_subnormal": 5e-324,
        "-min_subnormal": -5e-324, "3*min_subnormal": 1.5e-323, "epsilon": sys.float_info.epsilon,
        "inf": math.inf, "-inf": -math.inf, "nan": math.nan, "-nan": -math.nan,
        "123456789.123": 123456789.123, "12345678901234567890.0": 12345678901234567890.0,
        "0.000123456789": 0.000123456789, "1.7976931348623157e+308": 1.7976931348623157e308,
        "4.35": 4.35, "9.95": 9.95, "1e21": 1e21, "1.2345e-7": 1.2345e-7,
    }
    yield from values.items()


def _complexes():
    yield "1+2j", 1 + 2j
    yield "0j", 0j
    yield "-0j", complex(0.0, -0.0)
    yield "(-0+0j)", complex(-0.0, 0.0)
    yield "1.5-2.5j", complex(1.5, -2.5)
    yield "1e16j", 1e16j
    yield "inf_nan", complex(math.inf, math.nan)
    yield "-inf_j", complex(0.0, -math.inf)
    yield "tiny", complex(5e-324, -1e-5)
    yield "big", complex(1e300, 2.0**53)


def _strs():
    yield "empty", ""
    yield "ascii", "hello, world"
    yield "digits", "12345"
    yield "space", " "
    for code in list(range(32)) + [127]:
        yield "control_%02x" % code, chr(code)
    yield "all_c0_controls", "".join(chr(c) for c in range(32)) + "\x7f"
    yield "c1_controls", "".join(chr(c) for c in range(0x80, 0xa0))
    yield "printable_ascii", "".join(chr(c) for c in range(32, 127))
    yield "single_quote", "it's"
    yield "double_quote", 'say "hi"'
    yield "both_quotes", "it's \"quoted\""
    yield "only_single_quote", "'"
    yield "only_double_quote", '"'
    yield "backslashes", "C:\\path\\to\\file \\n \\\\"
    yield "backslash_u", "\\u00e9 \\U0001F600 \\x41"
    yield "newlines", "line1\nline2\r\nline3\r"
    yield "sub_char", "a\x1ab"
    yield "latin1", "caf\xe9 na\xefve \xff\xa9\xae"
    yield "latin1_all", "".join(chr(c) for c in range(0xa0, 0x100))
    yield "nbsp_and_soft_hyphen", "a\xa0b\xadc"
    yield "cjk", "\u65e5\u672c\u8a9e \u4e2d\u6587 \ud55c\uad6d\uc5b4"
    yield "emoji", "\U0001f600\U0001f389\U0001f44d\U0001f3fd"
    yield "combining", "e\u0301 a\u0308"
    yield "rtl", "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627"
    yield "line_separators", "a\u2028b\u2029c\x85d"
    yield "zero_width_and_bom", "\u200b\u200c\u200d\ufeff"
    yield "private_use", "\ue000\U000f0000"
    yield "unassigned", "\u0378\U000e0080"
    yield "tag_chars", "\U000e0001\U000e0041"
    yield "max_code_point", "\U0010ffff"
    yield "replacement_char", "\ufffd"
    yield "noncharacters", "\ufffe\uffff"
    yield "lone_high_surrogate", "\ud800"
    yield "lone_low_surrogate", "\udfff"
    yield "surrogate_pair_as_two_code_points", "\ud83d\ude00"
    yield "surrogates_mixed", "a\udc80b\ud800\udbffc"
    yield "len255_ascii", "a" * 255
    yield "len256_ascii", "b" * 256
    yield "utf8_255_bytes", "\xe9" * 127 + "a"
    yield "utf8_256_bytes", "\xe9" * 128
    yield "len65535", "c" * 65535
    yield "len65536", "d" * 65536
    yield "len65537", "e" * 65537
    yield "100KiB_ascii", "x" * (100 * 1024)
    yield "100KiB_mixed", ("a\xe9\u65e5\U0001f600'\"\\\n" * 11000)[:100 * 1024]
    yield "looks_like_repr", "b'x' 'y' [1, 2]"


def _bytes():
    yield "empty", b""
    yield "ascii", b"hello"
    yield "all_256", bytes(range(256))
    yield "all_256_reversed", bytes(reversed(range(256)))
    yield "single_quote", b"it's"
    yield "double_quote", b'say "hi"'
    yield "both_quotes", b"'\""
    yield "backslash", b"\\"
    yield "tab_newline", b"\t\n\r"
    yield "high_bytes", b"\x80\xff\xfe"
    yield "utf8_of_emoji", "\U0001f600".encode("utf-8")
    yield "len255", b"\x01" * 255
    yield "len256", b"\x02" * 256
    yield "len65536", b"\x03" * 65536
    yield "100KiB", bytes(range(256)) * 400


def _bytearrays():
    yield "empty", bytearray()
    yield "ascii", bytearray(b"hello")
    yield "all_256", bytearray(range(256))
    yield "quotes", bytearray(b"'\"")
    yield "len256", bytearray(b"z" * 256)
    yield "100KiB", bytearray(b"\x00\xff" * 51200)


def _tuples():
    yield "empty", ()
    yield "one", (1,)
    yield "two", (1, "two")
    yield "three", (1, 2.0, "three")
    yield "four", (1, 2, 3, 4)
    yield "five_mixed", (None, True, b"x", [1], {"a": 1})
    yield "nested", ((1, (2, (3, (4, ())))),)
    yield "of_empties", ((), [], {}, "", b"")
    yield "one_of_empty", ((),)
    yield "tuple_in_list", [(1, 2), (3, 4)]
    yield "deep_100", _nest_tuple(100)
    yield "len1000", tuple(range(1000))
    yield "len2500_strs", tuple("s%d" % i for i in range(2500))


def _nest_tuple(depth):
    value = ()
    for level in range(depth):
        value = (level, value)
    return value


def _lists():
    yield "empty", []
    yield "one", [1]
    yield "mixed", [None, True, False, 0, 1.5, "s", b"b", (), [], {}]
    yield "nested", [[1, [2, [3, []]]]]
    yield "len999", list(range(999))
    yield "len1000", list(range(1000))
    yield "len1001", list(range(1001))
    yield "len2500", list(range(2500))
    yield "len2500_strs", ["item%d" % i for i in range(2500)]
    yield "len1001_of_lists", [[i] for i in range(1001)]
    yield "negative_ints", [-1, -255, -256, -65536, -2**31, -2**63]
    yield "floats", [0.0, -0.0, math.inf, math.nan, 1e-5]
    yield "deep_200", _nest_list(200)


def _nest_list(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


def _dicts():
    yield "empty", {}
    yield "one", {"a": 1}
    yield "str_keys_unsorted", {"zeta": 1, "alpha": 2, "mid": 3, "": 4}
    yield "int_keys", {3: "c", 1: "a", -2: "b", 2**70: "big", 0: "zero"}
    yield "tuple_keys", {(1, 2): "a", (): "empty", ("x", (1,)): "nested"}
    yield "float_keys", {0.5: 1, -0.0: 2, math.inf: 3, 1e-5: 4}
    yield "bool_keys", {True: "t", False: "f"}
    yield "none_key", {None: None}
    yield "bytes_keys", {b"k": 1, b"": 2}
    yield "frozenset_key", {frozenset([1, 2]): "fs"}
    yield "mixed_keys", {1: "int", "1": "str", 1.5: "float", (1,): "tuple", None: "none"}
    yield "nested", {"a": {"b": {"c": {"d": []}}}}
    yield "values_mixed", {"l": [1, 2], "t": (3,), "s": {4}, "b": b"5", "f": 6.0}
    yield "len999", {i: i * 2 for i in range(999)}
    yield "len1000", {i: str(i) for i in range(1000)}
    yield "len1001", {str(i): i for i in range(1001)}
    yield "len2500", {"k%d" % i: [i] for i in range(2500)}
    yield "reverse_order_2500", {i: None for i in reversed(range(2500))}
    yield "quote_keys", {"it's": 1, 'say "x"': 2}


def _added_one_by_one(elements):
    """A set holding `elements`, added one at a time in their iteration order
    (what ADDITEMS does when a pickle is loaded)."""
    result = set()
    for element in elements:
        result.add(element)
    return result


def _sets():
    yield "empty", set()
    yield "small_ints", {1, 2, 3}
    yield "negative_ints", {-1, -2, -3}
    yield "colliding_ints", {1, 9, 17}
    yield "strs", {"a", "b", "c"}
    yield "letters", set("abcdefghij")
    yield "tuples", {("a", 1), ("b", 2)}
    yield "floats", {1.5, 2.5, math.inf}
    # Colliding elements: built by adding them one at a time in the order of
    # a first set, as unpickling does, so the repr order survives a reload.
    yield "mixed", _added_one_by_one({True, "x", b"y", 2.5, (1,), -7})  # not None: its hash is its address in 3.11
    yield "with_frozenset", {frozenset({1}), frozenset()}
    yield "range_step7", set(range(0, 3000, 7))
    yield "len999", set(range(999))
    yield "len1000", set(range(1000))
    yield "len1001", set(range(1001))
    yield "len2500", set(range(2500))
    yield "in_list", [{1}, {2, 3}, set()]


def _frozensets():
    yield "empty", frozenset()
    yield "small_ints", frozenset({1, 2, 3})
    yield "strs", frozenset({"x", "y"})
    yield "nested", frozenset({frozenset({1, 2}), 3})
    yield "len1001", frozenset(range(1001))
    yield "in_tuple", (frozenset(), frozenset({0}))


def _shared():
    inner = [1, 2]
    yield "same_list_twice", [inner, inner]
    yield "same_list_in_dict", {"a": inner, "b": inner}
    pair = (1, 2)
    yield "same_tuple_twice", [pair, pair]
    text = "shared string " * 3
    yield "same_str_twice", [text, text]
    blob = b"shared bytes"
    yield "same_bytes_twice", (blob, blob)
    members = {1, 2}
    yield "same_set_twice", [members, members]
    empty = ()
    yield "same_empty_tuple", [empty, empty, (empty,)]
    yield "same_dict_deep", [{"k": inner}, {"k": inner}, inner]
    big = 2**100
    yield "same_bigint_twice", [big, big]
    frozen = frozenset({1, 2})
    yield "same_frozenset_in_set_and_list", [frozen, {frozen}, (frozen,)]
    buffer = bytearray(b"buf")
    yield "same_bytearray_twice", [buffer, buffer]
    number = complex(1, 2)
    yield "same_complex_twice", [number, number]


def _recursive():
    alist = []
    alist.append(alist)
    yield "list_in_itself", alist
    adict = {}
    adict["self"] = adict
    yield "dict_in_itself", adict
    holder = []
    atuple = (holder,)
    holder.append(atuple)
    yield "tuple_list_tuple", atuple
    yield "list_tuple_list", holder
    first, second = [], []
    first.append(second)
    second.append(first)
    yield "two_lists_cycle", first
    outer = {"items": []}
    outer["items"].append(outer)
    yield "dict_list_dict", outer
    twice = []
    tuple_twice = (twice, twice)
    twice.append(tuple_twice)
    yield "tuple_two_refs_to_cycle", tuple_twice
    nested_twice = (([],),)
    nested_twice[0][0].append(nested_twice)
    yield "tuple_tuple_list_cycle", nested_twice
    keyed = {}
    keyed[("k", 1)] = [keyed]
    yield "dict_tuple_key_list_cycle", keyed
    deep = []
    top = deep
    for _ in range(50):
        deep.append([])
        deep = deep[0]
    deep.append(top)
    yield "cycle_depth_50", top


def _instances():
    yield "point", fixtures.Point(1, 2)
    yield "point_nested", fixtures.Point(fixtures.Point(0, 0), [fixtures.Point(-1, 1.5)])
    yield "point_str_fields", fixtures.Point("a", b"b")
    yield "slot_point", fixtures.SlotPoint(3, 4), (2, 3, 4, 5)
    yield "frozen_int", fixtures.Frozen(42), (2, 3, 4, 5)
    yield "frozen_tuple", fixtures.Frozen((1, "two")), (2, 3, 4, 5)
    yield "keyed_kwargs", fixtures.Keyed("box", size=3), (2, 3, 4, 5)
    yield "money_reduce", fixtures.Money(1999, "EUR")
    yield "counter_setstate", fixtures.Counter(7, "hits")
    tagged = fixtures.TaggedList([1, 2, 3])
    tagged.tag = "t"
    yield "list_subclass", tagged
    mapping = fixtures.TaggedDict(a=1, b=[2])
    mapping.tag = "m"
    yield "dict_subclass", mapping
    yield "namedtuple", fixtures.Pair(1, "two")
    yield "namedtuple_nested", fixtures.Pair(fixtures.Pair(1, 2), [fixtures.Pair(3, 4)])
    leaf = fixtures.Node("leaf")
    yield "tree", fixtures.Node("root", [fixtures.Node("a", [leaf]), fixtures.Node("b", [leaf])])
    looped = fixtures.Node("loop")
    looped.children.append(looped)
    yield "node_in_itself", looped
    shared = fixtures.Point(5, 5)
    yield "same_instance_twice", [shared, shared]
    yield "in_dict", {"p": fixtures.Point(1, 1), "m": fixtures.Money(1, "USD")}
    yield "many_points", [fixtures.Point(i, -i) for i in range(1001)]
    yield "bound_method", fixtures.Point(1, 2).norm1, (2, 3, 4, 5)


def _stdlib():
    yield "ordered_dict", collections.OrderedDict([("b", 1), ("a", 2)])
    yield "defaultdict", collections.defaultdict(list, {"a": [1]})
    yield "counter", collections.Counter("abracadabra")
    yield "deque", collections.deque([1, 2, 3], maxlen=5)
    yield "datetime", datetime.datetime(2024, 1, 2, 3, 4, 5, 6789)
    yield "datetime_utc", datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc)
    yield "date", datetime.date(1999, 12, 31)
    yield "timedelta", datetime.timedelta(days=-1, seconds=5)
    yield "decimal", decimal.Decimal("1.10")
    yield "fraction", fractions.Fraction(3, 4)
    yield "range", range(0, 10, 2)
    yield "slice", slice(1, None, 2)


def _globals():
    yield "class", fixtures.Point
    yield "function", fixtures.make_money
    yield "builtin_function", len
    yield "builtin_type", int
    yield "nonetype", type(None)
    yield "ellipsis", Ellipsis
    yield "notimplemented", NotImplemented
    yield "nested_qualname", collections.OrderedDict.fromkeys


def _buffers():
    # In-band PickleBuffer: protocol 5 writes BYTES / BYTEARRAY8 opcodes.
    yield "readonly", pickle.PickleBuffer(b"read only"), (5,)
    yield "writable", pickle.PickleBuffer(bytearray(b"writable")), (5,)


_CATEGORIES = (
    ("none_bool", _none_bool), ("int", _ints), ("float", _floats), ("complex", _complexes),
    ("str", _strs), ("bytes", _bytes), ("bytearray", _bytearrays), ("tuple", _tuples),
    ("list", _lists), ("dict", _dicts), ("set", _sets), ("frozenset", _frozensets),
    ("shared", _shared), ("recursive", _recursive), ("instance", _instances),
    ("stdlib", _stdlib), ("global", _globals), ("buffer", _buffers),
)


def iter_cases():
    """Yields Case(name, value, builtin_only, protocols) for every conformance value."""
    for category, make in _CATEGORIES:
        for entry in make():
            detail, value = entry[0], entry[1]
            protocols = tuple(entry[2]) if len(entry) > 2 else ALL_PROTOCOLS
            is_builtin = holds_only_builtins(value) and category != "buffer"
            yield Case("%s/%s" % (category, detail), value, is_builtin, protocols)


# ---------------------------------------------------------------------------
# Hand-written pickles, as Python 2 and old picklers wrote them.

def _raw(text):
    """Pickle bytes from readable text where \\n is a real newline."""
    return text.encode("latin-1")


_RAW_PICKLES = (
    # (detail, data, builtin_only)
    ("string_single_quotes", _raw("S'hello'\np0\n."), True),
    ("string_double_quotes", _raw("S\"it's\"\n."), True),
    ("string_escaped_quote", _raw("S'it\\'s'\n."), True),
    ("string_escapes", _raw("S'a\\nb\\x00\\t\\\\'\n."), True),
    ("short_binstring", b"U\x05hello.", True),
    ("binstring", b"T\x03\x00\x00\x00abc.", True),
    ("binstring_proto2_dict", b"\x80\x02}q\x00(U\x01aq\x01K\x01U\x01bq\x02]q\x03(K\x02K\x03eu.", True),
    ("int_true", _raw("I01\n."), True),
    ("int_false", _raw("I00\n."), True),
    ("int_big_text", _raw("I12345678901234\n."), True),
    ("long_with_suffix", _raw("L12345678901234567890L\n."), True),
    ("long_negative", _raw("L-5L\n."), True),
    ("float_text", _raw("F1.5\n."), True),
    ("float_text_exponent", _raw("F1e-05\n."), True),
    ("float_text_inf", _raw("F-inf\n."), True),
    ("unicode_raw_escape", _raw("V\\u00e9t\\u00e9 \\U0001f600\n."), True),
    ("unicode_latin1_bytes", b"Vcaf\xe9\n.", True),
    ("list_append", _raw("(lp0\nI1\naI2\na."), True),
    ("list_opcode", _raw("(I1\nI2\nl."), True),
    ("tuple_opcode", _raw("(I1\nS'a'\nt."), True),
    ("dict_opcode", _raw("(S'a'\nI1\nS'b'\nI2\nd."), True),
    ("dict_setitem", _raw("(dp0\nS'k'\np1\nNs."), True),
    ("empty_dict_setitem_proto1", b"}U\x01aK\x01s.", True),
    ("pop", _raw("I1\nI2\n0."), True),
    ("dup", _raw("(I1\n2t."), True),
    ("pop_mark", _raw("I7\n(I1\nI2\n1."), True),
    ("get_put", _raw("(lp0\ng0\na."), True),
    ("long_binput_binget", b"\x80\x02]r\xe8\x03\x00\x00(K\x01j\xe8\x03\x00\x00e.", True),
    ("newtrue_newfalse", b"\x80\x02\x88\x89\x86.", True),
    ("tuple1_none", b"\x80\x02N\x85.", True),
    ("long1_zero_length", b"\x80\x02\x8a\x00.", True),
    ("long4_minus_one", b"\x80\x02\x8b\x01\x00\x00\x00\xff.", True),
    ("binint_minus_one", b"J\xff\xff\xff\xff.", True),
    ("binfloat", b"G?\xf8\x00\x00\x00\x00\x00\x00.", True),
    ("builtin_set", _raw("c__builtin__\nset\np0\n((lp1\nI1\naI2\natp2\nRp3\n."), True),
    ("builtin_frozenset", _raw("c__builtin__\nfrozenset\n((lI3\naI4\natR."), True),
    ("builtin_bytearray", _raw("c__builtin__\nbytearray\n(Vab\\u00ff\nS'latin-1'\ntR."), True),
    ("builtin_complex", _raw("c__builtin__\ncomplex\n(F1.0\nF-2.0\ntR."), True),
    ("builtin_unicode_call", _raw("c__builtin__\nunicode\n(S'abc'\ntR."), False),
    ("builtin_xrange", _raw("c__builtin__\nxrange\n(I0\nI5\nI1\ntR."), False),
    ("inst_plain_class", _raw("(ifixtures\nPoint\np0\n(dp1\nS'x'\nI1\nsS'y'\nI2\nsb."), False),
    ("obj_proto1", b"(cfixtures\nPoint\nq\x00oq\x01}q\x02(U\x01xK\x01U\x01yK\x02ub.", False),
    ("copy_reg_reconstructor", _raw(
        "ccopy_reg\n_reconstructor\np0\n(cfixtures\nPoint\np1\nc__builtin__\nobject\np2\n"
        "Ntp3\nRp4\n(dp5\nS'x'\np6\nI1\nsS'y'\np7\nI2\nsb."), False),
    ("two_frames", b"\x80\x04\x95\x04\x00\x00\x00\x00\x00\x00\x00K\x01K\x02"
                   b"\x95\x02\x00\x00\x00\x00\x00\x00\x00\x86.", True),
    ("binunicode8", b"\x80\x04\x8d\x03\x00\x00\x00\x00\x00\x00\x00abc.", True),
    ("binbytes8", b"\x80\x04\x8e\x02\x00\x00\x00\x00\x00\x00\x00\x00\xff.", True),
    ("bytearray8", b"\x80\x05\x96\x02\x00\x00\x00\x00\x00\x00\x00hi.", True),
    ("empty_binunicode", b"\x80\x03X\x00\x00\x00\x00.", True),
    ("trailing_bytes_after_stop", b"\x80\x02K\x01.trailing garbage", True),
)


# Quirks of CPython's C unpickler (what pickle.loads uses) in text opcodes:
# INT reads with strtol(base 0), and a two-character argument that parses as
# 0 or 1 is a bool. pickletools itself rejects some of these (then brine dis
# must fail too).
_QUIRK_PICKLES = (
    ("int_plus_one_is_true", _raw("I+1\n."), True),
    ("int_space_one_is_true", _raw("I 1\n."), True),
    ("int_minus_zero_is_false", _raw("I-0\n."), True),
    ("int_hex", _raw("I0x1f\n."), True),
    ("long_hex", _raw("L0x10L\n."), True),
    ("int_underscore", _raw("I1_0\n."), True),
    ("int_spaces_around", _raw("I 1 \n."), True),
    ("int_leading_zero_02", _raw("I02\n."), True),
    ("int_octal_010_is_8", _raw("I010\n."), True),
    ("int_minus_leading_zero", _raw("I-01\n."), True),
    ("long_leading_space", _raw("L 5L\n."), True),
    ("long_without_suffix", _raw("L5\n."), True),
    ("string_empty_quotes", _raw("S''\n."), True),
    ("string_octal_escape", _raw("S'\\101'\n."), True),
    ("unicode_trailing_backslash", _raw("Vab\\\n."), True),
    ("float_text_nan", _raw("Fnan\n."), True),
    ("float_text_NaN", _raw("FNaN\n."), True),
    ("float_text_infinity", _raw("Finfinity\n."), True),
    ("float_text_minus_Infinity", _raw("F-Infinity\n."), True),
    ("float_text_plus_INF", _raw("F+INF\n."), True),
    ("float_text_underflow", _raw("F1e-400\n."), True),
    ("float_text_leading_dot", _raw("F.5\n."), True),
    ("float_text_trailing_dot", _raw("F5.\n."), True),
    ("float_text_capital_e", _raw("F1E5\n."), True),
    ("float_text_plus_sign", _raw("F+1.5\n."), True),
    ("float_text_many_digits", _raw("F0.1000000000000000055511151231257827\n."), True),
    ("pop_takes_mark", _raw("(0I1\n."), True),
    ("put_twice_loads_but_dis_rejects", _raw("(lp0\np0\n."), True),
)

# Malformed pickles: CPython's pickle.loads raises, so `brine show` must fail
# (exit status 1); where pickletools raises too, so must `brine dis`, and
# where pickletools prints a listing (it checks less than loads does), brine
# dis must print the same listing.
_INVALID_PICKLES = (
    ("empty_file", b"", True),
    ("proto_only", b"\x80\x04", True),
    ("truncated_frame_header", b"\x80\x04\x95", True),
    ("frame_longer_than_data", b"\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00K\x01.", True),
    ("binunicode_longer_than_data", b"X\x05\x00\x00\x00ab.", True),
    ("binfloat_truncated", b"G?\xf0.", True),
    ("long1_truncated", b"\x80\x02\x8a\x05\x01.", True),
    ("no_stop", _raw("(lp0\nI1\na"), True),
    ("unknown_opcode", b"\xff.", True),
    ("protocol_6", b"\x80\x06N.", True),
    ("get_undefined_memo", b"h\x05.", True),
    ("put_mark_in_memo", b"(q\x00.", True),
    ("append_on_empty_stack", b"a.", True),
    ("stop_on_empty_stack", b".", True),
    ("tuple_without_mark", _raw("I1\nt."), True),
    ("setitems_odd_count", b"}(K\x01u.", True),
    ("setitem_underflow", b"}](K\x01es.", True),
    ("set_of_list", b"\x80\x04\x8f(]\x90.", True),
    ("frozenset_of_list", b"\x80\x04(]\x91.", True),
    ("string_unquoted", _raw("Shello\n."), True),
    ("string_non_ascii_escape", _raw("S'\\xe9'\n."), True),
    ("short_binstring_non_ascii", b"U\x01\xe9.", True),
    ("unicode_bad_escape", _raw("V\\u00\n."), True),
    ("int_5000_digits", b"I" + b"1" * 5000 + b"\n.", True),
    ("binunicode_invalid_utf8", b"X\x02\x00\x00\x00a\xff.", True),
    ("binunicode_overlong_utf8", b"X\x02\x00\x00\x00\xc0\x80.", True),
    ("short_binunicode_truncated_utf8", b"\x80\x04\x8c\x02\xe6\x97.", True),
    ("long_leading_zero", _raw("L01L\n."), True),
    ("long_lowercase_suffix", _raw("L5l\n."), True),
    ("int_empty", _raw("I\n."), True),
    ("string_trailing_spaces", _raw("S'abc'  \n."), True),
    ("string_mismatched_quotes", _raw("S'abc\"\n."), True),
    # One quote character: pickletools strips it from both ends and lists ''.
    ("string_single_quote_char", _raw("S'\n."), True),
    # FLOAT texts pickle.loads rejects but pickletools (Python's float()) lists.
    ("float_text_underscore", _raw("F1_0\n."), True),
    ("float_text_leading_space", _raw("F 1.5\n."), True),
    ("float_text_trailing_space", _raw("F1.5 \n."), True),
    ("float_text_overflow", _raw("F1e500\n."), True),
    ("float_text_hex", _raw("F0x1p3\n."), True),
    ("global_without_newline", _raw("cos\nsystem"), True),
)


def iter_raw_pickles():
    """Yields RawPickle(name, data, builtin_only) for the hand-written Python 2
    style pickles (py2/...); all are valid and load in CPython 3.11."""
    for detail, data, builtin_only in _RAW_PICKLES:
        yield RawPickle("py2/" + detail, data, builtin_only)


def iter_quirk_pickles():
    """Yields RawPickle for the quirk/ pickles: valid for pickle.loads, though
    pickletools rejects some of them."""
    for detail, data, builtin_only in _QUIRK_PICKLES:
        yield RawPickle("quirk/" + detail, data, builtin_only)


def _deep_pickles():
    depth = 100000
    # ]]]...aaa.: lists nested 100,000 deep by APPEND; CPython loads it, but
    # its repr() gives up (RecursionError), so only `dis` is compared.
    yield "list_100000_deep", b"\x80\x02" + b"]" * depth + b"a" * (depth - 1) + b".", False
    # {0: {0: ...}} by SETITEM.
    yield "dict_100000_deep", b"\x80\x02}" + b"K\x00}" * depth + b"s" * depth + b".", False
    # ((((None,),),),) by TUPLE1.
    yield "tuple1_100000_deep", b"\x80\x02N" + b"\x85" * depth + b".", False
    # 500 nested MARKs: pickletools indents each level, CPython's repr copes.
    yield "marks_500_deep", b"(" * 500 + b"N" + b"t" * 500 + b".", True


def iter_deep_pickles():
    """Yields RawPickle for the deep/ pickles: nesting far beyond what
    pickle.dumps writes (it recurses), made of plain opcodes."""
    for detail, data, builtin_only in _deep_pickles():
        yield RawPickle("deep/" + detail, data, builtin_only)


# Pickles CPython cannot load without help (a persistent_load hook, buffers,
# an importable module) that brine keeps as opaque nodes: `dis` must match and
# `show` must succeed.
_OPAQUE_PICKLES = (
    ("persistent_id_text", _raw("Pdocument-42\n."), False),
    ("persistent_id_binary", b"\x80\x02X\x03\x00\x00\x00keyQ.", False),
    ("persistent_id_in_list", b"\x80\x02](K\x01X\x01\x00\x00\x00aQK\x02e.", False),
    ("next_buffer", b"\x80\x05\x97.", False),
    ("readonly_buffer", b"\x80\x05\x97\x98.", False),
    ("unknown_module_call", _raw("cno_such_module\nmake\n(I1\nS'x'\ntR."), False),
    ("unknown_class_newobj", b"\x80\x04\x8c\x06nosuch\x94\x8c\x05Thing\x94\x93\x94)\x81\x94}\x94b.", False),
)


def iter_opaque_pickles():
    """Yields RawPickle for the opaque/ pickles, which CPython cannot load
    without help and brine keeps as persistent-id, buffer or call nodes."""
    for detail, data, builtin_only in _OPAQUE_PICKLES:
        yield RawPickle("opaque/" + detail, data, builtin_only)


def iter_invalid_pickles():
    """Yields RawPickle for the invalid/ pickles, which pickle.loads rejects."""
    for detail, data, builtin_only in _INVALID_PICKLES:
        yield RawPickle("invalid/" + detail, data, builtin_only)


# ---------------------------------------------------------------------------
# Writing the pickles.

def _file_stem(index, name):
    return "%04d_%s" % (index, re.sub(r"[^A-Za-z0-9_.+-]", "_", name))


def write_pickles(directory):
    """Writes every case at every protocol to `directory`, plus manifest.json.

    Returns the manifest: a list of dicts with keys file, name, category,
    protocol (None for hand-written pickles), builtin_only, source ("dumps" or
    "handwritten"). Raises RuntimeError when the hash seed is not 0 or a
    built-in-only case does not reload in the same order (see the module doc).
    """
    if sys.flags.hash_randomization:
        raise RuntimeError("run with PYTHONHASHSEED=0 so set order is reproducible")
    os.makedirs(directory, exist_ok=True)
    manifest = []
    index = 0
    for case in iter_cases():
        for protocol in case.protocols:
            data = pickle.dumps(case.value, protocol=protocol)
            if case.builtin_only:
                reloaded = pickle.loads(data)
                if repr(reloaded) != repr(case.value):
                    raise RuntimeError("%s at protocol %d reloads in a different order; "
                                       "choose a value whose order is stable" % (case.name, protocol))
            stem = _file_stem(index, "%s.p%d" % (case.name, protocol))
            manifest.append(_write(directory, stem, data, case.name, protocol,
                                   case.builtin_only, "dumps"))
            index += 1
    for raw in itertools.chain(iter_raw_pickles(), iter_quirk_pickles(), iter_deep_pickles(),
                               iter_opaque_pickles(), iter_invalid_pickles()):
        _check_loads_as_intended(raw)
        stem = _file_stem(index, raw.name)
        manifest.append(_write(directory, stem, raw.data, raw.name, None, raw.builtin_only,
                               "handwritten"))
        index += 1
    with open(os.path.join(directory, "manifest.json"), "w") as out:
        json.dump(manifest, out, indent=1)
    return manifest


def _check_loads_as_intended(raw):
    """Invalid pickles must fail in pickle.loads, all others but opaque ones must load."""
    try:
        pickle.loads(raw.data)
    except Exception:
        if not raw.name.startswith(("invalid/", "opaque/")):
            raise
    else:
        if raw.name.startswith("invalid/"):
            raise RuntimeError("%s loads in CPython; it is not invalid" % raw.name)


def _write(directory, stem, data, name, protocol, builtin_only, source):
    file_name = stem + ".pkl"
    with open(os.path.join(directory, file_name), "wb") as out:
        out.write(data)
    return {"file": file_name, "name": name, "category": name.split("/", 1)[0],
            "protocol": protocol, "builtin_only": builtin_only, "source": source}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: PYTHONHASHSEED=0 python3 cases.py OUTPUT_DIR")
    written = write_pickles(sys.argv[1])
    print("%d pickles written to %s" % (len(written), sys.argv[1]))
