# Generates disassembler test cases with CPython: pickles of many values under
# every protocol, plus hand-written pickles pickletools rejects, each with the
# exact text pickletools.dis prints and the error it raises (if any).
#
# Output on stdout, per case: a header line "<name length> <pickle length>
# <output length> <error length>\n" followed by those four byte strings. The
# error is "<ExceptionType>: <message>", empty when dis succeeds.
import collections
import datetime
import decimal
import fractions
import functools
import io
import pickle
import pickletools
import sys
import types

cases = []


def add(name, data):
    out = io.StringIO()
    error = ""
    try:
        pickletools.dis(data, out)
    except Exception as e:  # pickletools raises ValueError, IndexError, ...
        error = "%s: %s" % (type(e).__name__, e)
    cases.append((name, data, out.getvalue(), error))


recursive_list = [1]
recursive_list.append(recursive_list)
recursive_dict = {"k": None}
recursive_dict["self"] = recursive_dict
shared = [1, 2]
deep = []
for _ in range(300):
    deep = [deep]

values = {
    "none": None,
    "true": True,
    "false": False,
    "ints": [0, 1, -1, 255, 256, 65535, 65536, -65536, 2**31 - 1, -2**31, 2**31, -2**31 - 1,
             2**63 - 1, -2**63, 2**63, 2**64, -2**64, 10**100, -(10**100)],
    "long1_max": 2**2039 - 1,
    "long4": 2**2100,
    "long_too_big_to_repr": 2**20000,
    "floats": [0.0, -0.0, 1.5, -2.25, 0.1, 1 / 3, 1e16, 1e-5, 1e100, 1e-300, 5e-324,
               1.7976931348623157e308, float("inf"), float("-inf"), float("nan")],
    "complex": 1 + 2j,
    "empty_str": "",
    "str_quotes": ["it's", 'say "hi"', "both ' and \"", "\\", "back\\slash'"],
    "str_controls": "\x00\x01\n\r\t\x7f\x80\x9f\xa0\xad\xff",
    "str_unicode": "caf\xe9 \u2603 \U0001f600 \u0300 \u200b \ufeff",
    "str_surrogate": "a\ud800b\udfffc",
    "str_long": "x" * 300,
    "str_huge": "y" * 70000,
    "bytes": [b"", b"\x00\xff", b"'", b"\"'", b"abc", bytes(range(256)), b"z" * 300],
    "bytearray": bytearray(b"ab\x00c"),
    "tuples": [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((1,), ((2,),))],
    "list": [1, "a", None, [2.5, [b"x"]]],
    "dict": {"a": 1, 2: "b", (3, 4): [5], None: {}},
    "big_list": list(range(2500)),
    "big_dict": {str(i): i for i in range(1200)},
    "set": {1, 2, 3},
    "frozenset": frozenset({"a"}),
    "big_set": set(range(1100)),
    "shared": [shared, shared, (shared,)],
    "recursive_list": recursive_list,
    "recursive_dict": recursive_dict,
    "deep": deep,
    "global_function": len,
    "global_class": collections.OrderedDict,
    "ordered_dict": collections.OrderedDict([("a", 1), ("b", [2])]),
    "datetime": datetime.datetime(2020, 1, 2, 3, 4, 5, 6),
    "date": datetime.date(1999, 12, 31),
    "decimal": decimal.Decimal("1.25"),
    "fraction": fractions.Fraction(3, 4),
    "namespace": types.SimpleNamespace(a=1, b=[2]),
    "partial": functools.partial(max, 1, key=abs),
    "range": range(1, 10, 2),
    "slice": slice(1, None, 2),
    "ellipsis": ...,
    "not_implemented": NotImplemented,
    "type_of_none": type(None),
    "counter": collections.Counter("abracadabra"),
    "deque": collections.deque([1, 2]),
}

for name, value in values.items():
    for protocol in range(6):
        try:
            data = pickle.dumps(value, protocol)
        except Exception:
            continue  # e.g. a 6000-digit int cannot be written as protocol 0 text
        add("%s/p%d" % (name, protocol), data)

# Protocol 5 out-of-band buffers.
add("next_buffer", pickle.dumps(pickle.PickleBuffer(bytearray(b"abc")), 5, buffer_callback=lambda b: False))
add("readonly_buffer", pickle.dumps(pickle.PickleBuffer(b"abc"), 5, buffer_callback=lambda b: False))
# Bytes after STOP are not read.
add("trailing_garbage", pickle.dumps([1], 2) + b"\xff\xfe garbage")
add("two_pickles", pickle.dumps(1, 0) + pickle.dumps(2, 0))

hand_written = {
    # Python 2 str opcodes.
    "string_quotes": b"S'abc'\np0\nS\"d'e\"\np1\n\x86.",
    "string_escapes": b"S'a\\x41\\n\\t\\\\\\'\\101\\q'\n.",
    "string_backslash_newline": b"S'a\\\nb'\n.",
    "short_binstring_latin1": b"U\x04\xe9\x80\xa0a.",
    "binstring": b"T\x03\x00\x00\x00abc.",
    "int_bools": b"I01\nI00\n\x86.",
    "int_lenient": b"(I 12 \nI1_000\nI+7\nI-0\nI007\nt.",
    "long_text": b"L123L\nL-5\nL0012L\n\x87.",
    "float_text": b"(F1.5\nF-0.0\nFinf\nFnan\nF1e300\nt.",
    "unicode_escapes": b"Vcaf\\u00e9 \\U0001F600 \\x41 \\\\u0041\n.",
    "unicode_surrogate": b"V\\ud800\n.",
    "short_binunicode_surrogate": b"\x8c\x03\xed\xa0\x80.",
    "persid": b"Pfoo bar\n.",
    "persid_escaped": b"Pa\\x41\n.",
    "binpersid": b"K\x05Q.",
    "global": b"c__builtin__\nset\n.",
    "inst": b"(i__main__\nFoo\n.",
    "obj": b"(c__main__\nFoo\nK\x01o.",
    "ext_codes": b"\x82\x01\x83\x02\x01\x84\x03\x00\x00\x00\x87.",
    "frame": b"\x80\x04\x95\x03\x00\x00\x00\x00\x00\x00\x00K\x01.",
    "get_true_key": b"Np1\ng01\n\x86.",
    "put_bool_key": b"Np01\ng1\n\x86.",
    "long_binput": b"Nr\x00\x01\x00\x00j\x00\x01\x00\x000.",
    "memoize_after_put": b"\x80\x04Nq\x00\x94N\x94\x86.",
    "pop_mark": b"(0N.",
    "pop_mark_opcode": b"(NN1N.",
    "mark_nesting": b"((N\x85tt.",
    "dup": b"N2\x86.",
    "build": b"N}b.",
    "reduce_newobj": b"c__builtin__\nobject\n)\x81c__builtin__\nlist\n)R\x86.",
    "newobj_ex": b"\x80\x04c__builtin__\nobject\n)}\x92.",
    "stack_global": b"\x80\x04\x8c\x08builtins\x8c\x03len\x93.",
    "setitem_additems": b"}K\x01K\x02s\x8f(K\x03\x90\x86.",
    "frozenset_opcode": b"(K\x01K\x02\x91.",
    "proto_high": b"\x80\x07N.",
    "bininit_negative": b"J\xff\xff\xff\xff.",
    "binint2": b"M\xff\xff.",
    "empty_long1": b"\x8a\x00.",
    "empty_long4": b"\x8b\x00\x00\x00\x00.",
    # Errors pickletools reports after printing the offending line.
    "put_empty_stack": b"p0\n.",
    "binput_empty_stack": b"q\x00.",
    "put_mark": b"(p0\n.",
    "put_twice": b"Np0\np0\n.",
    "memoize_key_taken": b"\x80\x04Nq\x01\x94.",
    "get_unknown": b"g5\n.",
    "binget_unknown": b"h\x07.",
    "appends_without_mark": b"]e.",
    "tuple_without_mark": b"Nt.",
    "pop_empty": b"0.",
    "append_short_stack": b"Na.",
    "stop_stack_not_empty": b"NN.",
    "stop_empty_stack": b".",
    "mark_popped_as_item": b"(N\x86t.",
    "long_repr_too_big": b"\x8b" + (20000).to_bytes(4, "little") + b"\x01" * 20000 + b".",
    # Errors in reading an opcode: nothing is printed for it.
    "empty": b"",
    "no_stop": b"N",
    "unknown_opcode": b"N\xff.",
    "truncated_uint1": b"K",
    "truncated_payload": b"X\x05\x00\x00\x00ab.",
    "negative_binstring": b"T\xff\xff\xff\xff.",
    "unquoted_string": b"Sabc\n.",
    "mismatched_quotes": b"S'abc\"\n.",
    "string_not_ascii": b"S'\\x80'\n.",
    "string_raw_not_ascii": b"S'\xe9'\n.",
    "string_bad_escape": b"S'\\x4'\n.",
    "string_trailing_backslash": b"S'ab\\'\n.",
    "int_not_decimal": b"Iabc\n.",
    "int_double_underscore": b"I1__0\n.",
    "int_too_many_digits": b"L" + b"1" * 5000 + b"L\n.",
    "unicode_truncated_escape": b"Vabc\\u12\n.",
    "unicode_out_of_range": b"V\\U00110000\n.",
    "binunicode_invalid_utf8": b"X\x01\x00\x00\x00\xff.",
    "persid_not_ascii": b"P\xe9\n.",
    "global_missing_name": b"cos\n",
}
for name, data in hand_written.items():
    add(name, data)

out = sys.stdout.buffer
for name, data, text, error in cases:
    name_bytes = name.encode()
    text_bytes = text.encode("utf-8", "surrogateescape")
    error_bytes = error.encode("utf-8", "backslashreplace")
    out.write(b"%d %d %d %d\n" % (len(name_bytes), len(data), len(text_bytes), len(error_bytes)))
    out.write(name_bytes + data + text_bytes + error_bytes)
