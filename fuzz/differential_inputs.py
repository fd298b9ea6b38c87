"""Inputs for fuzz/differential.py: generated and mutated pickles.

Three sources, all from one random.Random so a seed repeats a run:
  - values: random built-in values (shared and recursive parts, NaNs, big
    ints, surrogates, one-byte bytes, ...) pickled by CPython at protocols
    0 to 5;
  - opcodes: short opcode programs written by hand, naming globals of
    builtins, copyreg and _codecs (real ones, Python 2 spellings, missing
    ones, empty lines), calling them through REDUCE/NEWOBJ/NEWOBJ_EX/OBJ/INST,
    with EXT codes, NEXT_BUFFER, PROTO in odd places;
  - mutations of either, or of files given as seeds: byte flips, inserted
    opcode bytes, deleted, repeated or spliced ranges.
"""

import math
import pickle
import struct

# Names that exist in CPython 3.11, names that do not, and Python 2 names
# that map onto them below protocol 3.
GLOBAL_NAMES = [
    ("builtins", "list"), ("builtins", "dict"), ("builtins", "set"), ("builtins", "frozenset"),
    ("builtins", "tuple"), ("builtins", "bytearray"), ("builtins", "bytes"), ("builtins", "str"),
    ("builtins", "int"), ("builtins", "float"), ("builtins", "complex"), ("builtins", "bool"),
    ("builtins", "object"), ("builtins", "len"), ("builtins", "getattr"), ("builtins", "range"),
    ("builtins", "slice"), ("builtins", "ValueError"), ("builtins", "Ellipsis"), ("builtins", "None"),
    ("builtins", "no_such_name"), ("builtins", "object.__new__"), ("builtins", "list.append"),
    ("builtins", ""), ("", "list"), ("", ""), ("copyreg", "_reconstructor"), ("copyreg", "__newobj__"),
    ("copyreg", "__newobj_ex__"), ("copyreg", "no_such_name"), ("copyreg", "_reduce_ex"),
    ("_codecs", "encode"), ("_codecs", "decode"), ("_codecs", "no_such_name"), ("_codecs", "utf_8_encode"),
    ("__builtin__", "set"), ("__builtin__", "frozenset"), ("__builtin__", "list"), ("__builtin__", "xrange"),
    ("__builtin__", "unicode"), ("__builtin__", "basestring"), ("copy_reg", "_reconstructor"),
    ("exceptions", "ValueError"), ("exceptions", "StandardError"), ("__builtin__", "no_such_name"),
]

SCALARS = [
    None, True, False, 0, 1, -1, 255, 256, 65535, 2**31, -2**31, 2**63, -2**63 - 1, 2**100, -(2**100),
    0.0, -0.0, 1.5, 1e300, math.inf, -math.inf, "", "a", "é", "\u20ac", "\U0001f600", "\ud800", "a\nb",
    "\\", "'", '"', b"", b"a", b"\x00", b"\xff", b"ab", bytearray(), bytearray(b"a"), 1j, complex(1, -2),
    complex(math.inf, 0),
]


def random_scalar(rng):
    pick = rng.random()
    if pick < 0.1:
        return float("nan")
    if pick < 0.2:
        return rng.randint(-2**70, 2**70)
    if pick < 0.3:
        return "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0, 0x10FFFF)])) for _ in range(rng.randint(0, 4)))
    if pick < 0.35:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 3)))
    return rng.choice(SCALARS)


def is_hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def hashable(rng, depth, shared):
    if depth > 0 and rng.random() < 0.3:
        items = [hashable(rng, depth - 1, shared) for _ in range(rng.randint(0, 3))]
        return tuple(items) if rng.random() < 0.7 else frozenset(items)
    if shared and rng.random() < 0.3:
        candidate = rng.choice(shared)
        if is_hashable(candidate):
            return candidate
    value = random_scalar(rng)
    if isinstance(value, bytearray):
        value = bytes(value)
    if rng.random() < 0.3:
        shared.append(value)
    return value


def random_value(rng, depth=3, shared=None):
    """A random built-in value; `shared` collects objects to reuse, so the
    pickle holds memo references (and the same NaN object in several
    places)."""
    if shared is None:
        shared = []
    if depth == 0 or rng.random() < 0.3:
        return hashable(rng, 1, shared)
    kind = rng.choice(["list", "tuple", "dict", "set", "frozenset", "shared", "recursive"])
    if kind == "shared" and shared:
        return rng.choice(shared)
    if kind == "recursive":
        outer = [random_value(rng, depth - 1, shared)]
        outer.append(outer)
        return outer
    if kind in ("set", "frozenset"):
        items = [hashable(rng, depth - 1, shared) for _ in range(rng.randint(0, 5))]
        value = set(items) if kind == "set" else frozenset(items)
    elif kind == "dict":
        value = {hashable(rng, depth - 1, shared): random_value(rng, depth - 1, shared) for _ in range(rng.randint(0, 4))}
    else:
        items = [random_value(rng, depth - 1, shared) for _ in range(rng.randint(0, 5))]
        value = items if kind == "list" else tuple(items)
    if rng.random() < 0.3:
        shared.append(value)
    return value


def pickled_value(rng):
    value = random_value(rng)
    try:
        return pickle.dumps(value, protocol=rng.randint(0, 5))
    except (RecursionError, ValueError):
        return pickle.dumps(None)


# ---- opcode programs ----

def text_line(text):
    return text.encode("utf-8", "surrogatepass") + b"\n"


def op_global(rng, protocol):
    module, name = rng.choice(GLOBAL_NAMES)
    if protocol >= 4 and rng.random() < 0.5:
        return op_str(module) + op_str(name) + b"\x93"  # STACK_GLOBAL
    return b"c" + text_line(module) + text_line(name)


def op_str(text):
    data = text.encode("utf-8", "surrogatepass")
    return b"\x8c" + bytes([len(data)]) + data if len(data) < 256 else b"X" + struct.pack("<I", len(data)) + data


def op_scalar(rng):
    value = random_scalar(rng)
    choice = rng.random()
    if isinstance(value, bytes) and len(value) == 1 and choice < 0.5:
        return b"C\x01" + value  # SHORT_BINBYTES, one byte
    if isinstance(value, float) and choice < 0.5:
        return b"G" + struct.pack(">d", value)
    if isinstance(value, float):
        return b"F" + repr(value).encode() + b"\n"
    # CPython's own opcodes for the value, less PROTO and STOP.
    return pickle.dumps(value, protocol=rng.randint(2, 3))[2:-1]


def op_args(rng, protocol):
    """A tuple of zero to three scalars, lists or strings."""
    pieces = [b"("]
    for _ in range(rng.randint(0, 3)):
        pick = rng.random()
        if pick < 0.3:
            pieces.append(b"](" + op_scalar(rng) + op_scalar(rng) + b"e")
        elif pick < 0.45:
            pieces.append(op_str(rng.choice(["abc", "latin1", "latin-1", "utf-8", "ascii", "strict", ""])))
        elif pick < 0.55:
            pieces.append(op_global(rng, protocol))
        else:
            pieces.append(op_scalar(rng))
    pieces.append(b"t")
    return b"".join(pieces)


def op_call(rng, protocol):
    form = rng.choice(["reduce", "reduce", "newobj", "newobj_ex", "obj", "inst", "global"])
    if form == "reduce":
        return op_global(rng, protocol) + op_args(rng, protocol) + b"R"
    if form == "newobj":
        return op_global(rng, protocol) + op_args(rng, protocol) + b"\x81"
    if form == "newobj_ex":
        return op_global(rng, protocol) + op_args(rng, protocol) + b"}" + b"\x92"
    if form == "obj":
        return b"(" + op_global(rng, protocol) + op_scalar(rng) + b"o"
    if form == "inst":
        module, name = rng.choice(GLOBAL_NAMES)
        return b"(" + op_scalar(rng) + b"i" + text_line(module) + text_line(name)
    return op_global(rng, protocol)


def op_special(rng):
    return rng.choice([
        b"\x82" + bytes([rng.randint(0, 3)]),  # EXT1
        b"\x83" + struct.pack("<H", rng.randint(0, 300)),  # EXT2
        b"\x84" + struct.pack("<i", rng.choice([1, 2, 0, -1, 2**31 - 1])),  # EXT4
        b"\x97",  # NEXT_BUFFER
        b"\x97\x98",  # NEXT_BUFFER READONLY_BUFFER
        b"\x80" + bytes([rng.randint(0, 5)]),  # PROTO
        b"C\x01a",
        b"B\x01\x00\x00\x00b",
        b"\x96\x01\x00\x00\x00\x00\x00\x00\x00a",  # BYTEARRAY8
    ])


def op_item(rng, protocol):
    pick = rng.random()
    if pick < 0.35:
        return op_call(rng, protocol)
    if pick < 0.5:
        return op_special(rng)
    if pick < 0.65:
        return b"G" + struct.pack(">d", float("nan")) + b"\x94"  # a NaN, memoized
    return op_scalar(rng)


def opcode_program(rng):
    """A hand-written pickle: items in a list, sometimes repeated through the
    memo (MEMOIZE + BINGET) and in a set or dict."""
    protocol = rng.randint(0, 5)
    out = [b"\x80" + bytes([protocol])] if rng.random() < 0.8 else []
    shape = rng.choice(["list", "set", "dict", "tuple", "one"])
    items = [op_item(rng, protocol) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.5:
        items = [items[0] + b"\x94", b"h\x00"] + items[1:]  # the first item memoized, then fetched again
    if shape == "one":
        out.append(items[0])
    elif shape == "list":
        out.append(b"](" + b"".join(items) + b"e")
    elif shape == "tuple":
        out.append(b"(" + b"".join(items) + b"t")
    elif shape == "set":
        out.append(b"\x8f(" + b"".join(items) + b"\x90")
    else:
        pairs = b"".join(item + op_scalar(rng) for item in items)
        out.append(b"}(" + pairs + b"u")
    return b"".join(out) + b"."


# ---- mutations ----

OPCODE_BYTES = bytes(op.code.encode("latin-1")[0] for op in __import__("pickletools").opcodes)


def mutate(rng, data, others):
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        at = rng.randint(0, len(data))
        if kind < 0.25 and data:
            data[min(at, len(data) - 1)] = rng.randint(0, 255)
        elif kind < 0.45:
            data[at:at] = bytes([rng.choice(OPCODE_BYTES)])
        elif kind < 0.6 and data:
            del data[at:at + rng.randint(1, 4)]
        elif kind < 0.75 and data:
            end = min(len(data), at + rng.randint(1, 8))
            data[end:end] = data[at:end]
        elif others:
            other = rng.choice(others)
            start = rng.randint(0, len(other))
            data[at:at] = other[start:start + rng.randint(1, 16)]
    return bytes(data[:4096])


def next_input(rng, seeds):
    """One input, and the name of its source."""
    pick = rng.random() if seeds else 0.0
    if pick < 0.3:
        data = pickled_value(rng)
        seeds.append(data)
        return data, "value"
    if pick < 0.6:
        data = opcode_program(rng)
        seeds.append(data)
        return data, "opcodes"
    if len(seeds) > 5000:
        del seeds[: len(seeds) - 5000]
    return mutate(rng, rng.choice(seeds), seeds), "mutated"
