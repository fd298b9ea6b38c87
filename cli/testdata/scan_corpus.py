# The two corpora of cli/scan_corpus_test.cc, made with CPython:
#
# - code-running pickles: about 50 families of ways a pickle runs code (shell
#   and process spawners, eval/exec wrappers, name resolvers, file writes,
#   network, nested loaders, extension codes, Python 2 names, names split
#   through the memo or computed while unpickling), each written in the forms
#   that apply: GLOBAL, STACK_GLOBAL, INST, OBJ, and dotted names that
#   find_class walks at protocol 4 (`pathlib` + `os.system`). Each is proven
#   to run code by loading it with pickle.loads in a throwaway CPython process
#   inside a fresh temporary directory, with a harmless payload: touching the
#   file `pwned` there (or removing a directory made for it, or connecting to
#   a socket this script listens on).
# - benign pickles: CPython's own pickles of everyday types at protocols 0-5,
#   numpy, pandas and scikit-learn objects, bound methods and
#   ProcessPoolExecutor tasks as multiprocessing sends them. Classes this
#   script defines live in __main__ (the test allows it with --allow __main__).
#
# Run with Debian's /usr/bin/python3 (python3-numpy, -pandas, -sklearn); argv[1],
# when given, is a second CPython 3.11 used to prove the families whose module
# the first lacks (idlelib). Output, one case per line:
#   evil <name> ran <hex>            (or: evil <name> did-not-run:<why> <hex>)
#   benign <name> <hex>
# and a line "names <module> <qualname>" for each global a benign pickle's
# find_class is asked for (how codec/scan_allow_list.inc was filled).
import concurrent.futures
import io
import marshal
import os
import pickle
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import warnings

warnings.simplefilter("ignore")

# ---------------------------------------------------------------- assembler


class G:
    """A global, imported with GLOBAL or STACK_GLOBAL (or spelled another way
    by a family's variants when `key`)."""

    def __init__(self, module, name, key=False):
        self.module, self.name, self.key = module, name, key


class C:
    """A call: func(*args), written with REDUCE."""

    def __init__(self, func, *args):
        self.func, self.args = func, args


class Ext:
    """An extension code, written with EXT1/EXT2/EXT4."""

    def __init__(self, code):
        self.code = code


def text(s):
    data = s.encode("utf-8")
    return b"X" + struct.pack("<I", len(data)) + data


class Writer:
    def __init__(self, stack_global, key_spelling=None, memo_names=False):
        self.stack_global = stack_global
        self.key_spelling = key_spelling
        self.memo_names = memo_names
        self.memo = 0

    def name_strings(self, module, name):
        if not self.memo_names:
            return text(module) + text(name)
        # Both strings stored in the memo and fetched back before STACK_GLOBAL.
        out = text(module) + b"q" + bytes([self.memo]) + b"0" + text(name) + b"q" + bytes([self.memo + 1]) + b"0"
        out += b"h" + bytes([self.memo]) + b"h" + bytes([self.memo + 1])
        self.memo += 2
        return out

    def glob(self, g):
        module, name = (self.key_spelling if g.key and self.key_spelling else (g.module, g.name))
        if self.stack_global:
            return self.name_strings(module, name) + b"\x93"
        return b"c" + module.encode() + b"\n" + name.encode() + b"\n"

    def value(self, v):
        if isinstance(v, G):
            return self.glob(v)
        if isinstance(v, C):
            return self.value(v.func) + self.value(tuple(v.args)) + b"R"
        if isinstance(v, Ext):
            if v.code < 0x100:
                return b"\x82" + bytes([v.code])
            if v.code < 0x10000:
                return b"\x83" + struct.pack("<H", v.code)
            return b"\x84" + struct.pack("<i", v.code)
        if v is None:
            return b"N"
        if v is True or v is False:
            return b"\x88" if v else b"\x89"
        if isinstance(v, int):
            return b"J" + struct.pack("<i", v)
        if isinstance(v, str):
            return text(v)
        if isinstance(v, bytes):
            return b"B" + struct.pack("<I", len(v)) + v
        if isinstance(v, tuple):
            return b"(" + b"".join(self.value(x) for x in v) + b"t"
        if isinstance(v, list):
            return b"(" + b"".join(self.value(x) for x in v) + b"l"
        if isinstance(v, dict):
            return b"(" + b"".join(self.value(k) + self.value(x) for k, x in v.items()) + b"d"
        raise TypeError(v)


def proto(n):
    return b"\x80" + bytes([n])


def steps(writer, nodes):
    """Several top-level expressions, all but the last popped."""
    return b"0".join(writer.value(n) for n in nodes) + b"."


# ----------------------------------------------------------------- families

TOUCH = "touch pwned"
TOUCH_ARGV = ["touch", "pwned"]
PY_TOUCH = "open('pwned', 'w').close()"
EVAL_TOUCH = "__import__('os').system('touch pwned')"
OS_MODULE = G("pathlib", "os")  # the os module, as an attribute of pathlib
GETATTR = G("builtins", "getattr")


def method(obj, name, *args):
    return C(C(GETATTR, obj, name), *args)


class Family:
    def __init__(self, name, node, dotted=(), p4=False, check="marker", needs=None):
        self.name, self.node, self.dotted = name, node, dotted
        self.p4, self.check, self.needs = p4, check, needs

    def top_global(self):
        node = self.node if not isinstance(self.node, list) else None
        if isinstance(node, C) and isinstance(node.func, G) and not self.find_key(node):
            return node
        return None

    def find_key(self, node):
        if isinstance(node, G):
            return node.key
        if isinstance(node, C):
            return self.find_key(node.func) or any(self.find_key(a) for a in node.args)
        if isinstance(node, (list, tuple)):
            return any(self.find_key(a) for a in node)
        if isinstance(node, dict):
            return any(self.find_key(a) for a in node.values())
        return False

    def forms(self):
        nodes = self.node if isinstance(self.node, list) else [self.node]
        start = proto(4) if self.p4 else b""
        yield "GLOBAL", start + steps(Writer(False), nodes)
        yield "STACK_GLOBAL", proto(4) + steps(Writer(True), nodes)
        top = self.top_global()
        if top is not None:
            w = Writer(False)
            g = top.func
            args = b"".join(w.value(a) for a in top.args)
            yield "INST", start + b"(" + args + b"i" + g.module.encode() + b"\n" + g.name.encode() + b"\n."
            yield "OBJ", start + b"(" + w.value(g) + args + b"o."
        key = self.node if not self.find_key(self.node) else None
        for module, name in self.dotted:
            if key is not None:
                # The top callee is the one spelled another way.
                key.func.key = True
            tag = "%s+%s" % (module, name)
            yield "dotted_STACK_GLOBAL:" + tag, proto(4) + steps(Writer(True, (module, name)), nodes)
            yield "dotted_GLOBAL:" + tag, proto(4) + steps(Writer(False, (module, name)), nodes)


def families(port):
    evil_inner = b"cos\nsystem\n(X" + struct.pack("<I", len(TOUCH)) + TOUCH.encode() + b"tR."
    code = marshal.dumps(compile(PY_TOUCH, "payload", "exec"))
    return [
        Family("os_system", C(G("os", "system"), TOUCH), dotted=[("pathlib", "os.system"), ("os.path", "os.system")]),
        Family("posix_system", C(G("posix", "system"), TOUCH)),
        Family("os_popen", C(G("os", "popen"), TOUCH)),
        Family("subprocess_call", C(G("subprocess", "call"), TOUCH_ARGV),
               dotted=[("asyncio", "subprocess.subprocess.call")]),
        Family("subprocess_popen", C(G("subprocess", "Popen"), TOUCH_ARGV)),
        Family("subprocess_getoutput", C(G("subprocess", "getoutput"), TOUCH)),
        Family("pty_spawn", C(G("pty", "spawn"), TOUCH_ARGV)),
        Family("os_execv", C(G("os", "execv"), "/usr/bin/touch", TOUCH_ARGV)),
        Family("os__execvpe", C(G("os", "_execvpe"), "touch", TOUCH_ARGV)),
        Family("os_spawnlp", C(G("os", "spawnlp"), 0, "touch", "touch", "pwned")),
        Family("os_posix_spawnp", C(G("os", "posix_spawnp"), "touch", TOUCH_ARGV, {})),
        Family("builtins_eval", C(G("builtins", "eval"), EVAL_TOUCH), dotted=[("reprlib", "builtins.eval")]),
        Family("builtins_exec", C(G("builtins", "exec"), PY_TOUCH), dotted=[("reprlib", "builtins.exec")]),
        Family("getattr_import", C(C(GETATTR, C(G("builtins", "__import__"), "os"), "system"), TOUCH)),
        Family("importlib_import_module",
               C(C(GETATTR, C(G("importlib", "import_module", key=True), "os"), "system"), TOUCH),
               dotted=[("pkgutil", "importlib.import_module")]),
        Family("getattr_module_attribute", method(OS_MODULE, "system", TOUCH)),
        Family("operator_attrgetter", C(C(C(G("operator", "attrgetter"), "system"), OS_MODULE), TOUCH)),
        Family("operator_methodcaller", C(C(G("operator", "methodcaller"), "system", TOUCH), OS_MODULE)),
        Family("functools_partial", C(C(G("functools", "partial"), G("os", "system"), TOUCH))),
        Family("partial_of_getattr", C(C(C(G("functools", "partial"), GETATTR, OS_MODULE, "system")), TOUCH)),
        Family("pickle_loads", C(G("pickle", "loads"), evil_inner),
               dotted=[("multiprocessing.reduction", "ForkingPickler.loads")]),
        Family("types_function_type", C(C(G("types", "FunctionType", key=True), C(G("marshal", "loads"), code), {})),
               dotted=[("typing", "types.FunctionType")]),
        Family("runpy_run_code", C(G("runpy", "_run_code"), PY_TOUCH, {})),
        Family("shutil_rmtree", C(G("shutil", "rmtree"), "victim"), dotted=[("tempfile", "_shutil.rmtree")],
               check="removed"),
        Family("socket_connection", C(G("socket", "create_connection"), ("127.0.0.1", port)), check="connected"),
        Family("ssl_connection", C(G("ssl", "create_connection"), ("127.0.0.1", port)), check="connected"),
        Family("ctypes_system", method(C(G("ctypes", "CDLL"), None), "system", TOUCH.encode())),
        Family("pkgutil_resolve_name", C(C(G("pkgutil", "resolve_name"), "os:system"), TOUCH)),
        Family("pydoc_locate", C(C(G("pydoc", "locate"), "os.system"), TOUCH)),
        Family("logging_dict_config",
               C(G("logging.config", "dictConfig"),
                 {"version": 1, "handlers": {"h": {"()": "subprocess.call", "args": TOUCH_ARGV}}})),
        Family("typing_forward_ref",
               C(G("typing", "ForwardRef._evaluate"), C(G("typing", "ForwardRef"), EVAL_TOUCH), {}, {},
                 C(G("builtins", "frozenset"))), p4=True),
        Family("dataclasses_create_fn",
               C(C(G("dataclasses", "_create_fn"), "f", [], ["return __import__('os').system('touch pwned')"]))),
        Family("code_interactive", method(C(G("code", "InteractiveInterpreter")), "runsource", PY_TOUCH)),
        Family("code_runsource_dotted",
               C(G("code", "InteractiveInterpreter.runsource"), C(G("code", "InteractiveInterpreter")), PY_TOUCH),
               p4=True),
        Family("multiprocessing_spawnv_passfds",
               C(G("multiprocessing.util", "spawnv_passfds"), b"/usr/bin/touch", TOUCH_ARGV, [])),
        Family("pydoc_pipepager", C(G("pydoc", "pipepager"), "", TOUCH)),
        Family("imaplib_stream", C(G("imaplib", "IMAP4_stream"), TOUCH)),
        Family("uuid_command_stdout", C(G("uuid", "_get_command_stdout"), "touch", "pwned")),
        Family("setuptools_spawn", C(G("setuptools._distutils.spawn", "spawn"), TOUCH_ARGV), needs="setuptools"),
        Family("pip_call_subprocess",
               C(C(G("pip._internal.utils.subprocess", "runner_with_spinner_message", key=True), "x"), TOUCH_ARGV),
               needs="pip._internal.utils.subprocess"),
        Family("idlelib_get_entity", C(G("idlelib.calltip", "get_entity"), EVAL_TOUCH), needs="idlelib.calltip"),
        Family("io_file_io", C(G("io", "FileIO"), "pwned", "w"), dotted=[("_io", "FileIO")]),
        Family("builtins_open", C(G("builtins", "open"), "pwned", "w")),
        Family("os_open", C(G("os", "open"), "pwned", os.O_CREAT | os.O_WRONLY)),
        Family("codecs_open", C(G("codecs", "open"), "pwned", "w")),
        Family("pathlib_touch", method(C(G("pathlib", "PosixPath"), "pwned"), "touch")),
        Family("pathlib_touch_dotted", C(G("pathlib", "Path.touch"), C(G("pathlib", "PosixPath"), "pwned")), p4=True),
        Family("asyncio_subprocess_shell",
               C(G("asyncio", "run"), C(G("asyncio", "create_subprocess_shell", key=True), TOUCH)),
               dotted=[("asyncio", "subprocess.create_subprocess_shell")]),
        Family("object_getattribute", C(C(G("builtins", "object.__getattribute__"), OS_MODULE, "system"), TOUCH),
               p4=True),
        Family("numpy_runstring", C(G("numpy.testing._private.utils", "runstring"), PY_TOUCH, {}),
               dotted=[("numpy", "testing._private.utils.runstring")], needs="numpy"),
        Family("timeit_timer", method(C(G("timeit", "Timer"), PY_TOUCH), "timeit", 1)),
        Family("cprofile_run", C(G("cProfile", "run"), PY_TOUCH)),
        Family("copyreg_reconstructor_popen",
               C(G("copyreg", "_reconstructor"), G("subprocess", "Popen"), G("subprocess", "Popen"), TOUCH_ARGV)),
        Family("extension_codes_1", [C(G("copyreg", "add_extension"), "os", "system", 200), C(Ext(200), TOUCH)]),
        Family("extension_codes_2", [C(G("copyreg", "add_extension"), "os", "system", 40000), C(Ext(40000), TOUCH)]),
        Family("extension_codes_4",
               [C(G("copyreg", "add_extension"), "os", "system", 100000), C(Ext(100000), TOUCH)]),
    ]


def special_cases():
    """Forms the families above do not produce: Python 2 names below
    protocol 3, names split through the memo, names computed while
    unpickling."""
    w = Writer(False)
    yield "py2_builtin_eval", proto(2) + b"c__builtin__\neval\n" + w.value((EVAL_TOUCH,)) + b"R."
    yield "py2_commands_getoutput", proto(2) + b"ccommands\ngetoutput\n" + w.value((TOUCH,)) + b"R."
    yield "py2_inst_builtin_eval", b"(" + text(EVAL_TOUCH) + b"i__builtin__\neval\n."
    memo = Writer(True, memo_names=True)
    yield "memo_split_os_system", proto(4) + memo.value(C(G("os", "system"), TOUCH)) + b"."
    memo = Writer(True, memo_names=True)
    yield "memo_split_dotted", proto(4) + memo.value(C(G("pathlib", "os.system"), TOUCH)) + b"."
    computed = Writer(True)
    module = computed.value(C(G("builtins", "str"), "os"))
    yield "computed_name", proto(4) + module + text("system") + b"\x93" + computed.value((TOUCH,)) + b"R."


# ------------------------------------------------------------------- proofs

LOADER = "import pickle, sys\ntry:\n    pickle.loads(open('case.pkl', 'rb').read())\nexcept BaseException as e:\n    print(repr(e))\n"


def has_module(interpreter, module):
    return subprocess.run([interpreter, "-c", "import " + module], capture_output=True).returncode == 0


def prove(interpreter, family_check, data, server):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "case.pkl"), "wb") as f:
            f.write(data)
        os.mkdir(os.path.join(tmp, "victim"))
        try:
            subprocess.run([interpreter, "-c", LOADER], cwd=tmp, capture_output=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            pass
        deadline = time.time() + 5
        while time.time() < deadline:
            if family_check == "marker" and os.path.exists(os.path.join(tmp, "pwned")):
                return "ran"
            if family_check == "removed" and not os.path.exists(os.path.join(tmp, "victim")):
                return "ran"
            if family_check == "connected":
                try:
                    server.accept()[0].close()
                    return "ran"
                except OSError:
                    pass
            time.sleep(0.05)
        return "did-not-run:no-effect"


def evil_cases(other_interpreter):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    jobs = []
    for family in families(port):
        interpreter = sys.executable
        if family.needs and not has_module(interpreter, family.needs):
            interpreter = other_interpreter if other_interpreter and has_module(other_interpreter, family.needs) else None
        for form, data in family.forms():
            jobs.append(("%s/%s" % (family.name, form), interpreter, family.check, data))
    for name, data in special_cases():
        jobs.append((name, sys.executable, "marker", data))
    # Sockets are proven one at a time (the listening socket is shared).
    results = []
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = {}
        for name, interpreter, check, data in jobs:
            if interpreter is None:
                results.append((name, "did-not-run:module-missing", data))
            elif check == "connected":
                results.append((name, prove(interpreter, check, data, server), data))
            else:
                futures[name] = (pool.submit(prove, interpreter, check, data, server), data)
        for name, (future, data) in futures.items():
            results.append((name, future.result(), data))
    server.close()
    return sorted(results)


# ------------------------------------------------------------------- benign

import array
import collections
import dataclasses
import datetime
import decimal
import enum
import fractions
import functools
import http
import ipaddress
import pathlib
import re
import uuid
import zoneinfo
from concurrent.futures.process import _CallItem, _process_chunk
from multiprocessing.reduction import ForkingPickler

class Color(enum.Enum):
    RED = 1
    GREEN = 2

class Perm(enum.IntFlag):
    R = 4
    W = 2

Point = collections.namedtuple("Point", "x y")

@dataclasses.dataclass
class Record:
    name: str
    values: list

class Thing:
    def __init__(self):
        self.x = 1
        self.items = [1, 2]
    def method(self, value):
        return value * 2

class Slotted:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a = 1
        self.b = "two"

class Reduced:
    def __init__(self, value):
        self.value = value
    def __reduce__(self):
        return (Reduced, (self.value,))

def everyday():
    tz = zoneinfo.ZoneInfo("Europe/Paris")
    yield from {
        "scalars": [0, 1, -1, 2**70, 1.5, "text", "ünï", b"\x00\xff", bytearray(b"ab"), None, True, 3 + 4j],
        "containers": {"list": [1, [2]], "tuple": (1, (2,)), "set": {1, 2}, "frozenset": frozenset({3}), "dict": {1: {2: 3}}},
        "range_slice": [range(1, 10, 2), slice(1, 2, 3)],
        "date": datetime.date(2024, 2, 29),
        "time": datetime.time(12, 30, 15, 5),
        "datetime": datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
        "datetime_utc": datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc),
        "datetime_offset": datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=2), "X")),
        "datetime_zoneinfo": datetime.datetime(2024, 1, 2, tzinfo=tz),
        "zoneinfo": tz,
        "timedelta": datetime.timedelta(days=1, seconds=2),
        "decimal": [decimal.Decimal("1.10"), decimal.Decimal("-Infinity")],
        "fraction": fractions.Fraction(1, 3),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "ordered_dict": collections.OrderedDict(a=1, b=2),
        "defaultdict": collections.defaultdict(list, {"a": [1]}),
        "defaultdict_int": collections.defaultdict(int),
        "counter": collections.Counter("abracadabra"),
        "deque": collections.deque([1, 2, 3], maxlen=5),
        "chain_map": collections.ChainMap({"a": 1}, {"b": 2}),
        "namedtuple": Point(1, 2),
        "enum": [Color.RED, Color.GREEN],
        "int_flag": Perm.R | Perm.W,
        "http_status": http.HTTPStatus.NOT_FOUND,
        "regex_flag": re.IGNORECASE,
        "regex": re.compile(r"a+b", re.I),
        "pure_path": pathlib.PurePosixPath("/a/b"),
        "path": pathlib.PosixPath("a/b"),
        "ip": [ipaddress.ip_address("10.0.0.1"), ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_address("::1")],
        "array": array.array("d", [1.0, 2.0]),
        "partial": functools.partial(max, 1),
        "dataclass": Record("r", [1, 2]),
        "instance": Thing(),
        "slots": Slotted(),
        "reduce": Reduced(5),
        "shared": [[1]] * 3,
        "bound_list_append": [].append,
        "bound_str_lower": "Abc".lower,
        "bound_user_method": Thing().method,
        "bound_dict_fromkeys": dict.fromkeys,
        "unbound_str_upper": str.upper,
    }.items()

def tasks():
    thing = Thing()
    yield "task_map", ForkingPickler.dumps(_CallItem(0, functools.partial(_process_chunk, thing.method), ([(1,), (2,)],), {}))
    yield "task_submit", ForkingPickler.dumps(_CallItem(1, thing.method, (3,), {}))
    yield "task_builtin", ForkingPickler.dumps(_CallItem(2, functools.partial(_process_chunk, "x".upper), ([()],), {}))

def scientific():
    import numpy as np
    import pandas as pd
    from sklearn import cluster, decomposition, ensemble, linear_model, neighbors, pipeline, preprocessing, svm, tree
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.compose import ColumnTransformer
    x = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.5], [3.0, 2.5], [4.0, 0.5], [5.0, 3.0]])
    y = np.array([0, 1, 0, 1, 0, 1])
    yield from {
        "numpy_array": np.arange(6, dtype=np.int64).reshape(2, 3),
        "numpy_fortran": np.asfortranarray(x),
        "numpy_float32": np.linspace(0, 1, 5, dtype=np.float32),
        "numpy_structured": np.zeros(2, dtype=[("a", "i4"), ("b", "f8")]),
        "numpy_object": np.array(["a", 1, None], dtype=object),
        "numpy_str": np.array(["ab", "c"]),
        "numpy_datetime": np.array(["2024-01-01", "2024-02-01"], dtype="datetime64[D]"),
        "numpy_scalars": [np.float64(1.5), np.int32(7), np.bool_(True), np.str_("s"), np.complex128(1j)],
        "numpy_dtype": [np.dtype("f8"), np.dtype(">i2"), np.dtype([("a", "u1")])],
        "numpy_masked": np.ma.masked_array([1, 2, 3], mask=[0, 1, 0]),
        "numpy_matrix": np.matrix([[1, 2], [3, 4]]),
        "numpy_generator": np.random.default_rng(1),
        "numpy_random_state": np.random.RandomState(1),
        "pandas_frame": pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "c": [1.5, None]}),
        "pandas_series": pd.Series([1.0, 2.0], index=["a", "b"], name="s"),
        "pandas_categorical": pd.Categorical(["a", "b", "a"]),
        "pandas_datetime_index": pd.date_range("2024-01-01", periods=3, tz="UTC"),
        "pandas_timestamp": pd.Timestamp("2024-01-01 12:00"),
        "pandas_timedelta": pd.Timedelta("1 day"),
        "pandas_period": pd.Period("2024-01", freq="M"),
        "pandas_interval": pd.Interval(0, 1),
        "pandas_multi_index": pd.MultiIndex.from_tuples([(1, "a"), (2, "b")]),
        "pandas_frame_dates": pd.DataFrame({"t": pd.date_range("2024-01-01", periods=2), "n": [1, 2]}),
        "pandas_nullable": pd.array([1, None], dtype="Int64"),
        "sklearn_linear": linear_model.LinearRegression().fit(x, y),
        "sklearn_logistic": linear_model.LogisticRegression().fit(x, y),
        "sklearn_tree": tree.DecisionTreeClassifier(random_state=0).fit(x, y),
        "sklearn_forest": ensemble.RandomForestClassifier(n_estimators=3, random_state=0).fit(x, y),
        "sklearn_boosting": ensemble.GradientBoostingClassifier(n_estimators=3, random_state=0).fit(x, y),
        "sklearn_scaler": preprocessing.StandardScaler().fit(x),
        "sklearn_onehot": preprocessing.OneHotEncoder().fit([["a"], ["b"]]),
        "sklearn_label": preprocessing.LabelEncoder().fit(["a", "b"]),
        "sklearn_pipeline": pipeline.make_pipeline(preprocessing.StandardScaler(), svm.SVC()).fit(x, y),
        "sklearn_kmeans": cluster.KMeans(n_clusters=2, n_init=2, random_state=0).fit(x),
        "sklearn_pca": decomposition.PCA(n_components=1).fit(x),
        "sklearn_knn": neighbors.KNeighborsClassifier(n_neighbors=2).fit(x, y),
        "sklearn_kdtree": neighbors.KDTree(x),
        "sklearn_tfidf": TfidfVectorizer().fit(["apple banana cherry", "banana cherry date"]),
        "sklearn_columns": ColumnTransformer([("s", preprocessing.StandardScaler(), [0])]).fit(x),
    }.items()


class RecordingUnpickler(pickle.Unpickler):
    def __init__(self, data, names):
        super().__init__(io.BytesIO(data))
        self.names = names

    def find_class(self, module, name):
        self.names.add((module, name))
        return super().find_class(module, name)


def benign_cases():
    cases = []
    for name, obj in list(everyday()) + list(scientific()):
        for protocol in range(6):
            try:
                cases.append(("%s/p%d" % (name, protocol), pickle.dumps(obj, protocol)))
            except TypeError:
                pass  # e.g. __slots__ without __getstate__ below protocol 2
    for name, data in tasks():
        cases.append((name, data))
    return cases


def main():
    out = []
    for name, proof, data in evil_cases(sys.argv[1] if len(sys.argv) > 1 else None):
        out.append("evil %s %s %s" % (name, proof, data.hex()))
    names = set()
    for name, data in benign_cases():
        RecordingUnpickler(data, names).load()
        out.append("benign %s %s" % (name, data.hex()))
    for module, name in sorted(names):
        out.append("names %s %s" % (module, name))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
