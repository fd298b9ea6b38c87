"""Python values holding numpy objects, pickled by numpy, for numpy_set_test.

Run with Debian's /usr/bin/python3. Writes one pickle (protocol 4) of a list
of dicts: name, protocol, pickle, repr (of the whole value), plain (the value
with every array and numpy scalar replaced by its tolist()/item(), and
datetime64/timedelta64 items by their int64 counts, so that its JSON is the
expected JSON of the value).
"""
import datetime
import pickle
import sys

import numpy as np


def plain(value):
    if isinstance(value, (np.ndarray, np.generic)) and value.dtype.kind in "Mm":
        counts = value.astype(value.dtype.newbyteorder("=")).view("i8")
        return np.where(np.isnat(value), None, counts.astype(object)).tolist()
    if isinstance(value, (np.ndarray, np.generic)):
        return value.tolist()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    return value


def values():
    a = np.arange(6, dtype="f4").reshape(2, 3) / 4
    yield "dict_of_arrays", {"x": a, "y": np.array([1, 2, 3]), "name": "run 1"}
    yield "shared_dtype", [np.zeros(2), np.ones(3), np.float64(2.5)]
    yield "same_array_twice", [a, a]
    yield "scalars", (np.float32(0.1), np.int16(-3), np.bool_(True), np.complex64(1 - 2j))
    yield "dtypes", [np.dtype("f8"), np.dtype(">i2"), np.dtype([("a", "<i4"), ("b", "S2")])]
    yield "object_array_of_dates", np.array([datetime.date(2024, 3, 1), None, 1.5], dtype=object)
    yield "big_endian_and_fortran", [np.arange(4, dtype=">u4"), np.asfortranarray(np.eye(3))]
    yield "summarized", {"long": np.arange(1500) * 0.5}
    yield "record_array", np.array([(1, 2.5)], dtype=[("i", "i8"), ("f", "f8")])
    yield "datetimes", np.array(["2020-01-01", "NaT"], dtype="M8[D]")
    yield "list_of_one_array", [np.array([1.0])]


def main():
    cases = []
    for name, value in values():
        for protocol in range(0, 6):
            cases.append({"name": name, "protocol": protocol,
                          "pickle": pickle.dumps(value, protocol=protocol),
                          "repr": repr(value), "plain": plain(value)})
    sys.stdout.buffer.write(pickle.dumps(cases, protocol=4))


if __name__ == "__main__":
    main()
