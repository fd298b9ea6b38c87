"""Classes and functions that conformance pickles refer to by name.

Every pickle of an instance names its class as `fixtures.<Name>`, so this file
must be importable as the top-level module `fixtures` (cases.py puts its own
folder on sys.path and imports it that way). Each class covers one way CPython
pickles an object: plain __dict__, __slots__, __getnewargs__,
__getnewargs_ex__ with keyword arguments, __reduce__ calling a function,
__getstate__/__setstate__, subclasses of list and dict, a namedtuple, and a
bound method. All define __eq__ so a reloaded object compares equal to the
original whichever protocol wrote it.
"""

import collections


class _Comparable:
    """Equality by type and the attributes a subclass names in _fields."""

    _fields = ()

    def __eq__(self, other):
        return type(self) is type(other) and all(
            getattr(self, name) == getattr(other, name) for name in self._fields
        )

    def __repr__(self):
        args = ", ".join("%s=%r" % (name, getattr(self, name)) for name in self._fields)
        return "%s(%s)" % (type(self).__name__, args)


class Point(_Comparable):
    """A plain class: pickled as class + __dict__ state."""

    _fields = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


class SlotPoint(_Comparable):
    """__slots__ without __dict__: state is (None, {slot: value}); protocol 2+ only."""

    __slots__ = ("x", "y")
    _fields = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Frozen(_Comparable):
    """Built by __new__ from __getnewargs__ (NEWOBJ at protocol 2+)."""

    _fields = ("value",)

    def __new__(cls, value=None):
        self = super().__new__(cls)
        self.value = value
        return self

    def __getnewargs__(self):
        return (self.value,)

    def __getstate__(self):
        return None


class Keyed(_Comparable):
    """Built by __new__ with keyword arguments (NEWOBJ_EX at protocol 4+)."""

    _fields = ("name", "size")

    def __new__(cls, name=None, *, size=0):
        self = super().__new__(cls)
        self.name = name
        self.size = size
        return self

    def __getnewargs_ex__(self):
        return (self.name,), {"size": self.size}

    def __getstate__(self):
        return None


def make_money(amount, currency):
    """The reconstructor Money.__reduce__ names."""
    return Money(amount, currency)


class Money(_Comparable):
    """__reduce__ returning a call of a module-level function."""

    _fields = ("amount", "currency")

    def __init__(self, amount, currency):
        self.amount = amount
        self.currency = currency

    def __reduce__(self):
        return (make_money, (self.amount, self.currency))


class Counter(_Comparable):
    """Custom __getstate__/__setstate__: state is a tuple, not a dict."""

    _fields = ("count", "label")

    def __init__(self, count, label):
        self.count = count
        self.label = label

    def __getstate__(self):
        return (self.count, self.label)

    def __setstate__(self, state):
        self.count, self.label = state


class TaggedList(list):
    """A list subclass with an attribute: NEWOBJ/reduce + APPENDS + BUILD."""

    def __eq__(self, other):
        return (type(self) is type(other) and list.__eq__(self, other)
                and self.__dict__ == other.__dict__)


class TaggedDict(dict):
    """A dict subclass with an attribute: NEWOBJ/reduce + SETITEMS + BUILD."""

    def __eq__(self, other):
        return (type(self) is type(other) and dict.__eq__(self, other)
                and self.__dict__ == other.__dict__)


class Node(_Comparable):
    """A tree node, for nested instances."""

    _fields = ("label", "children")

    def __init__(self, label, children=()):
        self.label = label
        self.children = list(children)


Pair = collections.namedtuple("Pair", ["left", "right"])
