#!/usr/bin/env python3
"""The CPython side of fuzz/differential.py: a worker that unpickles inputs.

Started by differential.py as a child process under an address-space limit.
It reads requests from its standard input (a 4-byte big-endian length, then
the pickle) and answers each on its standard output with one JSON line:

    {"outcome": "ok", "repr": ..., "data": true|false}
    {"outcome": "error", "type": "UnpicklingError", "message": ...}
    {"outcome": "skip", "why": ...}

Each input goes to `pickle.loads` itself (not an Unpickler over a file,
which reads FRAMEs differently), restricted for the call: every module but
`builtins`, `copyreg` and `_codecs` is taken out of sys.modules and
`__import__` refuses all others, so a pickle naming another module (after the
Python 2 mapping CPython applies below protocol 3) is skipped ("skip"):
brine prints such names where CPython would import them. The names of those
three modules that act on the process (eval, open, print, add_extension,
...) are replaced for the call by functions that skip the input when
called. "data" says whether the result holds only the built-in data types
brine prints as Python does; otherwise only success is compared.

Once started the worker moves its two streams away and puts /dev/null in
their place, so nothing a pickle calls can read or write them.
"""

import builtins
import _codecs
import copyreg
import json
import os
import pickle
import resource
import struct
import sys

ALLOWED_MODULES = {"builtins", "copyreg", "_codecs"}

# Names of the allowed modules that act on the process or the interpreter.
DENIED_NAMES = {
    builtins: [
        "eval", "exec", "compile", "open", "input", "print", "breakpoint", "exit", "quit", "__import__",
        "help", "setattr", "delattr", "globals", "locals", "vars", "__build_class__", "__loader__", "__spec__",
        "copyright", "credits", "license", "memoryview", "super", "dir",
    ],
    copyreg: ["add_extension", "remove_extension", "clear_extension_cache", "pickle", "constructor"],
    _codecs: ["register", "register_error", "unregister", "lookup_error"],
}

# Codecs looked up once here, so that _codecs.encode(text, 'latin1') in a
# pickle finds them cached instead of importing.
WARM_CODECS = ["latin1", "latin-1", "iso-8859-1", "utf-8", "utf8", "ascii", "utf-16", "utf-32", "cp1252"]

DATA_TYPES = (type(None), bool, int, float, complex, str, bytes, bytearray, tuple, list, dict, set, frozenset)

MAX_REPR_BYTES = 1 << 20

LOADS = pickle.loads


class Skip(Exception):
    """The pickle names something the oracle does not run."""


def refusal(what):
    def refuse(*args, **kwargs):
        raise Skip(what)
    return refuse


def restricted_import(name, globals=None, locals=None, fromlist=(), level=0):
    """__import__ for the call: CPython's find_class imports every module it
    names (an allowed one is in sys.modules already)."""
    if level == 0 and name in ALLOWED_MODULES:
        return sys.modules[name]
    raise Skip(f"names module {name}")


def loads_restricted(data):
    hidden = {name: module for name, module in sys.modules.items() if name not in ALLOWED_MODULES}
    replaced = []
    # Through the modules' __dict__: setattr itself is among the names replaced.
    for module, names in DENIED_NAMES.items():
        namespace = module.__dict__
        for name in names:
            if name in namespace:
                replaced.append((namespace, name, namespace[name]))
                namespace[name] = restricted_import if name == "__import__" else refusal(
                    f"calls {module.__name__}.{name}")
    for name in hidden:
        del sys.modules[name]
    try:
        return LOADS(data)
    finally:
        sys.modules.update(hidden)
        for namespace, name, value in replaced:
            namespace[name] = value


def holds_only_data(value):
    seen = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) not in DATA_TYPES:
            return False
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, (tuple, list, set, frozenset)):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append(key)
                stack.append(child)
    return True


def answer(data):
    try:
        value = loads_restricted(data)
    except Skip as skip:
        return {"outcome": "skip", "why": str(skip)}
    except (MemoryError, RecursionError) as limit:
        return {"outcome": "skip", "why": type(limit).__name__}
    except Exception as error:  # whatever pickle.loads raises is an answer
        return {"outcome": "error", "type": type(error).__name__, "message": str(error)[:300]}
    try:
        text = repr(value)
    except (MemoryError, RecursionError) as limit:
        return {"outcome": "skip", "why": f"repr: {type(limit).__name__}"}
    except Exception as error:
        return {"outcome": "skip", "why": f"repr raised {type(error).__name__}"}
    if len(text.encode("utf-8", "surrogatepass")) > MAX_REPR_BYTES:
        return {"outcome": "skip", "why": "repr longer than the output limit"}
    try:
        data_only = holds_only_data(value)
    except Exception as error:
        return {"outcome": "skip", "why": f"walking the result raised {type(error).__name__}"}
    return {"outcome": "ok", "repr": text, "data": data_only}


def read_exactly(stream, size):
    chunks = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def main():
    for encoding in WARM_CODECS:
        _codecs.encode("a", encoding)
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    requests = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    sys.stdin = sys.stdout = open(os.devnull, "r+")
    while True:
        header = read_exactly(requests, 4)
        if header is None:
            return
        data = read_exactly(requests, struct.unpack(">I", header)[0])
        answers.write(json.dumps(answer(data)) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
