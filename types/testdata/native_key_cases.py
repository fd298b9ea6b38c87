"""Cases for types/native_keys_test.cc, computed by CPython (the oracle).

Values the built-in reconstructor sets rebuild, used as set elements and
dict keys: unhashable ones (slice, OrderedDict, deque, array.array,
numpy.ndarray, ...), where pickle.loads raises TypeError, and hashable ones
that Python's `==` merges (two equal dates, Decimal(1) == 1 == Fraction(1)).
The pickles are CPython's own, of lists whose EMPTY_LIST/APPENDS become
EMPTY_SET/ADDITEMS or EMPTY_DICT/SETITEMS (a dict's keys and values in
turn), or of set(...) and frozenset(...) calls of lists. Prints one
line per case, tab-separated:

  name  pickle-hex  outcome

where outcome is `ok <repr(pickle.loads(pickle))>` or `error <message>`.
Run by /usr/bin/python3, which sees numpy.
"""
import array
import collections
import datetime as dt
import decimal
import fractions
import pathlib
import pickle
import pickletools
import random
import re
import types
import uuid

import numpy as np

UTC = dt.timezone.utc
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


class Call:
    """Pickles as func(*args), as CPython's pickler writes a reduce tuple."""

    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


def retyped_list(items, empty, batch):
    """CPython's pickle of the list `items` (two or more) at protocol 3,
    with its EMPTY_LIST and APPENDS opcodes replaced by `empty` and `batch`,
    under PROTO 4."""
    data = pickle.dumps(list(items), 3)
    ops = list(pickletools.genops(data))
    assert ops[1][0].name == 'EMPTY_LIST' and ops[-2][0].name == 'APPENDS', ops
    start, end = ops[1][2], ops[-2][2]
    return b'\x80\x04' + data[2:start] + empty + data[start + 1:end] + batch + data[end + 1:]


def set_of(*items):
    return retyped_list(items, b'\x8f', b'\x90')  # EMPTY_SET, ADDITEMS


def dict_of(*pairs):
    return retyped_list([x for pair in pairs for x in pair], b'}', b'u')  # EMPTY_DICT, SETITEMS


CASES = {
    # Unhashable: CPython refuses them as set elements and dict keys.
    'slice_in_set': set_of(0, slice(1, 2, 3)),
    'slice_as_dict_key': dict_of((slice(1, None, None), 'a')),
    'slice_in_tuple_in_set': set_of(0, (1, slice(1, 2, 3))),
    'slice_in_frozenset': pickle.dumps(Call(frozenset, [slice(None, 2, None)]), 3),
    'ordered_dict_in_set': set_of(0, collections.OrderedDict(a=1)),
    'deque_as_dict_key': dict_of((collections.deque([1]), 1)),
    'defaultdict_as_dict_key': dict_of((collections.defaultdict(list), 1)),
    'counter_in_set': set_of(0, collections.Counter('ab')),
    'array_in_set': set_of(0, array.array('i', [1, 2])),
    'namespace_in_set': set_of(0, types.SimpleNamespace(a=1)),
    'ndarray_in_set': set_of(0, np.arange(3)),
    'void_scalar_in_set': set_of(0, np.zeros(1, dtype=[('a', '<i4')])[0]),
    'signaling_nan_in_set': set_of(0, decimal.Decimal('sNaN')),
    'list_key_in_ordered_dict': pickle.dumps(collections.OrderedDict(), 3)[:-1] + b'(]K\x01u.',
    'slice_among_many_in_set': set_of(*range(10), slice(1, 2, 3)),
    # Hashable by value: equal values are one key, the first one kept with
    # the last value.
    'equal_dates_as_dict_keys': dict_of((dt.date(2020, 1, 1), 'a'), (dt.date(2020, 1, 1), 'b')),
    'equal_dates_in_set': set_of(dt.date(2020, 1, 1), dt.date(2020, 1, 1)),
    'date_and_datetime': dict_of((dt.date(2020, 1, 1), 'a'), (dt.datetime(2020, 1, 1), 'b')),
    'one_in_four_types': dict_of((decimal.Decimal(1), 'a'), (fractions.Fraction(1), 'b'), (1, 'c'), (1.0, 'd')),
    'one_half_in_three_types': dict_of((decimal.Decimal('0.50'), 'a'), (fractions.Fraction(1, 2), 'b'), (0.5, 'c')),
    'one_tenth': dict_of((decimal.Decimal('0.1'), 'a'), (fractions.Fraction(1, 10), 'b'), (0.1, 'c')),
    'big_decimal_and_int': dict_of((decimal.Decimal('1E+30'), 'a'), (10 ** 30, 'b')),
    'small_decimal_and_fraction': dict_of((decimal.Decimal('1E-30'), 'a'), (fractions.Fraction(1, 10 ** 30), 'b')),
    'negative_decimal_and_fraction': dict_of((decimal.Decimal('-2.5'), 'a'), (fractions.Fraction(-5, 2), 'b')),
    'decimal_zero_and_int': dict_of((decimal.Decimal('-0.00'), 'a'), (0, 'b')),
    'decimal_infinity_and_float': dict_of((decimal.Decimal('-Infinity'), 'a'), (float('-inf'), 'b')),
    'decimal_nans': dict_of((decimal.Decimal('NaN'), 'a'), (decimal.Decimal('NaN'), 'b')),
    'fraction_third_and_float': dict_of((fractions.Fraction(1, 3), 'a'), (1 / 3, 'b')),
    'equal_uuids': set_of(uuid.UUID(int=5), uuid.UUID(int=5)),
    'different_uuids': dict_of((uuid.UUID(int=5), 'a'), (uuid.UUID(int=6), 'b')),
    'same_instant_two_zones': dict_of((dt.datetime(2020, 1, 1, 12, tzinfo=UTC), 'a'),
                                      (dt.datetime(2020, 1, 1, 13, tzinfo=PLUS_ONE), 'b')),
    'naive_and_aware': dict_of((dt.datetime(2020, 1, 1, 12), 'a'), (dt.datetime(2020, 1, 1, 12, tzinfo=UTC), 'b')),
    'naive_fold': dict_of((dt.datetime(2020, 1, 1, 12), 'a'), (dt.datetime(2020, 1, 1, 12, fold=1), 'b')),
    'aware_times': dict_of((dt.time(12, tzinfo=UTC), 'a'), (dt.time(13, tzinfo=PLUS_ONE), 'b')),
    'equal_timedeltas': dict_of((dt.timedelta(days=1), 'a'), (dt.timedelta(hours=24), 'b'),
                                (dt.timedelta(hours=-24), 'c')),
    'timezones_by_offset': dict_of((dt.timezone(dt.timedelta(0), 'x'), 'a'), (UTC, 'b'), (PLUS_ONE, 'c')),
    'empty_ranges': dict_of((range(0), 'a'), (range(5, 5), 'b'), (range(0, 3), 'c'), (range(0, 3, 1), 'd'),
                            (range(0, 10, 3), 'e'), (range(0, 11, 3), 'f'), (range(2, 3, 5), 'g'), (range(2, 4, 7), 'h')),
    'posix_paths': dict_of((pathlib.PurePosixPath('a/b'), 'a'), (pathlib.PosixPath('a/b'), 'b'),
                           (pathlib.PurePosixPath('a'), 'c')),
    'windows_paths': dict_of((pathlib.PureWindowsPath('C:/Dir/File'), 'a'),
                             (pathlib.PureWindowsPath('c:/dir/FILE'), 'b')),
    'patterns': dict_of((re.compile('a+'), 'a'), (re.compile('a+'), 'b'), (re.compile('a+', re.I), 'c')),
    'numpy_scalars': dict_of((np.float64(1.0), 'a'), (1, 'b'), (np.int64(1), 'c'), (np.float32(0.1), 'd'), (0.1, 'e'),
                             (np.str_('s'), 'f'), ('s', 'g')),
    'numpy_dtypes': dict_of((np.dtype('f8'), 'a'), (np.dtype('<f8'), 'b'), (np.dtype('>f8'), 'c')),
    'frozensets_of_equal_dates': pickle.dumps(Call(set, [Call(frozenset, [dt.date(2020, 1, 1), dt.date(2020, 1, 1)]),
                                                        Call(frozenset, [dt.date(2020, 1, 1)])]), 3),
    'tuples_of_equal_dates': set_of((dt.date(2020, 1, 1), 1), (dt.date(2020, 1, 1), 1)),
    'equal_dates_among_many': dict_of(*[(i, i) for i in range(10)], (dt.date(2020, 1, 1), 'a'), (dt.date(2020, 1, 1), 'b')),
}


def random_number(rng):
    """An int, float, complex, bool, Fraction or Decimal, often equal to
    another of another type."""
    n = rng.choice([0, 1, 5, -7, 2 ** 53 + 1, 10 ** 20])
    d = rng.choice([1, 2, 10, 10 ** 20])
    return rng.choice([
        lambda: n,
        lambda: float(fractions.Fraction(n, d)),
        lambda: complex(n, 0),
        lambda: n == 1,
        lambda: fractions.Fraction(n, d),
        lambda: decimal.Decimal(n) / decimal.Decimal(d),
        lambda: decimal.Decimal(n).scaleb(rng.randrange(-3, 4)),
        lambda: decimal.Decimal(n) / 10 ** rng.randrange(0, 30),
    ])()


def random_number_dicts(count, seed):
    """Dicts of numbers of mixed types, the rebuilt ones (Fraction, Decimal)
    merging with each other and with the built-in ones. Built-in numbers are
    pairwise unequal: the decoder merges those itself, before the rebuilt
    ones exist (docs/TYPES.md, known differences)."""
    rng = random.Random(seed)
    cases = {}
    while len(cases) < count:
        keys = [random_number(rng) for _ in range(rng.randrange(2, 6))]
        plain = [k for k in keys if not isinstance(k, (fractions.Fraction, decimal.Decimal))]
        if len(set(plain)) == len(plain):
            cases[f'random_numbers_{len(cases)}'] = dict_of(*[(k, i) for i, k in enumerate(keys)])
    return cases


CASES.update(random_number_dicts(80, seed=7))


def outcome(data):
    try:
        return 'ok ' + repr(pickle.loads(data))
    except Exception as e:  # the message is what the test compares
        return 'error ' + str(e).replace('\n', ' ')


for name, data in CASES.items():
    print(name, data.hex(), outcome(data), sep='\t')
