"""numpy arrays, scalars and dtypes pickled by numpy itself, for numpy_test.

Run with Debian's /usr/bin/python3 (the interpreter that sees python3-numpy).
Writes to stdout one pickle (protocol 4) of a list of dicts, one per case and
protocol:
  name, kind ('array', 'scalar' or 'dtype'), protocol,
  pickle    the bytes pickle.dumps wrote (in-band buffers)
  oob_pickle, buffers   protocol 5 only: the same with buffer_callback
  numpy2_pickle         protocol 2 only: the pickle with numpy 2.x's module
            names (numpy._core...), as numpy 2 writes it
  python2_pickle        protocol 2 only: the pickle numpy under Python 2
            would write (str and bytes as Python 2 strings), None when Python 3
            does not load it into an equal value
  repr      repr() of the object
  tolist    array.tolist() / scalar.item(), with datetime64/timedelta64 items
            as their int64 counts (None for NaT)
  dtype_str, dtype_name   dtype.str and dtype.name
"""
import io
import pickle
import struct
import sys

import numpy as np

rng = np.random.default_rng(20240301)


def floats(n, dtype):
    values = rng.normal(0, 10, n).round(rng.integers(0, 6))
    return values.astype(dtype)


def special_floats(dtype):
    return np.array([0.0, -0.0, 1.5, -2.25, np.nan, np.inf, -np.inf, 1e-5, 3.0], dtype=dtype)


def ints(n, dtype):
    info = np.iinfo(dtype)
    values = rng.integers(info.min, info.max, n, dtype=dtype.newbyteorder("="), endpoint=True).astype(dtype)
    values[:2] = [info.min, info.max]
    return values


def arrays():
    for code in ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", ">i2", ">i4", ">i8", ">u4"]:
        yield f"ints_{code}", ints(7, np.dtype(code))
        yield f"small_ints_{code}", np.arange(5, dtype=code)
    for code in ["f2", "f4", "f8", ">f2", ">f4", ">f8"]:
        yield f"floats_{code}", floats(9, code)
        yield f"special_{code}", special_floats(code)
        yield f"arange_{code}", np.arange(6, dtype=code) / np.array(4, dtype=code)
    yield "float32_doc", np.array([1.5, -2.25, 3.0], dtype=np.float32)
    yield "float_exp", np.array([1e10, 2.5e-7, 3.0])
    yield "float_big_ratio", np.array([0.001, 1.5, 2000.0])
    yield "float_large", np.array([1e8, 1.0])
    yield "float_tiny", np.array([5e-324, 1e-300, 0.0])
    yield "float_long_digits", np.array([0.1 + 0.2, 1 / 3, 2 / 3])
    yield "float_all_nan", np.array([np.nan, np.nan])
    yield "float_inf_only", np.array([np.inf, -np.inf])
    yield "float32_thirds", (np.arange(1, 8, dtype=np.float32) / 3)
    for code in ["c8", "c16", ">c16"]:
        yield f"complex_{code}", (floats(5, "f8") + 1j * floats(5, "f8")).astype(code)
    yield "complex_special", np.array([1 + 2j, np.nan + 1j, complex(0, np.inf), -1.5 - 0.5j])
    yield "bool", np.array([True, False, True])
    yield "bool_2d", rng.integers(0, 2, (4, 5)).astype(bool)
    yield "bytes", np.array([b"ab", b"", b"xyz\x00q", b"\xff'"], dtype="S5")
    yield "bytes_s1", np.array([b"a", b"b"], dtype="S1")
    yield "str", np.array(["ab", "", "\u00e9t\u00e9", "\U0001f600x", "it's"], dtype="U4")
    yield "str_big_endian", np.array(["abc", "d"], dtype=">U3")
    yield "str_2d", np.array([["a", "bb"], ["ccc", "dddd"]])
    yield "void", np.zeros(3, dtype="V4")
    for unit in ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns"]:
        yield f"datetime_{unit}", np.array(["2024-03-01T12:30:45.123456789", "1969-12-31T23:59:59", "NaT",
                                            "1900-02-28"], dtype="M8[ns]").astype(f"M8[{unit}]")
    yield "datetime_big_endian", np.array(["2020-01-01", "2021-06-15"], dtype=">M8[D]")
    yield "timedelta_s", np.array([0, -5, 86400, "NaT"], dtype="m8[s]")
    yield "timedelta_10ms", np.array([1, 2, 300], dtype="m8[10ms]")
    record = np.dtype([("a", "<i4"), ("b", "f8"), ("c", "S3"), ("d", "?")])
    yield "record", np.array([(1, 2.5, b"ab", True), (-3, np.nan, b"", False)], dtype=record)
    nested = np.dtype([("x", "i2"), ("inner", [("p", ">f4"), ("q", "U2")]), ("z", "u1")])
    yield "nested_record", np.array([(1, (1.5, "hi"), 7), (2, (-0.25, ""), 8)], dtype=nested)
    yield "record_one_field", np.array([(1,), (22,)], dtype=[("only", "i8")])
    yield "record_same_types", np.zeros(2, dtype=[("a", "i4"), ("b", "i4"), ("c", ">i4"), ("d", ">i4")])
    yield "aligned_record", np.zeros(2, dtype=np.dtype([("a", "i1"), ("b", "f8")], align=True))
    yield "record_with_gap", np.zeros(2, dtype={"names": ["a", "b"], "formats": ["i1", "i4"],
                                                "offsets": [0, 4], "itemsize": 12})
    yield "object", np.array([1, "a", None, [1, 2], (3,), {"k": 1.5}], dtype=object)
    yield "object_2d_fortran", np.asfortranarray(np.array([[1, "x"], [2.5, None]], dtype=object))
    # shapes, orders, views
    yield "empty", np.array([], dtype="f8")
    yield "empty_i4", np.zeros(0, dtype="i4")
    yield "empty_2d", np.zeros((2, 0))
    yield "empty_3d_str", np.zeros((0, 3, 1), dtype="U2")
    yield "zero_d_float", np.array(3.0)
    yield "zero_d_f4", np.array(1.5, dtype="f4")
    yield "zero_d_bool", np.array(True)
    yield "zero_d_int8", np.array(-7, dtype="i1")
    yield "zero_d_str", np.array("hello")
    yield "zero_d_record", np.array((1, 2.0), dtype=[("a", "i4"), ("b", "f4")])
    yield "fortran_2d", np.asfortranarray(np.arange(12, dtype="i4").reshape(3, 4))
    yield "fortran_3d_f8", np.asfortranarray(floats(24, "f8").reshape(2, 3, 4))
    base = np.arange(40, dtype="i8").reshape(5, 8)
    yield "view_strided", base[::2, ::3]
    yield "view_column", base[:, 1]
    yield "view_transposed", base.T
    yield "view_reversed", np.arange(10.0)[::-1]
    yield "grid_2d", np.arange(12).reshape(3, 4)
    yield "grid_3d", np.arange(24, dtype="i2").reshape(2, 3, 4)
    yield "grid_4d", np.arange(16, dtype="u1").reshape(2, 2, 2, 2)
    yield "wrap_floats", floats(40, "f8")
    yield "wrap_ints", ints(60, np.dtype("i8"))
    yield "wrap_2d", floats(60, "f4").reshape(3, 20)
    yield "wrap_strings", np.array(["word%d" % i for i in range(40)])
    yield "wrap_complex", (floats(20, "f8") + 1j * floats(20, "f8"))
    yield "long_1d", np.arange(2000)
    yield "long_floats", floats(1500, "f8")
    yield "long_2d", np.arange(1200, dtype="f4").reshape(40, 30)
    yield "long_3d", np.arange(1331).reshape(11, 11, 11)
    yield "long_rows", np.arange(1010).reshape(2, 505)
    yield "long_bool", (np.arange(1500) % 3 == 0)
    yield "long_str", np.array(["s%d" % i for i in range(1001)])


def random_arrays(count):
    """Arrays of random numeric dtypes, shapes and magnitudes, to exercise
    the float column layout (positional or scientific, padding, nan/inf) and
    the line wrapping."""
    codes = ["?", "i1", "u2", "i4", "i8", "u8", "f2", "f4", "f8", ">f8", "c8", "c16"]
    for i in range(count):
        code = codes[rng.integers(len(codes))]
        ndim = int(rng.integers(0, 4))
        shape = tuple(int(n) for n in rng.integers(1, 9 if ndim > 1 else 30, ndim))
        size = int(np.prod(shape))
        scale = 10.0 ** rng.integers(-12, 14)
        values = rng.normal(0, 1, size) * scale
        if rng.random() < 0.5:
            values = values.round(int(rng.integers(0, 4)))
        if rng.random() < 0.2 and size > 2:
            values[rng.integers(size)] = [np.nan, np.inf, -np.inf, 0.0, -0.0][rng.integers(5)]
        if code[-2:] in ("c8", "16"):
            values = values + 1j * rng.normal(0, 1, size) * scale
        with np.errstate(all="ignore"):
            if code == "?":
                array = values > 0
            elif code[-2] in "iu":
                info = np.iinfo(code)
                array = np.clip(np.nan_to_num(values), info.min, info.max).astype(code)
            else:
                array = values.astype(code)
        yield f"random_{i}_{code}", array.reshape(shape)


def scalars():
    yield "float64", np.float64(2.5)
    yield "float64_third", np.float64(1 / 3)
    yield "float32", np.float32(1.5)
    yield "float32_tenth", np.float32(0.1)
    yield "float32_big", np.float32(1e20)
    yield "float32_small", np.float32(1.5e-5)
    yield "float32_int", np.float32(123456789.0)
    yield "float16", np.float16(0.1)
    yield "float16_max", np.float16(65504)
    yield "float_nan", np.float32("nan")
    yield "float_neg_inf", np.float64("-inf")
    yield "int8", np.int8(-128)
    yield "int64", np.int64(2**62)
    yield "uint64_max", np.uint64(2**64 - 1)
    yield "uint16", np.uint16(7)
    yield "bool_true", np.bool_(True)
    yield "bool_false", np.bool_(False)
    yield "complex64", np.complex64(1 + 2j)
    yield "complex128", np.complex128(-1.5 + 0.25j)
    yield "complex_imag_only", np.complex128(3j)
    yield "complex_neg_zero_real", np.complex128(complex(-0.0, 1.0))
    yield "datetime_day", np.datetime64("2020-01-01")
    yield "datetime_ms", np.datetime64("2020-01-01T10:11:12.345")
    yield "timedelta", np.timedelta64(5, "s")
    yield "timedelta_10ms", np.timedelta64(3, "10ms")
    yield "big_endian_float", np.array([2.5], dtype=">f8")[0]


def dtypes():
    for code in ["?", "i1", "u1", "<i2", ">i4", "<u8", "<f2", ">f4", "<f8", "<c8", ">c16", "<M8[ms]",
                 ">m8[10s]", "M8", "S3", "S0", "<U2", ">U3", "V8", "O"]:
        yield code, np.dtype(code)
    yield "record", np.dtype([("a", "<i4"), ("b", "?")])
    yield "nested", np.dtype([("a", "<i4"), ("b", [("c", "f8"), ("d", "S3")])])
    yield "aligned", np.dtype([("a", "i1"), ("b", "f8")], align=True)


class Python2Pickler(pickle._Pickler):
    """Writes str and bytes as Python 2 byte strings (SHORT_BINSTRING,
    BINSTRING), as numpy under Python 2 pickled arrays."""
    dispatch = pickle._Pickler.dispatch.copy()

    def save_python2_str(self, obj):
        data = obj if isinstance(obj, bytes) else obj.encode("utf-8")
        if len(data) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(data)]) + data)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(data)) + data)
        self.memoize(obj)

    dispatch[bytes] = save_python2_str
    dispatch[str] = save_python2_str


def python2_pickle(value):
    """The pickle numpy under Python 2 would write, or None when Python 3
    does not load it back (with encoding='latin1') into an equal value."""
    out = io.BytesIO()
    Python2Pickler(out, protocol=2, fix_imports=False).dump(value)
    try:
        loaded = pickle.loads(out.getvalue(), encoding="latin1")
    except Exception:
        return None
    return out.getvalue() if repr(loaded) == repr(value) else None


def time_counts(value):
    """tolist() with datetime64/timedelta64 items as int64 counts."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "Mm":
        counts = value.astype(value.dtype.newbyteorder("=")).view("i8")
        return np.where(np.isnat(value), None, counts.astype(object)).tolist()
    if isinstance(value, np.generic) and value.dtype.kind in "Mm":
        return None if np.isnat(value) else int(value.view("i8"))
    return value.tolist() if isinstance(value, np.ndarray) else value.item()


def main():
    cases = []
    groups = [("array", arrays(), range(0, 6)), ("array", random_arrays(400), (2, 5)),
              ("scalar", scalars(), range(0, 6)), ("dtype", dtypes(), range(0, 6))]
    for kind, group, protocols in groups:
        for name, value in group:
            for protocol in protocols:
                case = {
                    "name": name,
                    "kind": kind,
                    "protocol": protocol,
                    "pickle": pickle.dumps(value, protocol=protocol),
                    "repr": repr(value),
                }
                if protocol == 2 and kind != "dtype":
                    case["python2_pickle"] = python2_pickle(value)
                    # numpy 2.x's module names; GLOBAL names are text lines at protocol 2
                    case["numpy2_pickle"] = case["pickle"].replace(b"numpy.core.", b"numpy._core.")
                if protocol == 5:
                    buffers = []
                    case["oob_pickle"] = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
                    case["buffers"] = [bytes(b.raw()) for b in buffers]
                if kind == "dtype":
                    case["dtype_str"] = value.str
                    case["dtype_name"] = value.name
                else:
                    case["tolist"] = time_counts(value)
                cases.append(case)
    sys.stdout.buffer.write(pickle.dumps(cases, protocol=4))


if __name__ == "__main__":
    main()
