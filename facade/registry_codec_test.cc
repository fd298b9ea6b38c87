// The registry through the codec, both directions against CPython: typed
// values pickled byte for byte as Python pickles its own classes, bound
// methods (getattr and the Python 2 _unpickle_method recipe), extension
// codes 1, 300 and 70000 (EXT1/EXT2/EXT4), persistent ids at protocol 0 and
// binary protocols, opaque names re-encoding exactly.
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"
#include "gtest/gtest.h"
#include "brine/registry/point_fixture.h"
#include "brine/registry/registry.h"
#include "brine/facade/registry_codec.h"
#include "brine/tests/python_runner.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

// Python's side of every test: modules geometry (Point), tasks (Base,
// Worker) and mp_recipes (the Python 2 bound-method recipe), made importable
// without files. Scripts read brine's bytes from stdin and write hex lines.
constexpr char kPrelude[] = R"(
import copyreg, io, pickle, pickletools, sys, types
def module(name):
    m = types.ModuleType(name); sys.modules[name] = m; return m
class Point:
    def __init__(self, x, y): self.x = x; self.y = y
Point.__module__ = 'geometry'; module('geometry').Point = Point
class Base:
    def process(self, n): return n * self.factor
    def __hidden(self, n): return n * self.factor * 100
class Worker(Base):
    def __init__(self, factor): self.factor = factor
    def __secret(self, n): return n * self.factor * 10
    def extra(self): return 'only in Python'
Base.__module__ = Worker.__module__ = 'tasks'
tasks = module('tasks'); tasks.Base = Base; tasks.Worker = Worker
def _pickle_method(method):  # mangles a private name with type(obj)'s name, as the recipe does
    func_name, obj = method.__func__.__name__, method.__self__
    if func_name.startswith('__') and not func_name.endswith('__'):
        func_name = '_' + type(obj).__name__.lstrip('_') + func_name
    return _unpickle_method, (func_name, obj, type(obj))
def _unpickle_method(func_name, obj, cls):
    for klass in cls.mro():
        if func_name in klass.__dict__:
            return klass.__dict__[func_name].__get__(obj, cls)
    raise AttributeError(func_name)
_unpickle_method.__module__ = 'mp_recipes'; module('mp_recipes')._unpickle_method = _unpickle_method
data = sys.stdin.buffer.read()
def out(*values): print(*[v.hex() if isinstance(v, bytes) else v for v in values])
)";

// Runs kPrelude + `script` with `input` on stdin; returns the printed lines
// (hex strings are decoded back to bytes by the caller with Unhex).
std::vector<std::string> Python(std::string_view script, std::string_view input = "") {
  absl::StatusOr<ProcessResult> result = RunPython(absl::StrCat(kPrelude, std::string(script)), {}, input);
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok()) return {};
  EXPECT_EQ(result->exit_code, 0) << result->stderr_text;
  return absl::StrSplit(result->stdout_text, '\n', absl::SkipEmpty());
}

std::string Unhex(std::string_view hex) { return absl::HexStringToBytes(ToAbsl(hex)); }

using testing::Point;
using testing::PointRegistry;

// A method(self, n) = n * self.factor * scale, reading factor from the state.
Method TimesFactor(int64_t scale) {
  return [scale](Heap& heap, Value self, std::span<const Value> args) -> absl::StatusOr<Value> {
    std::optional<Value> factor = Reconstruction::Of(heap, self).StateField("factor");
    if (!factor || args.size() != 1) return absl::InvalidArgumentError("method(n) needs factor");
    return Value::Int(args[0].as_int() * factor->as_int() * scale);
  };
}

// tasks.Base and tasks.Worker as kPrelude defines them, but `extra`.
Registry WorkerRegistry() {
  Registry registry;
  EXPECT_TRUE(registry
                  .DefineClass({.module = "tasks", .qualname = "Base",
                                .methods = {{"process", TimesFactor(1)},
                                            {"__hidden", TimesFactor(100)}}})
                  .ok());
  EXPECT_TRUE(registry
                  .DefineClass({.module = "tasks", .qualname = "Worker",
                                .bases = {{"tasks", "Base"}},
                                .methods = {{"__secret", TimesFactor(10)}}})
                  .ok());
  return registry;
}

class ByProtocol : public ::testing::TestWithParam<int> {};
INSTANTIATE_TEST_SUITE_P(Protocols, ByProtocol, ::testing::Range(0, 6));

TEST_P(ByProtocol, PointsPickleAsPythonsOwnClassAndComeBack) {
  const int protocol = GetParam();
  Registry registry = PointRegistry();
  absl::StatusOr<std::string> bytes =
      Encode(registry, std::vector<Point>{{1.5, -2}, {3, 4}}, {.protocol = protocol});
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  std::vector<std::string> lines = Python(absl::StrCat(R"(
proto = )", protocol, R"(
out(pickle.dumps([Point(1.5, -2.0), Point(3.0, 4.0)], proto))
points = pickle.loads(data)
for p in points: p.x += 10
out(pickle.dumps(points, proto))
)"),
                                          *bytes);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(*bytes, Unhex(lines[0]));  // byte for byte what CPython writes
  absl::StatusOr<std::vector<Point>> points = Decode<std::vector<Point>>(registry, Unhex(lines[1]));
  ASSERT_TRUE(points.ok()) << points.status();
  EXPECT_EQ(*points, (std::vector<Point>{{11.5, -2}, {13, 4}}));
}

TEST_P(ByProtocol, BoundMethodTaskRunsInCppAndReencodesExactly) {
  const int protocol = GetParam();
  std::vector<std::string> lines = Python(absl::StrCat(
      "out(pickle.dumps((Worker(2).process, (21,)), ", protocol, "))\n"
      "out(pickle.dumps(Worker(2).process, ", protocol, "))\n"));
  ASSERT_EQ(lines.size(), 2u);
  const std::string task = Unhex(lines[0]);
  Registry registry = WorkerRegistry();
  absl::StatusOr<Document> doc = Decode(task, registry);
  ASSERT_TRUE(doc.ok()) << doc.status();
  std::span<Value> items = doc->root().as<Tuple>()->items;
  ASSERT_EQ(items[0].kind(), Kind::kBoundMethod);
  EXPECT_EQ(items[0].as<BoundMethod>()->function.as<Global>()->qualname, "Base.process");
  absl::StatusOr<Value> result =
      registry.CallMethod(doc->heap(), items[0], items[1].as<Tuple>()->items);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->as_int(), 42);

  EXPECT_EQ(Encode(doc->root(), registry, {.protocol = protocol}).value_or(""), task);
  EXPECT_EQ(Encode(items[0], registry, {.protocol = protocol}).value_or(""),
            Unhex(lines[1]));
}

// CPython writes a method's name, its function's interned __name__, once
// and a memo reference after.
TEST_P(ByProtocol, BoundMethodNamesAreMemoizedAsCPythonDoes) {
  const int protocol = GetParam();
  std::vector<std::string> lines = Python(absl::StrCat(
      "out(pickle.dumps([(Worker(n).process, (n,)) for n in range(4)], ", protocol, "))\n"));
  ASSERT_EQ(lines.size(), 1u);
  const std::string tasks = Unhex(lines[0]);
  Registry registry = WorkerRegistry();
  absl::StatusOr<Document> doc = Decode(tasks, registry);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(Encode(doc->root(), registry, {.protocol = protocol}).value_or(""), tasks);
}

TEST(RegistryCodecTest, UnregisteredClassStaysOpaqueAndReencodesExactly) {
  std::vector<std::string> lines = Python("out(pickle.dumps((Worker(2).process, (21,))))\n");
  ASSERT_EQ(lines.size(), 1u);
  Registry registry;  // nothing registered
  absl::StatusOr<Document> doc = Decode(Unhex(lines[0]), registry);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->root().as<Tuple>()->items[0].kind(), Kind::kReduce);
  EXPECT_EQ(Encode(doc->root(), registry).value_or(""), Unhex(lines[0]));
}

TEST(RegistryCodecTest, MethodMissingFromTheRegisteredClasses) {
  std::vector<std::string> lines = Python("out(pickle.dumps(Worker(2).extra))\n");
  ASSERT_EQ(lines.size(), 1u);
  Registry registry = WorkerRegistry();
  absl::StatusOr<Document> doc = Decode(Unhex(lines[0]), registry);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "'Worker' object has no attribute 'extra' (searched the MRO of tasks.Worker: "
            "tasks.Worker, tasks.Base, builtins.object)");
}

TEST(RegistryCodecTest, Python2RecipeBothWays) {
  Registry registry = WorkerRegistry();
  registry.set_bound_method_form(Registry::BoundMethodForm::kUnpickleMethod, "mp_recipes");
  registry.accept_unpickle_method_recipe("mp_recipes");
  // Python -> C++: the recipe's reduction, decoded and bound through the MRO.
  std::vector<std::string> from_python = Python(
      "copyreg.pickle(types.MethodType, _pickle_method)\n"
      "out(pickle.dumps(Worker(3).process, 2))\n");
  ASSERT_EQ(from_python.size(), 1u);
  absl::StatusOr<Document> doc = Decode(Unhex(from_python[0]), registry);
  ASSERT_TRUE(doc.ok()) << doc.status();
  Value args[] = {Value::Int(5)};
  EXPECT_EQ(registry.CallMethod(doc->heap(), doc->root(), args)->as_int(), 15);
  // C++ -> Python: written in the recipe form, loaded by Python's _unpickle_method.
  absl::StatusOr<std::string> bytes = Encode(doc->root(), registry, {.protocol = 2});
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(*bytes, Unhex(from_python[0]));
  std::vector<std::string> called = Python("m = pickle.loads(data); out(m(5), m.__func__.__qualname__)\n", *bytes);
  EXPECT_EQ(called, std::vector<std::string>{"15 Base.process"});
}

// Writing the recipe (set_bound_method_form) and reading it
// (accept_unpickle_method_recipe) are separate switches: each combination
// against what CPython writes and loads.
TEST(RegistryCodecTest, RecipeWritingAndReadingSwitches) {
  std::vector<std::string> python = Python(
      "out(pickle.dumps(Worker(3).process, 2))\n"
      "copyreg.pickle(types.MethodType, _pickle_method)\n"
      "out(pickle.dumps(Worker(3).process, 2))\n");
  ASSERT_EQ(python.size(), 2u);
  const std::string getattr_form = Unhex(python[0]), recipe_form = Unhex(python[1]);
  for (bool writes : {false, true}) {
    for (bool reads : {false, true}) {
      SCOPED_TRACE(absl::StrCat("writes ", writes, ", reads ", reads));
      Registry registry = WorkerRegistry();
      if (writes) {
        registry.set_bound_method_form(Registry::BoundMethodForm::kUnpickleMethod, "mp_recipes");
      }
      if (reads) registry.accept_unpickle_method_recipe("mp_recipes");
      absl::StatusOr<Document> recipe = Decode(recipe_form, registry);
      ASSERT_TRUE(recipe.ok()) << recipe.status();
      EXPECT_EQ(recipe->root().kind(), reads ? Kind::kBoundMethod : Kind::kReduce);
      if (!reads) {  // kept opaque: written back as it came
        EXPECT_EQ(Encode(recipe->root(), registry, {.protocol = 2}).value_or(""), recipe_form);
      }

      absl::StatusOr<Document> method = Decode(getattr_form, registry);  // always bound
      ASSERT_TRUE(method.ok()) << method.status();
      ASSERT_EQ(method->root().kind(), Kind::kBoundMethod);
      absl::StatusOr<std::string> written = Encode(method->root(), registry, {.protocol = 2});
      EXPECT_EQ(written.value_or(""), writes ? recipe_form : getattr_form);
      EXPECT_EQ(Python("out(pickle.loads(data)(5))\n", written.value_or("")),
                std::vector<std::string>{"15"});

      registry.set_policy(GlobalPolicy::Strict());
      absl::StatusOr<Document> strict = Decode(recipe_form, registry);
      EXPECT_EQ(strict.status().code(),
                reads ? absl::StatusCode::kOk : absl::StatusCode::kPermissionDenied);
      if (!reads) {
        EXPECT_NE(strict.status().message().find(
                      "global 'mp_recipes._unpickle_method' is forbidden"),
                  absl::string_view::npos)
            << strict.status();
      }
    }
  }
}

// A __private method is registered under its name in the class body and
// kept mangled, as in Python's class __dict__. The recipe's pickle of one
// defined on type(obj) decodes and re-encodes byte for byte; for one
// inherited from a base, brine writes the name Python's _unpickle_method
// finds (the recipe itself mangles with type(obj)'s name, and CPython cannot
// load that).
TEST(RegistryCodecTest, Python2RecipeWithPrivateMethods) {
  std::vector<std::string> python = Python(
      "copyreg.pickle(types.MethodType, _pickle_method)\n"
      "w = Worker(3)\n"
      "out(pickle.dumps(w._Worker__secret, 2), w._Worker__secret(5), w._Base__hidden(5))\n"
      "try: pickle.loads(pickle.dumps(w._Base__hidden, 2))\n"
      "except AttributeError as e: out('the recipe cannot load', e)\n");
  ASSERT_EQ(python.size(), 2u);
  EXPECT_EQ(python[1], "the recipe cannot load _Worker__hidden");
  std::vector<std::string> secret = absl::StrSplit(python[0], ' ');
  ASSERT_EQ(secret.size(), 3u);
  Registry registry = WorkerRegistry();
  registry.set_bound_method_form(Registry::BoundMethodForm::kUnpickleMethod, "mp_recipes");
  registry.accept_unpickle_method_recipe("mp_recipes");
  absl::StatusOr<Document> doc = Decode(Unhex(secret[0]), registry);
  ASSERT_TRUE(doc.ok()) << doc.status();
  Value five[] = {Value::Int(5)};
  EXPECT_EQ(absl::StrCat(registry.CallMethod(doc->heap(), doc->root(), five)->as_int()), secret[1]);
  EXPECT_EQ(Encode(doc->root(), registry, {.protocol = 2}).value_or(""), Unhex(secret[0]));

  absl::StatusOr<Value> hidden =
      registry.BindMethod(doc->heap(), doc->root().as<BoundMethod>()->self, "_Base__hidden");
  ASSERT_TRUE(hidden.ok()) << hidden.status();
  absl::StatusOr<std::string> bytes = Encode(*hidden, registry, {.protocol = 2});
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(Python("m = pickle.loads(data); out(m(5), m.__func__.__qualname__)\n", *bytes),
            std::vector<std::string>{absl::StrCat(secret[2], " Base.__hidden")});
}

TEST(RegistryCodecTest, ExtensionCodesOneByteTwoBytesFourBytes) {
  for (int code : {1, 300, 70000}) {
    SCOPED_TRACE(code);
    Registry registry = PointRegistry();
    ASSERT_TRUE(registry.extensions().Add("geometry", "Point", code).ok());
    std::vector<std::string> lines = Python(absl::StrCat(
        "copyreg.add_extension('geometry', 'Point', ", code, ")\n"
        "b = pickle.dumps(Point(1.0, 2.0), 2)\n"
        "out(b, [op.name for op, arg, pos in pickletools.genops(b) if op.name.startswith('EXT')][0])\n"
        "p = pickle.loads(data); out(p.x, p.y)\n"),
        Encode(registry, Point{1, 2}, {.protocol = 2}).value_or(""));
    ASSERT_EQ(lines.size(), 2u);
    std::vector<std::string> python_bytes_and_op = absl::StrSplit(lines[0], ' ');
    EXPECT_EQ(python_bytes_and_op[1], code == 1 ? "EXT1" : code == 300 ? "EXT2" : "EXT4");
    EXPECT_EQ(Encode(registry, Point{1, 2}, {.protocol = 2}).value_or(""),
              Unhex(python_bytes_and_op[0]));
    EXPECT_EQ(lines[1], "1.0 2.0");
    EXPECT_EQ(Decode<Point>(registry, Unhex(python_bytes_and_op[0])).value_or(Point{}),
              (Point{1, 2}));
  }
}

// Point reduced as the call geometry.Point(x, y): through the global
// dispatch table (copyreg.pickle in Python), a per-encoder table
// (Pickler.dispatch_table) and the reducer override (Pickler.reducer_override).
TEST_P(ByProtocol, DispatchTablesAndReducerOverrideMatchCPython) {
  const int protocol = GetParam();
  std::vector<std::string> lines = Python(absl::StrCat("proto = ", protocol, R"(
reduce_point = lambda p: (Point, (p.x, p.y))
points = [Point(1.0, 2.0), Point(3.0, 4.0)]
class Table(pickle.Pickler):
    dispatch_table = {Point: reduce_point}
class Override(pickle.Pickler):
    def reducer_override(self, obj):
        return reduce_point(obj) if type(obj) is Point else NotImplemented
for pickler in (Table, Override):
    f = io.BytesIO(); pickler(f, proto).dump(points); out(f.getvalue())
copyreg.pickle(Point, reduce_point)
out(pickle.dumps(points, proto))
)"));
  ASSERT_EQ(lines.size(), 3u);
  Reducer as_call = [](Heap& heap, Value obj) -> absl::StatusOr<Reduced> {
    const Point& p = *NativeAs<Point>(obj);
    Value args[] = {Value::Float(p.x), Value::Float(p.y)};
    return ReduceTuple::Call(heap, "geometry", "Point", args);
  };
  const std::vector<Point> points = {{1, 2}, {3, 4}};

  Registry per_encoder_registry = PointRegistry();
  DispatchTable per_encoder;
  per_encoder.Set(TypeKey::Native<Point>(), as_call);
  EXPECT_EQ(Encode(per_encoder_registry, points, {.protocol = protocol}, &per_encoder)
                .value_or(""),
            Unhex(lines[0]));

  Registry override_registry = PointRegistry();
  override_registry.set_reducer_override(
      [as_call](Heap& heap, Value obj) -> absl::StatusOr<std::optional<Reduced>> {
        if (NativeAs<Point>(obj) == nullptr) return std::nullopt;
        absl::StatusOr<Reduced> reduced = as_call(heap, obj);
        if (!reduced.ok()) return reduced.status();
        return std::optional<Reduced>(*std::move(reduced));
      });
  EXPECT_EQ(Encode(override_registry, points, {.protocol = protocol}).value_or(""), Unhex(lines[1]));

  Registry global_registry = PointRegistry();
  global_registry.dispatch_table().Set(TypeKey::Native<Point>(), as_call);
  absl::StatusOr<std::string> bytes = Encode(global_registry, points, {.protocol = protocol});
  EXPECT_EQ(bytes.value_or(""), Unhex(lines[2]));
  // The call form decodes back too: FieldsBinding takes positional fields.
  EXPECT_EQ(Decode<std::vector<Point>>(global_registry, *bytes).value_or(std::vector<Point>{}),
            points);
}

// Points travel as persistent ids: "x,y" text at protocol 0 (PERSID), a
// ('point', x, y) tuple at binary protocols (BINPERSID).
TEST_P(ByProtocol, PersistentIdsBothWays) {
  const int protocol = GetParam();
  Registry registry = PointRegistry();
  registry.set_persistent_id(
      [protocol](Heap& heap, Value obj) -> absl::StatusOr<std::optional<Value>> {
        const Point* p = NativeAs<Point>(obj);
        if (p == nullptr) return std::nullopt;
        if (protocol == 0) return std::optional<Value>(heap.NewStr(absl::StrCat(p->x, ",", p->y)));
        Value items[] = {heap.InternStr("point"), Value::Float(p->x), Value::Float(p->y)};
        return std::optional<Value>(heap.NewTuple(items));
      });
  registry.set_persistent_load([](Heap& heap, Value pid) -> absl::StatusOr<Value> {
    if (pid.kind() == Kind::kStr) {
      std::vector<std::string> xy = absl::StrSplit(std::string(pid.as<Str>()->utf8), ',');
      return ToValue(heap, Point{std::stod(xy[0]), std::stod(xy[1])});
    }
    std::span<Value> items = pid.as<Tuple>()->items;
    return ToValue(heap, Point{items[1].as_float(), items[2].as_float()});
  });
  absl::StatusOr<std::string> bytes =
      Encode(registry, std::vector<Point>{{1, 2}, {3, 4}}, {.protocol = protocol});
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  std::vector<std::string> lines = Python(absl::StrCat("proto = ", protocol, R"(
class P(pickle.Pickler):
    def persistent_id(self, obj):
        if not isinstance(obj, Point): return None
        return '%g,%g' % (obj.x, obj.y) if proto == 0 else ('point', obj.x, obj.y)
class U(pickle.Unpickler):
    def persistent_load(self, pid):
        if isinstance(pid, str): return Point(*map(float, pid.split(',')))
        return Point(pid[1], pid[2])
f = io.BytesIO(); P(f, proto).dump([Point(1.0, 2.0), Point(3.0, 4.0)]); out(f.getvalue())
points = U(io.BytesIO(data)).load(); out(*[(p.x, p.y) for p in points])
f = io.BytesIO(); P(f, proto).dump([Point(5.0, 6.0)]); out(f.getvalue())
)"),
                                          *bytes);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(*bytes, Unhex(lines[0]));
  EXPECT_EQ(lines[1], "(1.0, 2.0) (3.0, 4.0)");
  EXPECT_EQ(Decode<std::vector<Point>>(registry, Unhex(lines[2])).value_or(std::vector<Point>{}),
            (std::vector<Point>{{5, 6}}));
}

// CPython asks persistent_id at every reference, before the memo: a list
// met twice is offered twice, and a hook numbering its answers gives each
// reference its own pid.
TEST_P(ByProtocol, PersistentIdHookAskedAtEachReference) {
  const int protocol = GetParam();
  std::vector<std::string> lines = Python(absl::StrCat("proto = ", protocol, R"(
class P(pickle.Pickler):
    seen = 0
    def persistent_id(self, obj):
        if type(obj) is list and len(obj) == 1:
            self.seen += 1
            return 'list %d' % self.seen
        return None
f = io.BytesIO()
shared, kept = [7], (8, 9)
P(f, proto).dump([shared, kept, shared, kept, 'end'])
out(f.getvalue())
)"));
  ASSERT_EQ(lines.size(), 1u);
  Registry registry;
  int seen = 0;
  registry.set_persistent_id([&seen](Heap& heap, Value obj) -> absl::StatusOr<std::optional<Value>> {
    if (obj.kind() != Kind::kList || obj.as<List>()->items.size() != 1) return std::nullopt;
    return std::optional<Value>(heap.NewStr(absl::StrCat("list ", ++seen)));
  });
  Heap heap;
  Value shared = heap.NewList();
  shared.as<List>()->items.push_back(Value::Int(7));
  Value pair[] = {Value::Int(8), Value::Int(9)};
  Value kept = heap.NewTuple(pair);
  Value root = heap.NewList();
  root.as<List>()->items = {shared, kept, shared, kept, heap.NewStr("end")};
  EXPECT_EQ(Encode(root, registry, {.protocol = protocol}).value_or(""), Unhex(lines[0]));
  EXPECT_EQ(seen, 2);
}

// A hook that answers only the first time it meets each list: CPython asks
// before its memo, so the list is written as its pid there, saved in full
// (and memoized) at the next reference, and a memo GET after that.
TEST_P(ByProtocol, PersistentIdHookAnsweringOnlyTheFirstReference) {
  const int protocol = GetParam();
  std::vector<std::string> lines = Python(absl::StrCat("proto = ", protocol, R"(
class P(pickle.Pickler):
    met = []
    def persistent_id(self, obj):
        if type(obj) is not list or any(m is obj for m in self.met): return None
        self.met.append(obj)
        return 'first %d' % len(self.met)
f = io.BytesIO()
shared, other = [7], [8, 9]
P(f, proto).dump(('start', shared, shared, (shared, other), other, shared))
out(f.getvalue())
)"));
  ASSERT_EQ(lines.size(), 1u);
  Registry registry;
  std::vector<const Object*> met;
  registry.set_persistent_id([&met](Heap& heap, Value obj) -> absl::StatusOr<std::optional<Value>> {
    if (obj.kind() != Kind::kList || absl::c_linear_search(met, obj.object())) return std::nullopt;
    met.push_back(obj.object());
    return std::optional<Value>(heap.NewStr(absl::StrCat("first ", met.size())));
  });
  Heap heap;
  Value shared = heap.NewList();
  shared.as<List>()->items.push_back(Value::Int(7));
  Value other = heap.NewList();
  other.as<List>()->items = {Value::Int(8), Value::Int(9)};
  Value pair[] = {shared, other};
  Value items[] = {heap.NewStr("start"), shared, shared, heap.NewTuple(pair), other, shared};
  EXPECT_EQ(Encode(heap.NewTuple(items), registry, {.protocol = protocol}).value_or(""), Unhex(lines[0]));
  EXPECT_EQ(met.size(), 2u);
}

// A stateful hook numbering what it replaces: the same numbers on both sides
// only if brine asks in CPython's order; ints are asked about too.
TEST_P(ByProtocol, PersistentIdHookSeesScalarsInPicklingOrder) {
  const int protocol = GetParam();
  std::vector<std::string> lines = Python(absl::StrCat("proto = ", protocol, R"(
class P(pickle.Pickler):
    seen = 0
    def persistent_id(self, obj):
        if type(obj) is int and obj > 100 or type(obj) is str and obj.startswith('ext'):
            self.seen += 1
            return '%d:%s' % (self.seen, obj)
        return None
f = io.BytesIO()
P(f, proto).dump([1, 500, ('ext-a', 2.5, [700]), {'k': 900}, None])
out(f.getvalue())
)"));
  ASSERT_EQ(lines.size(), 1u);
  Registry registry;
  int seen = 0;
  registry.set_persistent_id([&seen](Heap& heap, Value obj) -> absl::StatusOr<std::optional<Value>> {
    std::string text;
    if (obj.kind() == Kind::kInt && obj.as_int() > 100) text = absl::StrCat(obj.as_int());
    if (obj.kind() == Kind::kStr && obj.as<Str>()->utf8.starts_with("ext")) {
      text = std::string(obj.as<Str>()->utf8);
    }
    if (text.empty()) return std::nullopt;
    return std::optional<Value>(heap.NewStr(absl::StrCat(++seen, ":", text)));
  });
  Heap heap;
  Value inner = heap.NewList();
  inner.as<List>()->items.push_back(Value::Int(700));
  Value triple[] = {heap.NewStr("ext-a"), Value::Float(2.5), inner};
  Value dict = heap.NewDict();
  ASSERT_TRUE(DictSetItem(heap, dict.as<Dict>(), heap.NewStr("k"), Value::Int(900)).ok());
  Value root = heap.NewList();
  root.as<List>()->items = {Value::Int(1), Value::Int(500), heap.NewTuple(triple), dict, Value()};
  EXPECT_EQ(Encode(root, registry, {.protocol = protocol}).value_or(""),
            Unhex(lines[0]));
  EXPECT_EQ(seen, 4);
}

// A strict or allow-list policy refuses a name at the opcode that names it
// (GLOBAL, STACK_GLOBAL, INST, EXT1), with that opcode and its offset as
// pickletools.genops reports them, and the policy's own words.
TEST_P(ByProtocol, PolicyRefusesAtTheOpcodeNamingTheGlobal) {
  const int protocol = GetParam();
  std::vector<std::string> lines = Python(absl::StrCat(
      "import os\n"
      "class Evil:\n    def __reduce__(self): return (os.system, ('echo hi',))\n"
      "copyreg.add_extension(os.system.__module__, 'system', 7)\n",
      "pickles = [pickle.dumps(v, ", protocol, ") for v in [Evil(), [1, os.system], os.system]]\n"
      "for b in pickles + [b'(ios\\nOld\\n.']:\n"
      "    op, arg, pos = [(op.name, arg, pos) for op, arg, pos in pickletools.genops(b)\n"
      "                    if op.name in ('GLOBAL', 'STACK_GLOBAL', 'INST', 'EXT1')][0]\n"
      "    name = arg.split(' ') if op in ('GLOBAL', 'INST') else [os.system.__module__, 'system']\n"
      "    out(b, op, pos, *name)\n"));
  ASSERT_EQ(lines.size(), 4u);
  for (const std::string& line : lines) {
    std::vector<std::string> fields = absl::StrSplit(line, ' ');
    ASSERT_EQ(fields.size(), 5u);
    const std::string pickle = Unhex(fields[0]);
    const std::string& qualname = fields[4];
    SCOPED_TRACE(absl::StrCat(fields[1], " ", fields[3], ".", qualname));
    for (GlobalPolicy policy : {GlobalPolicy::Strict(), GlobalPolicy::AllowOnly({{"collections", "*"}})}) {
      Registry registry = PointRegistry();
      ASSERT_TRUE(registry.extensions().Add(fields[3], "system", 7).ok());
      const std::string refusal(policy.Check(fields[3], qualname).message());
      registry.set_policy(std::move(policy));
      absl::StatusOr<Document> doc = Decode(pickle, registry);
      ASSERT_FALSE(doc.ok());
      EXPECT_EQ(doc.status().code(), absl::StatusCode::kPermissionDenied);
      EXPECT_EQ(doc.status().message(), absl::StrCat(fields[1], " at offset ", fields[2], ": ", refusal));
    }
    Registry allowing = PointRegistry();
    ASSERT_TRUE(allowing.extensions().Add(fields[3], "system", 7).ok());
    allowing.set_policy(GlobalPolicy::AllowOnly({{fields[3], "*"}}));
    EXPECT_TRUE(Decode(pickle, allowing).ok());
  }
}

// Names the decoder rebuilds into plain values (builtins.set at protocols 0
// and 1, copyreg._reconstructor) and registered classes pass a strict policy.
TEST_P(ByProtocol, StrictPolicyAcceptsRebuiltBuiltinsAndRegisteredClasses) {
  const int protocol = GetParam();
  std::vector<std::string> lines = Python(absl::StrCat(
      "out(pickle.dumps([{1, 2}, frozenset([3]), bytearray(b'ab'), 1j, Point(1.0, 2.0)], ", protocol, "))\n"));
  ASSERT_EQ(lines.size(), 1u);
  Registry registry = PointRegistry();
  registry.set_policy(GlobalPolicy::Strict());
  absl::StatusOr<Document> doc = Decode(Unhex(lines[0]), registry);
  EXPECT_TRUE(doc.ok()) << doc.status();
}

}  // namespace
}  // namespace brine
