# Protocol 0 pickles whose text arguments (INT, LONG, FLOAT, GET/PUT keys,
# STRING quotes) pickle.loads and pickletools read differently, plus POP on a
# MARK and a memo key put twice. CPython decides each outcome at test time.
#
#   python3 text_number_cases.py loads  ->  per pickle: "<hex>\t<repr>" or "<hex>\t!<exception type>"
#   python3 text_number_cases.py dis    ->  per pickle: "<hex>\t<escaped dis text>\t<error or empty>"
import io
import pickle
import pickletools
import sys

INT_TEXTS = [
    b"0", b"1", b"00", b"01", b"02", b"+1", b" 1", b"\t1", b"\x0b0", b"\x0c1", b"-0", b"+0", b" 0", b"-1",
    b"1 ", b" 1 ", b"1\r", b"1\t", b"0x1f", b"0X1F", b"-0x10", b" 0x10", b"0x", b"0x_1f", b"0o17", b"0b11",
    b"0b", b"010", b"-01", b"007", b"08", b"0_0", b"00_0", b"0_1", b"1_0", b"1__0", b"_1", b"1_", b"",
    b"-", b"+", b" ", b"1 2", b"1L", b"x", b"1\x00junk", b"\x001", b"\x00", b"\x00x", b"1\x00", b" \x00", b"0x1\x00", b"9223372036854775807",
    b"9223372036854775808", b"-9223372036854775808", b"-9223372036854775809", b"0x7fffffffffffffff",
    b"0x8000000000000000", b"-0x8000000000000001", b"0777777777777777777777777", b"0x" + b"f" * 40,
    b"-0b" + b"1" * 100, b"0o" + b"7" * 50, b"99999999999999999999_0", b"0" * 300 + b"1", b"1" * 4300,
    b"1" * 4301, b"\xe9",
]
LONG_TEXTS = [
    b"5", b"5L", b"0x10L", b"0x10", b"-0o7L", b"0b101", b"1_0L", b"010L", b"01L", b"00L", b" 5L", b" 5 L",
    b"5 L", b"L", b"5LL", b"1\x00x", b"-0x" + b"8" + b"0" * 30 + b"L", b"1" * 4301 + b"L",
]
FLOAT_TEXTS = [
    b"1.5", b" 1.5", b"1.5 ", b"1.5\t", b"1_0.5", b"1._5", b"1e1_0", b"_1.5", b"nan", b"-nan", b"NaN", b"inf",
    b"+inf", b"-Infinity", b"iNf", b"infinit", b"nan(1)", b"1e500", b"-1e500", b"1e-500", b"0x1p3", b".5",
    b"5.", b".", b"1,5", b"1e", b"+-1", b"1.5L", b"1.5\x00x", b"", b"\x00",
]
MEMO_KEYS = [b"0", b"+0", b" 0", b"0 ", b"00", b"0_0", b"0x0", b"-0", b"1_0", b"\t0", b"0" * 30, b"x", b"",
             b"0\x00x", b"99999999999999999999"]


def cases():
    for text in INT_TEXTS:
        yield b"I" + text + b"\n."
    for text in LONG_TEXTS:
        yield b"L" + text + b"\n."
    for text in FLOAT_TEXTS:
        yield b"F" + text + b"\n."
    for key in MEMO_KEYS:
        yield b"Np" + key + b"\ng" + key + b"\n."
        yield b"Np0\ng" + key + b"\n."
    yield b"Np-1\n."
    yield b"Np0\ng-1\n."
    for quoted in [b"''", b"'", b'"', b"'a'", b"'a\"", b"a", b"", b"'\\''", b"\"'\""]:
        yield b"S" + quoted + b"\n."
    yield b"(0I1\n."                   # POP takes the MARK
    yield b"I2\n(0."
    yield b"(I1\n0I2\n."
    yield b"0."
    yield b"Np0\n0I1\np0\n0g0\n."      # PUT of a key already in the memo
    yield b"]q\x00K\x01q\x00h\x00."


def main():
    out = sys.stdout
    for data in cases():
        if sys.argv[1] == "loads":
            try:
                out.write("%s\t%r\n" % (data.hex(), pickle.loads(data)))
            except Exception as e:
                out.write("%s\t!%s\n" % (data.hex(), type(e).__name__))
        else:
            text = io.StringIO()
            error = ""
            try:
                pickletools.dis(data, text)
            except Exception as e:
                error = "%s: %s" % (type(e).__name__, e)
            out.write("%s\t%s\t%s\n" % (data.hex(), text.getvalue().encode("unicode_escape").decode("ascii"),
                                       error.encode("unicode_escape").decode("ascii")))


main()
