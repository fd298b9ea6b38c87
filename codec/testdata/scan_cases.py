# Generates scanner test cases with CPython. Each pickle is loaded with an
# Unpickler whose find_class returns recording stubs, so CPython itself says
# which globals the pickle imports and which calls it makes, in order.
#
# Output: per case "case <name>", "pickle <hex>", then one "import <module>.<name>"
# or "call <expression>" line per event, then "end".
import collections
import copyreg
import datetime
import io
import os
import pickle
import sys

events = []


class Result:
    """What a recorded call returns: callable again, repr'd as its expression."""

    def __init__(self, expression):
        self.expression = expression

    def __repr__(self):
        return self.expression

    def __call__(self, *args, **kwargs):
        expression = "%s(%s)" % (self.expression, format_args(args, kwargs))
        events.append("call " + expression)
        return Result(expression)

    def __setstate__(self, state):
        pass

    def __setitem__(self, key, value):
        pass

    def append(self, item):
        pass

    def extend(self, items):
        pass


def format_args(args, kwargs):
    parts = [repr(a) for a in args] + ["**" + repr(kwargs)] if kwargs else [repr(a) for a in args]
    return ", ".join(parts)


class StubMeta(type):
    def __call__(cls, *args, **kwargs):
        expression = "%s(%s)" % (cls.qual, format_args(args, kwargs))
        events.append("call " + expression)
        return Result(expression)

    def __repr__(cls):
        return cls.qual


def make_stub(module, name):
    qual = "%s.%s" % (module, name)

    def new(cls, *args, **kwargs):
        extra = format_args(args, kwargs)
        expression = "%s.__new__(%s%s)" % (qual, qual, ", " + extra if extra else "")
        events.append("call " + expression)
        return Result(expression)

    return StubMeta(name, (), {"qual": qual, "__new__": new})


class RecordingUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        events.append("import %s.%s" % (module, name))
        return make_stub(module, name)


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


class Thing:
    def __init__(self):
        self.x = 1


class Plain:
    pass


cases = []
for protocol in range(6):
    cases.append(("evil_reduce/p%d" % protocol, pickle.dumps(Evil(), protocol)))
    cases.append(("two_dangerous/p%d" % protocol, pickle.dumps([os.system, os.popen, os.system], protocol)))
    cases.append(("ordered_dict/p%d" % protocol, pickle.dumps(collections.OrderedDict(a=1), protocol)))
    cases.append(("date/p%d" % protocol, pickle.dumps(datetime.date(2020, 1, 2), protocol)))
    cases.append(("instance/p%d" % protocol, pickle.dumps(Thing(), protocol)))
    cases.append(("benign/p%d" % protocol, pickle.dumps({"a": [1, 2.5, "x"], "b": (None, True)}, protocol)))
cases += [
    ("getattr_chain_global",
     b"cbuiltins\ngetattr\n(cbuiltins\n__import__\n(S'os'\ntRS'system'\ntR(S'id'\ntR."),
    ("getattr_chain_stack_global",
     b"\x80\x04\x8c\x08builtins\x94\x8c\x07getattr\x93\x8c\x08builtins\x8c\n__import__\x93\x8c\x02os\x85R"
     b"\x8c\x06system\x86R\x8c\x02id\x85R."),
    ("stack_global_from_memo",
     b"\x80\x04\x8c\x05posix\x94\x8c\x06system\x94\x93h\x00h\x01\x93\x86."),
    ("py2_eval", b"c__builtin__\neval\n(S'1+1'\ntR."),
    ("inst_opcode", b"(S'ls'\nios\nsystem\n."),
    ("obj_opcode", b"(cos\nsystem\nS'ls'\no."),
    ("unicode_names", b"\x80\x04X\x05\x00\x00\x00posixX\x06\x00\x00\x00system\x93."),
]

out = []
for name, data in cases:
    events.clear()
    unpickler = RecordingUnpickler(io.BytesIO(data))
    unpickler.persistent_load = lambda pid: Result("persistent_load(%r)" % (pid,))
    unpickler.load()
    out.append("case " + name)
    out.append("pickle " + data.hex())
    out += events
    out.append("end")
sys.stdout.write("\n".join(out) + "\n")
