"""Hostile inputs for tests/hostile/run_hostile.py, generated at test time.

Each case is (name, pickle bytes, expect_offset): small files that once cost
brine minutes or gigabytes (quadratic disassembly, decimal conversion of huge
ints, DAGs that expand past the output limit, colliding hashes), abuse of the
memo, FRAME and declared lengths, deep nests, and every input CPython 3.11's
own unpickling tests (test.pickletester.AbstractUnpickleTests) feed to
pickle.loads. `expect_offset` says that an error, if any, must name the
opcode and offset (every decode error does; limits hit while printing, such
as the output limit, do not point at one opcode).
"""

import os
import pickle
import struct
import sys
import tempfile
import unittest

MEGABYTE = 1 << 20


def u32(n):
    return struct.pack("<I", n)


def u64(n):
    return struct.pack("<Q", n)


def long1(value):
    """LONG1 of an int (its minimal two's complement bytes)."""
    payload = value.to_bytes((value.bit_length() + 8) // 8, "little", signed=True)
    return b"\x8a" + bytes([len(payload)]) + payload


def doubling_cases():
    """Values that double 60 times through sharing: about 2**60 elements."""
    # A list, duplicated (DUP) and paired 60 times: 124 bytes.
    dup = b"\x80\x02]" + b"2\x86" * 60 + b"."
    # A list holding the previous list twice, each level through the memo.
    memo = b"\x80\x04]\x94"
    for i in range(60):
        memo += b"(h" + bytes([i]) + b"h" + bytes([i]) + b"l\x94"
    memo += b"."
    # A dict whose two values are the previous level.
    dicts = b"\x80\x04}\x94"
    for i in range(60):
        dicts += b"}\x94(X\x01\x00\x00\x00ah" + bytes([i]) + b"X\x01\x00\x00\x00bh" + bytes([i]) + b"u"
    dicts += b"."
    return [("doubling_dup_124_bytes", dup, False), ("doubling_list_memo", memo, False),
            ("doubling_dict_memo", dicts, False)]


def shared_leaf_cases():
    """One costly leaf referenced from every slot of a list (through the memo):
    its text passes the output limit long before the list ends."""
    sys.set_int_max_str_digits(0)
    long_int = pickle.dumps(10**4299, protocol=2)[2:-1]  # the LONG1/LONG4 opcode alone
    escapes = pickle.dumps("\x00" * 250000, protocol=4)[2:-1]
    unprintable = pickle.dumps("\u0378" * 300000, protocol=4)[2:-1]
    return [
        # 450,000 references (900 KB): 1.9 GB of text, past the output limit;
        # transcode writes the int again at each (pickle memoizes no int):
        # 800 MB, which a 1 GiB address space cannot hold, so transcode ends
        # with an out-of-memory error.
        ("int_4300_digits_450000_refs", b"\x80\x04(" + long_int + b"\x94" + b"h\x00" * 450000 + b"l.", False),
        ("str_of_nuls_250000_refs", b"\x80\x04(" + escapes + b"\x94" + b"h\x00" * 250000 + b"l.", False),
        ("str_unprintable_200000_refs", b"\x80\x04(" + unprintable + b"\x94" + b"h\x00" * 200000 + b"l.", False),
    ]


def integer_cases():
    sys.set_int_max_str_digits(0)
    return [
        ("long4_1mb", b"\x80\x02\x8b" + u32(MEGABYTE) + b"\x01" * MEGABYTE + b".", False),
        ("long4_1mb_negative", b"\x80\x02\x8b" + u32(MEGABYTE) + b"\xff" * (MEGABYTE - 1) + b"\x80.", False),
        ("cpython_dumps_7_pow_1000000", pickle.dumps(7**1000000, protocol=4), False),
        ("long_text_1m_digits", b"L" + b"7" * MEGABYTE + b"L\n.", True),
        ("int_text_1m_digits", b"I" + b"7" * MEGABYTE + b"\n.", True),
        ("long4_just_over_4300_digits", pickle.dumps(10**4300, protocol=2), False),
        ("long4_4300_digits", pickle.dumps(10**4300 - 1, protocol=2), False),
    ]


def dis_cases():
    return [
        ("marks_300000", b"(" * 300000 + b".", True),
        ("marks_then_tuples_100000", b"(" * 100000 + b"t" * 100000 + b".", True),
        ("marks_300000_proto2", b"\x80\x02" + b"(" * 300000 + b".", True),
    ]


def colliding_hash_cases():
    """Ints that all share CPython's hash (k * (2**61 - 1) hashes to 0)."""
    modulus = 2**61 - 1
    items = b"".join(long1(k * modulus) for k in range(1, 90001))
    return [
        ("set_90000_colliding_ints", b"\x80\x04\x8f(" + items + b"\x90.", False),
        ("frozenset_90000_colliding_ints", b"\x80\x04(" + items + b"\x91.", False),
        ("dict_90000_colliding_keys", b"\x80\x02}(" + b"".join(long1(k * modulus) + b"N" for k in range(1, 90001))
         + b"u.", False),
    ]


def nest_cases():
    depth = 500000
    return [
        ("list_nest_500000", b"]" * depth + b"a" * (depth - 1) + b".", True),
        ("tuple1_nest_1000000", b")" + b"\x85" * 1000000 + b".", True),
        ("mark_tuple_nest_330000", b"(" * 330000 + b")" + b"t" * 330000 + b".", True),
        ("dict_nest_100000", b"\x80\x02" + b"}X\x01\x00\x00\x00k" * 100000 + b"}" + b"s" * 100000 + b".", True),
        ("frozenset_nest_330000", b"\x80\x04" + b"(" * 330000 + b"\x91" * 330000 + b".", True),
        ("wide_list_1m_none", b"(" + b"N" * 1000000 + b"l.", True),
        ("stack_1m_none_left", b"N" * 1000000 + b".", True),
    ]


def shared_nest_cases():
    """A deep tuple referenced again (through the memo): its key hash once
    cost its depth at every set it joined, and its text, kept for the second
    reference, once kept every nested level's text too (quadratic)."""
    deep = b"N" + b"\x85" * 300000 + b"q\x00" + b"0"  # BINPUT 0, POP
    return [
        ("tuple_nest_300000_twice", b"\x80\x04" + deep + b"(h\x00h\x00l.", True),
        ("tuple_nest_300000_in_100000_frozensets",
         b"\x80\x04" + deep + b"(" + b"(h\x00\x91" * 100000 + b"l.", False),
        ("tuple_nest_300000_as_100000_dict_keys",
         b"\x80\x04" + deep + b"}(" + b"h\x00N" * 100000 + b"u.", True),
    ]


def doubling_memo_keys():
    """LONG_BINPUT keys that each double the last (0, 1026, 3078, ...): each
    within reach of a memo whose dense part grows to twice the highest key
    put plus some slack, which then doubles at every key. 114 bytes that made
    brine's memo ask for gigabytes."""
    data, key = b"\x80\x02N", 0
    while key <= 0xFFFFFFFF:
        data += b"r" + u32(key)
        key = 2 * (key + 1) + 1024
    return data + b"."


def memo_cases():
    return [
        ("long_binput_doubling_keys", doubling_memo_keys(), True),
        ("memoize_1m", b"\x80\x04N" + b"\x94" * 1000000 + b".", True),
        ("memoize_1m_list", b"\x80\x04]" + b"\x94" * 1000000 + b".", True),
        ("dup_500000_then_memoize_500000", b"\x80\x04N" + b"2" * 500000 + b"\x94" * 500000 + b".", True),
        ("long_binput_200000_sparse", b"\x80\x02N" + b"".join(b"r" + u32(i * 4099 + 7) for i in range(200000)) + b".",
         True),
        ("long_binput_200000_from_max", b"\x80\x02N" + b"".join(b"r" + u32(2**32 - 1 - i) for i in range(200000))
         + b".", True),
        ("binput_500000_cycling", b"\x80\x02N" + b"".join(b"q" + bytes([i & 255]) for i in range(500000)) + b".", True),
        ("put_80000_large_decimal", b"N" + b"".join(b"p%d\n" % (i * 1000003) for i in range(80000)) + b".", True),
        ("long_binget_200000_max_index", b"\x80\x02Nr" + u32(2**32 - 1) + (b"j" + u32(2**32 - 1)) * 200000 + b".",
         True),
        ("long_binput_max_index", b"\x80\x02Nr\xff\xff\xff\xff.", True),
        ("long_binget_max_index", b"\x80\x02j\xff\xff\xff\xff.", True),
        ("put_huge_decimal_index", b"Np99999999999999999999999999\n.", True),
        ("get_huge_decimal_index", b"g99999999999999999999999999\n.", True),
        ("one_list_appended_300000_times", b"\x80\x02]q\x00(" + b"h\x00" * 300000 + b"e.", True),
        ("get_unset", b"\x80\x02h\x05.", True),
        ("put_empty_stack", b"\x80\x02q\x00.", True),
        ("memo_overwrite_cycle", b"\x80\x02]q\x00h\x00a]q\x00h\x00a.", True),
    ]


def frame_cases():
    return [
        ("frame_2_64_minus_1", b"\x80\x04\x95" + u64(2**64 - 1) + b"N.", True),
        ("frame_2_63", b"\x80\x04\x95" + u64(2**63) + b"N.", True),
        ("frame_past_end", b"\x80\x04\x95" + u64(1000) + b"N.", True),
        ("frame_inside_frame", b"\x80\x04\x95" + u64(12) + b"\x95" + u64(2) + b"N.", True),
        ("frames_100000_empty", b"\x80\x04" + (b"\x95" + u64(0)) * 100000 + b"N.", True),
        ("opcode_across_frames", b"\x80\x04\x95" + u64(2) + b"K\x95" + u64(2) + b"\x01.", True),
        ("frame_zero_then_data", b"\x80\x04\x95" + u64(0) + b"N.", True),
    ]


def length_cases():
    cases = []
    for name, code, width in [("binunicode8", b"\x8d", 8), ("binbytes8", b"\x8e", 8), ("bytearray8", b"\x96", 8),
                              ("binunicode", b"X", 4), ("binbytes", b"B", 4), ("binstring", b"T", 4),
                              ("long4", b"\x8b", 4)]:
        for length in ([2**64 - 1, 2**63, 2**63 - 1, 2**32] if width == 8 else [2**32 - 1, 2**31, 2**31 - 1]):
            pack = u64 if width == 8 else u32
            cases.append((f"{name}_length_{length}", b"\x80\x05" + code + pack(length) + b"abc.", True))
    cases.append(("long1_255", b"\x80\x02\x8a\xff" + b"\x01" * 10 + b".", True))
    cases.append(("short_binunicode_255", b"\x80\x04\x8c\xff" + b"a" * 10 + b".", True))
    return cases


def large_payload_cases():
    escapes = bytes(range(256)) * (MEGABYTE // 256)
    return [
        ("bytes_1mb_all_values", b"\x80\x04\x8e" + u64(len(escapes)) + escapes + b".", False),
        ("str_1mb_escapes", pickle.dumps("\x00\u2028\ud800é" * (MEGABYTE // 8), protocol=4), False),
        ("bytearray_1mb", b"\x80\x05\x96" + u64(MEGABYTE) + b"\x00" * MEGABYTE + b".", False),
        ("float_text_1mb", b"F" + b"1" * MEGABYTE + b"\n.", True),
        ("unicode_text_1mb_escapes", b"V" + b"\\u0000" * (MEGABYTE // 6) + b"\n.", True),
        ("string_text_1mb_escapes", b"S'" + b"\\x00" * (MEGABYTE // 4) + b"'\n.", True),
        ("global_name_1mb", b"c" + b"m" * (MEGABYTE // 2) + b"\n" + b"n" * (MEGABYTE // 2) + b"\n.", True),
    ]


def pickletester_cases():
    """Every input CPython 3.11's unpickling tests pass to pickle.loads."""
    from test import pickletester

    seen = []

    class Recording(pickletester.AbstractUnpickleTests, unittest.TestCase):
        bad_stack_errors = truncated_errors = (Exception,)

        def loads(self, data, **kwargs):
            seen.append(bytes(data))
            return pickle.loads(data, **kwargs)

        def check_unpickling_error(self, errors, data):
            seen.append(bytes(data))

        def runTest(self):
            pass

    tests = Recording()
    home = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)  # some tests write files (test.support's TESTFN) in the working directory
        try:
            for name in sorted(dir(pickletester.AbstractUnpickleTests)):
                if not name.startswith("test_"):
                    continue
                method = getattr(Recording, name)
                method = getattr(method, "__wrapped__", method)  # run the 32-bit-only ones too
                try:
                    method(tests)
                except (Exception, unittest.SkipTest):
                    pass
        finally:
            os.chdir(home)
    unique = list(dict.fromkeys(seen))
    return [(f"pickletester_{i:03d}", data, True) for i, data in enumerate(unique)]


def all_cases():
    cases = (doubling_cases() + shared_leaf_cases() + integer_cases() + dis_cases() + colliding_hash_cases() + nest_cases()
             + shared_nest_cases() + memo_cases() + frame_cases() + length_cases() + large_payload_cases())
    cases += pickletester_cases()
    for name, data, _ in cases:
        assert len(data) <= 2 * MEGABYTE + 64, (name, len(data))
    return cases
