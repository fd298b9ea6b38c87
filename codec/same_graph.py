"""same_graph(a, b): whether two object graphs that pickle.loads returned are
the same Python data: equal values, the same types, and the same shape of
identity (an object reached twice in one graph is one object reached twice
at the same places in the other; cycles included).

Used by the encoder's cross-protocol test to compare what CPython loads from
an original pickle with what it loads from brine's transcoding of it.
Walks iteratively, so deep and cyclic graphs are fine.
"""

import collections
import types

_ATOMS = (type(None), bool, int, str, bytes, bytearray, complex, range, slice)
_MISSING = object()


def _same_float(x, y):
    return repr(x) == repr(y)


def same_graph(a, b):
    """Returns None when the graphs match, else a string saying where they differ."""
    forward, backward, alive = {}, {}, []
    stack = [(a, b, "root")]
    while stack:
        x, y, path = stack.pop()
        if type(x) is not type(y):
            return "%s: type %s vs %s" % (path, type(x).__name__, type(y).__name__)
        if isinstance(x, float):
            if not _same_float(x, y):
                return "%s: %r vs %r" % (path, x, y)
            continue
        if isinstance(x, _ATOMS):
            if x != y and not (isinstance(x, complex) and repr(x) == repr(y)):
                return "%s: %r vs %r" % (path, x, y)
            continue
        if isinstance(x, (type, types.FunctionType)):
            if x is not y:
                return "%s: %r vs %r" % (path, x, y)
            continue
        if isinstance(x, types.BuiltinFunctionType):
            # Built-in methods are made afresh by each attribute lookup.
            if x != y:
                return "%s: %r vs %r" % (path, x, y)
            continue
        # Identity: the pairing of objects must be one to one.
        if id(x) in forward or id(y) in backward:
            if forward.get(id(x)) != id(y) or backward.get(id(y)) != id(x):
                return "%s: shared identity differs" % path
            continue
        forward[id(x)], backward[id(y)] = id(y), id(x)
        alive.extend((x, y))
        if isinstance(x, types.MethodType):
            if x.__func__ is not y.__func__:
                return "%s: method %r vs %r" % (path, x, y)
            stack.append((x.__self__, y.__self__, path + ".__self__"))
            continue
        if isinstance(x, (set, frozenset)):
            if x != y:
                return "%s: %r vs %r" % (path, x, y)
            continue
        if isinstance(x, (list, tuple, collections.deque)):
            if len(x) != len(y):
                return "%s: length %d vs %d" % (path, len(x), len(y))
            stack.extend((p, q, "%s[%d]" % (path, i)) for i, (p, q) in enumerate(zip(x, y)))
            if isinstance(x, collections.deque) and x.maxlen != y.maxlen:
                return "%s: maxlen differs" % path
        if isinstance(x, dict):
            if list(x.keys()) != list(y.keys()):
                return "%s: keys %r vs %r" % (path, list(x.keys())[:5], list(y.keys())[:5])
            stack.extend((x[k], y[k], "%s[%r]" % (path, k)) for k in x)
            if isinstance(x, collections.defaultdict) and x.default_factory is not y.default_factory:
                return "%s: default_factory differs" % path
        if hasattr(x, "__dict__"):
            stack.append((vars(x), vars(y), path + ".__dict__"))
        for cls in type(x).__mro__:
            for slot in getattr(cls, "__slots__", ()):
                if slot in ("__dict__", "__weakref__"):
                    continue
                stack.append((getattr(x, slot, _MISSING), getattr(y, slot, _MISSING), "%s.%s" % (path, slot)))
        if not isinstance(x, (list, tuple, dict, collections.deque)) and not hasattr(x, "__dict__") \
                and not any(getattr(c, "__slots__", ()) for c in type(x).__mro__):
            # Opaque values (datetime, Decimal, Fraction, ...): their own equality.
            if x != y:
                return "%s: %r vs %r" % (path, x, y)
    return None
