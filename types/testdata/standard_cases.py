"""Cases for types/standard_sets_test.cc, computed by CPython (the oracle).

For each value of each standard-library type a built-in reconstructor set
rebuilds, and each protocol 0 to 5, prints one line of tab-separated fields:

  type  protocol  encoding  pickle  repr  json  reencode  facts

pickle, repr, json and reencode are base64: the pickle brine decodes (with
pickle.loads' `encoding`), repr() of what CPython loads from it, the JSON
brine should print for it (built here from the loaded value: isoformat() for
dates and times, str() for Decimal, ...), and what CPython writes when it
pickles the loaded value again at that protocol. facts are `key=value` words
the C++ accessors must give (fields, UTC offsets, exact texts, bytes in hex).
Python 2 pickles (datetime states as str) are written by hand, as Python 2
wrote them, and loaded with encoding='latin1' and encoding='bytes'.
"""
import array
import base64
import collections
import datetime as dt
import decimal
import fractions
import json
import math
import pathlib
import pickle
import re
import sys
import types
import uuid

PROTOCOLS = range(0, 6)


def b64(data):
    if isinstance(data, str):
        data = data.encode('utf-8', 'surrogatepass')
    return base64.b64encode(data).decode('ascii')


# ---- JSON as brine writes it (value/json.h), for plain values and the
# ---- rebuilt types (docs/TYPES.md)

def iso_duration(delta):
    """An ISO 8601 duration of |delta|, signed in front: -P1DT2H3M4.5S."""
    total = (delta.days * 86400 + delta.seconds) * 10**6 + delta.microseconds
    sign, total = ('-' if total < 0 else ''), abs(total)
    seconds, micro = divmod(total, 10**6)
    days, day_seconds = divmod(seconds, 86400)
    hours, rest = divmod(day_seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = sign + 'P'
    if days:
        text += f'{days}D'
    if day_seconds or micro or not days:
        text += 'T'
        if hours:
            text += f'{hours}H'
        if minutes:
            text += f'{minutes}M'
        if secs or micro or total == 0:
            text += str(secs)
            if micro:
                text += '.' + f'{micro:06d}'.rstrip('0')
            text += 'S'
    return text


def offset_text(offset):
    """utcoffset as isoformat writes it: +01:00, -05:30:15.000001."""
    return dt.datetime(2000, 1, 1, tzinfo=dt.timezone(offset)).isoformat()[19:]


def to_json(value):
    """The JSON structure brine writes for `value`."""
    if isinstance(value, float):
        return value if math.isfinite(value) else {'$float': repr(value)}
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if type(value) is dict:
        if all(isinstance(key, str) for key in value):
            return {key: to_json(item) for key, item in value.items()}
        return {'$dict': [[to_json(key), to_json(item)] for key, item in value.items()]}
    if isinstance(value, (set, frozenset)):
        return {'$' + type(value).__name__: [to_json(item) for item in value]}
    if isinstance(value, bytes):
        return {'$bytes': b64(value)}
    if isinstance(value, dt.datetime):
        return zoned_json('datetime', value.replace(tzinfo=None).isoformat(), value.tzinfo)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return zoned_json('time', value.replace(tzinfo=None).isoformat(), value.tzinfo)
    if isinstance(value, dt.timedelta):
        return iso_duration(value)
    if isinstance(value, dt.timezone):
        return offset_text(value.utcoffset(None))
    if isinstance(value, (decimal.Decimal, fractions.Fraction, uuid.UUID, pathlib.PurePath)):
        return str(value)
    if isinstance(value, (collections.OrderedDict, collections.defaultdict, collections.Counter)):
        return to_json(dict(value))
    if isinstance(value, (collections.deque, array.array)):
        return to_json(list(value))
    if isinstance(value, range):
        return {'$range': [value.start, value.stop, value.step]}
    if isinstance(value, slice):
        return {'$slice': to_json([value.start, value.stop, value.step])}
    if isinstance(value, types.SimpleNamespace):
        return to_json(vars(value))
    if isinstance(value, re.Pattern):
        return {'$pattern': to_json(value.pattern), 'flags': value.flags}
    raise TypeError(f'no JSON form for {type(value)}')


def zoned_json(kind, naive, tzinfo):
    if tzinfo is None:
        return naive
    if isinstance(tzinfo, dt.timezone):
        return naive + offset_text(tzinfo.utcoffset(None))
    return {'$' + kind: naive, 'tzinfo': to_json(tzinfo)}


# ---- facts: what the C++ accessors must say

def offset_microseconds(tzinfo):
    if not isinstance(tzinfo, dt.timezone):
        return 'none'
    offset = tzinfo.utcoffset(None)
    return (offset.days * 86400 + offset.seconds) * 10**6 + offset.microseconds


def facts(value):
    if isinstance(value, dt.datetime):
        return (f'year={value.year} month={value.month} day={value.day} hour={value.hour} '
                f'minute={value.minute} second={value.second} microsecond={value.microsecond} '
                f'fold={value.fold} offset_us={offset_microseconds(value.tzinfo)}')
    if isinstance(value, dt.date):
        return f'year={value.year} month={value.month} day={value.day}'
    if isinstance(value, dt.time):
        return (f'hour={value.hour} minute={value.minute} second={value.second} '
                f'microsecond={value.microsecond} fold={value.fold} '
                f'offset_us={offset_microseconds(value.tzinfo)}')
    if isinstance(value, dt.timedelta):
        return f'days={value.days} seconds={value.seconds} microseconds={value.microseconds}'
    if isinstance(value, dt.timezone):
        return f'offset_us={offset_microseconds(value)}'
    if isinstance(value, decimal.Decimal):
        return f'text={value}'
    if isinstance(value, fractions.Fraction):
        return f'numerator={value.numerator} denominator={value.denominator}'
    if isinstance(value, uuid.UUID):
        return f'bytes={value.bytes.hex()}'
    if isinstance(value, (collections.OrderedDict, collections.defaultdict, collections.Counter)):
        return f'size={len(value)}'
    if isinstance(value, collections.deque):
        return f'size={len(value)} maxlen={value.maxlen}'
    if isinstance(value, range):
        return f'start={value.start} stop={value.stop} step={value.step}'
    if isinstance(value, pathlib.PurePath):
        return f'text={base64.b64encode(str(value).encode()).decode()}'
    if isinstance(value, re.Pattern):
        return f'flags={value.flags}'
    if isinstance(value, array.array):
        return f'typecode={value.typecode} size={len(value)} itemsize={value.itemsize}'
    return ''


# ---- the values

def datetime_values():
    utc = dt.timezone.utc
    east = dt.timezone(dt.timedelta(hours=5, minutes=30))
    odd = dt.timezone(-dt.timedelta(hours=3, seconds=7, microseconds=1), 'Odd')
    named = dt.timezone(dt.timedelta(hours=1), 'CET')
    dates = [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29), dt.date(1970, 1, 1),
             dt.date(255, 7, 4), dt.date(256, 12, 1)]
    times = [dt.time(), dt.time(12, 30), dt.time(12, 30, 45), dt.time(23, 59, 59, 999999),
             dt.time(0, 0, 0, 1), dt.time(1, 2, 3, tzinfo=utc), dt.time(4, 5, tzinfo=odd),
             dt.time(6, 7, 8, 9, tzinfo=named), dt.time(1, 30, fold=1),
             dt.time(1, 30, 5, 6, tzinfo=east, fold=1)]
    datetimes = [dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
                 dt.datetime(2024, 3, 1, 12, 30, 45, 123456), dt.datetime(2024, 3, 1, 12, 30),
                 dt.datetime(2024, 3, 1, 12, 30, 1), dt.datetime(2024, 3, 1, tzinfo=utc),
                 dt.datetime(2000, 1, 1, 0, 0, 0, 5, tzinfo=east),
                 dt.datetime(1999, 12, 31, 23, 59, tzinfo=odd),
                 dt.datetime(2021, 11, 7, 1, 30, fold=1),
                 dt.datetime(2021, 11, 7, 1, 30, 2, 3, tzinfo=named, fold=1),
                 dt.datetime(2024, 6, 1, tzinfo=dt.timezone(dt.timedelta(hours=23, minutes=59)))]
    deltas = [dt.timedelta(), dt.timedelta(days=1), dt.timedelta(days=-1),
              dt.timedelta(microseconds=-1), dt.timedelta(seconds=1, microseconds=500000),
              dt.timedelta(days=5, hours=3, minutes=2, seconds=1), dt.timedelta.max,
              dt.timedelta.min, dt.timedelta(weeks=-3, microseconds=7), dt.timedelta(hours=25)]
    zones = [utc, east, odd, named, dt.timezone.min, dt.timezone.max,
             dt.timezone(dt.timedelta(0), 'UTC'), dt.timezone(dt.timedelta(seconds=1))]
    return ([('datetime.date', v) for v in dates] + [('datetime.time', v) for v in times] +
            [('datetime.datetime', v) for v in datetimes] +
            [('datetime.timedelta', v) for v in deltas] +
            [('datetime.timezone', v) for v in zones] +
            [('list of datetime', dates + times + datetimes + deltas + zones + [utc, utc])])


def number_values():
    D = decimal.Decimal
    decimals = [D('1.10'), D('0'), D('-0'), D('-0.000'), D('1E+2'), D('123456789.123456789'),
                D('1e-7'), D('0.000001'), D('-1.5e-10'), D('NaN'), D('-NaN'), D('sNaN'),
                D('NaN123'), D('Infinity'), D('-Infinity'), D('9' * 60), D('1e999999'),
                D('-12345e-30'), D('0E-10'), D('1.000000000000000000000000000001')]
    F = fractions.Fraction
    fracs = [F(3, 4), F(-1, 3), F(0), F(5), F(10**40 + 1, 3**50), F(-(2**200), 7**40),
             F(1, 10**30)]
    uuids = [uuid.UUID(int=0), uuid.UUID(int=2**128 - 1),
             uuid.UUID('12345678-1234-5678-1234-567812345678'), uuid.UUID(int=5),
             uuid.UUID(int=2**63), uuid.UUID(bytes=bytes(range(16)), version=4),
             uuid.UUID(int=7, is_safe=uuid.SafeUUID.safe),
             uuid.UUID(int=8, is_safe=uuid.SafeUUID.unsafe)]
    return ([('decimal.Decimal', v) for v in decimals] +
            [('fractions.Fraction', v) for v in fracs] + [('uuid.UUID', v) for v in uuids] +
            [('list of numbers', decimals + fracs + uuids)])


def collection_values():
    od = collections.OrderedDict
    dd = collections.defaultdict
    ordered = [od(), od(a=1, b=2), od([(1, 'x'), ('k', [1, 2]), (2.5, None)]),
               od((f'k{i}', i) for i in range(1200)), od(z=od(y=[]))]
    defaults = [dd(list), dd(None), dd(int, {'a': 3}), dd(list, {'a': [1], 'b': []}),
                dd(set, {1: {2}}), dd(collections.Counter, {'x': collections.Counter('ab')}),
                dd(dict, {'n': {'m': 1}})]
    deques = [collections.deque(), collections.deque([1, 2, 3]),
              collections.deque([1, 2], maxlen=5), collections.deque(maxlen=0),
              collections.deque(range(2000)), collections.deque(['a', (1, 2)], maxlen=2)]
    counters = [collections.Counter(), collections.Counter('abracadabra'),
                collections.Counter({'a': 1, 'b': 3, 'c': 3, 'd': 2}),
                collections.Counter({'x': 1.5, 'y': -2, 'z': 0}),
                collections.Counter({i: i % 7 for i in range(50)})]
    return ([('collections.OrderedDict', v) for v in ordered] +
            [('collections.defaultdict', v) for v in defaults] +
            [('collections.deque', v) for v in deques] +
            [('collections.Counter', v) for v in counters] +
            [('list of collections', ordered[:3] + defaults[:3] + deques[:3] + counters[:3])])


def other_values():
    ranges = [range(0), range(10), range(1, 10, 2), range(10, -5, -3), range(-2**70, 2**70, 2**65)]
    slices = [slice(None), slice(1, None), slice(1, 2, 3), slice('a', [1], None),
              slice(-1, None, -1)]
    spaces = [types.SimpleNamespace(), types.SimpleNamespace(a=1, b='x'),
              types.SimpleNamespace(nested=types.SimpleNamespace(c=[1, 2]), d=None)]
    P, W, X = pathlib.PurePosixPath, pathlib.PureWindowsPath, pathlib.PosixPath
    paths = [P('/a/b'), P('a/b/c.txt'), P('.'), P('//net/share'), P('/'), P('a b/ü'),
             W('C:/x/y'), W('C:x'), W('//server/share/dir'), W('rel\\path'), W('/rooted'),
             W('C:/'), X('/tmp/x'), X('relative'), X()]
    # Distinct pattern texts: CPython may or may not share a pattern str
    # between two patterns loaded from one pickle (re's compile cache
    # decides), while brine keeps the sharing the pickle has.
    patterns = [re.compile('ab+'), re.compile('ab*', re.I | re.M), re.compile(b'x.y', re.S),
                re.compile('a' * 300), re.compile('(?x) a  # comment'),
                re.compile('[é]', re.A), re.compile(b'\\d+'), re.compile("it's"),
                re.compile('', re.I | re.X)]
    arrays = [array.array(code, values) for code, values in [
        ('b', [-128, 0, 127]), ('B', [0, 255]), ('h', [-32768, 32767]), ('H', [65535]),
        ('i', [-2**31, 2**31 - 1]), ('I', [2**32 - 1, 0]), ('l', [-2**63, 2**63 - 1]),
        ('L', [2**64 - 1]), ('q', [-1, 1]), ('Q', [2**64 - 1, 2**63]),
        ('f', [0.1, -1.5, float('inf'), float('nan')]), ('d', [0.1, -0.0, 1e300, float('-inf')]),
        ('u', 'aé€😀a'), ('d', []), ('u', ''), ('i', list(range(1500)))]]
    return ([('range', v) for v in ranges] + [('slice', v) for v in slices] +
            [('types.SimpleNamespace', v) for v in spaces] +
            [(f'pathlib.{type(v).__name__}', v) for v in paths] +
            [('re.Pattern', v) for v in patterns] + [('array.array', v) for v in arrays] +
            # No array here: CPython's typecode strs are objects of their own,
            # which brine's encoder writes as the shared one-character strs
            # (a known difference, docs/TYPES.md).
            [('list of others', ranges[:2] + slices[:2] + spaces[:2] + paths[:3] + patterns[:2])])


def all_values():
    return datetime_values() + number_values() + collection_values() + other_values()


# ---- Python 2 pickles of datetime objects (state as a str)

def python2_string(data, protocol):
    """A Python 2 str as Python 2's pickle wrote it: STRING at protocol 0,
    SHORT_BINSTRING at protocols 1 and 2."""
    if protocol == 0:
        return b'S' + repr(data)[1:].encode('ascii') + b'\n'
    return b'U' + bytes([len(data)]) + data


def python2_cases():
    values = [dt.date(2024, 3, 1), dt.date(1, 1, 1), dt.time(12, 30, 45, 123456),
              dt.datetime(2024, 3, 1, 12, 30, 45, 123456), dt.datetime(9999, 12, 31, 23, 59, 59)]
    for value in values:
        for protocol in (0, 1, 2):
            data = python2_pickle(value, protocol)
            for encoding in ('latin1', 'bytes'):
                loaded = pickle.loads(data, encoding=encoding)
                assert loaded == value, (value, protocol, encoding)
                yield ('python2 ' + f'{type(value).__module__}.{type(value).__name__}',
                       protocol, encoding, data, loaded)


def python2_pickle(value, protocol):
    """What Python 2 wrote for `value` (its state a str) at `protocol`."""
    state = value.__reduce__()[1][0]
    head = b'cdatetime\n' + type(value).__name__.encode() + b'\n'
    if protocol == 0:
        return head + b'(' + python2_string(state, 0) + b'tR.'
    if protocol == 1:
        return head + b'(' + python2_string(state, 1) + b'tR.'
    return b'\x80\x02' + head + python2_string(state, 2) + b'\x85R.'


def line(type_name, protocol, encoding, data, loaded):
    reencode = pickle.dumps(loaded, protocol=protocol)
    json_text = json.dumps(to_json(loaded), separators=(',', ':'), ensure_ascii=False)
    fact_text = '' if type_name.startswith('list of') else facts(loaded)
    return '\t'.join([type_name, str(protocol), encoding, b64(data), b64(repr(loaded)),
                      b64(json_text), b64(reencode), fact_text])


def main():
    out = []
    for type_name, value in all_values():
        for protocol in PROTOCOLS:
            data = pickle.dumps(value, protocol=protocol)
            out.append(line(type_name, protocol, 'ASCII', data, pickle.loads(data)))
    for type_name, protocol, encoding, data, loaded in python2_cases():
        out.append(line(type_name, protocol, encoding, data, loaded))
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
