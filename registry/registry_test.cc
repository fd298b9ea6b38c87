// The registry's decode pass (Resolve) and encode pass (Lower) on value
// graphs shaped as the decoder produces them; the reduce forms are compared
// with what CPython's own __reduce_ex__ returns.
#include "brine/registry/registry.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "brine/codec/decoder.h"
#include "brine/registry/point_fixture.h"
#include "brine/tests/python_runner.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

using testing::Point;
using testing::PointRegistry;

std::string ReprOf(Value value) {
  absl::StatusOr<std::string> repr = Repr(value);
  return repr.ok() ? *repr : std::string(repr.status().message());
}

std::string PythonOutput(std::string_view script) {
  absl::StatusOr<ProcessResult> result = RunPython(script);
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok()) return "";
  EXPECT_EQ(result->exit_code, 0) << result->stderr_text;
  return result->stdout_text;
}

Value Tuple2(Heap& heap, Value a, Value b) {
  Value items[2] = {a, b};
  return heap.NewTuple(items);
}

// An Instance node as NEWOBJ + BUILD decode: cls.__new__(cls) with a state dict.
Value NewInstance(Heap& heap, std::string_view module, std::string_view qualname, Value state) {
  Instance* instance = heap.NewInstance();
  instance->cls = heap.NewGlobal(module, qualname);
  instance->args = heap.NewTuple({});
  instance->has_state = !state.is_none();
  instance->state = state;
  return Value::FromObject(instance);
}

Value Call(Heap& heap, std::string_view module, std::string_view qualname,
           std::vector<Value> args) {
  Reduce* reduce = heap.NewReduce();
  reduce->callable = heap.NewGlobal(module, qualname);
  reduce->args = heap.NewTuple(args);
  return Value::FromObject(reduce);
}

Value PointState(Heap& heap, double x, double y) {
  Value state = heap.NewDict();
  EXPECT_TRUE(DictSetItem(heap, state.as<Dict>(), heap.NewStr("x"), Value::Float(x)).ok());
  EXPECT_TRUE(DictSetItem(heap, state.as<Dict>(), heap.NewStr("y"), Value::Float(y)).ok());
  return state;
}

TEST(RegistryTest, FieldsBindingReducesLikePythonsPlainClass) {
  const std::string expected = PythonOutput(R"(
class Point: pass
p = Point(); p.x = 1.5; p.y = -2.0
func, args, state, *rest = p.__reduce_ex__(2)
print(func.__module__, func.__name__, [a.__qualname__ for a in args], state, rest)
)");
  Heap heap;
  Registry registry = PointRegistry();
  absl::StatusOr<Value> lowered = registry.Lower(heap, ToValue(heap, Point{1.5, -2.0}));
  ASSERT_TRUE(lowered.ok()) << lowered.status();
  ASSERT_EQ(lowered->kind(), Kind::kInstance);  // (copyreg.__newobj__, (cls,), state)
  const Instance& instance = *lowered->as<Instance>();
  EXPECT_EQ(absl::StrCat("copyreg __newobj__ ['", std::string(instance.cls.as<Global>()->qualname),
                         "'] ", ReprOf(instance.state), " [None, None]\n"),
            expected);
  EXPECT_EQ(instance.cls.as<Global>()->module, "geometry");
  EXPECT_EQ(instance.args.as<Tuple>()->items.size(), 0u);
}

// A struct inheriting one of its pickled fields, as a Python subclass whose
// base's __init__ sets an attribute.
struct Shape {
  std::string label;
  friend bool operator==(const Shape&, const Shape&) = default;
};
struct Square : Shape {
  double side = 0;
  friend bool operator==(const Square&, const Square&) = default;
};

TEST(RegistryTest, FieldsBindingTakesMembersOfABase) {
  const std::string expected = PythonOutput(R"(
class Shape:
    def __init__(self, label): self.label = label
class Square(Shape):
    def __init__(self, label, side): super().__init__(label); self.side = side
func, args, state, *rest = Square('unit', 2.0).__reduce_ex__(2)
print(state)
)");
  Registry registry;
  ASSERT_TRUE(registry
                  .Register(FieldsBinding<Square>("shapes", "Square",
                                                  Field("label", &Square::label),
                                                  Field("side", &Square::side)))
                  .ok());
  Heap heap;
  Square square;
  square.label = "unit";
  square.side = 2;
  absl::StatusOr<Value> lowered = registry.Lower(heap, ToValue(heap, square));
  ASSERT_TRUE(lowered.ok()) << lowered.status();
  ASSERT_EQ(lowered->kind(), Kind::kInstance);
  EXPECT_EQ(ReprOf(lowered->as<Instance>()->state) + "\n", expected);
  absl::StatusOr<Value> resolved = registry.Resolve(heap, *lowered);
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  absl::StatusOr<Square> back = registry.FromValue<Square>(heap, *resolved);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, square);
}

TEST(RegistryTest, ResolveRebuildsRegisteredTypesAnywhereInTheGraph) {
  Document doc;
  Heap& heap = doc.heap();
  Value list = heap.NewList();
  list.as<List>()->items.push_back(NewInstance(heap, "geometry", "Point", PointState(heap, 1, 2)));
  list.as<List>()->items.push_back(list);  // a cycle
  list.as<List>()->items.push_back(Call(heap, "geometry", "Point", {}));  // no state: error later
  doc.set_root(list);
  Registry registry = PointRegistry();
  absl::Status status = registry.Resolve(doc);
  EXPECT_EQ(status.message(), "geometry.Point: no field 'x' in the pickle");

  list.as<List>()->items.pop_back();
  ASSERT_TRUE(registry.Resolve(doc).ok());
  EXPECT_EQ(doc.root(), list);
  Value first = list.as<List>()->items[0];
  ASSERT_NE(NativeAs<Point>(first), nullptr);
  EXPECT_EQ(*NativeAs<Point>(first), (Point{1, 2}));
  EXPECT_EQ(first.as<Native>()->origin.kind(), Kind::kInstance);
  EXPECT_EQ(list.as<List>()->items[1], list);
}

// A struct holding two registered structs.
struct Segment {
  Point a, b;
};

// Points and Segments registered as shapes.Point and shapes.Segment.
Registry ShapesRegistry() {
  Registry registry;
  EXPECT_TRUE(registry
                  .Register(FieldsBinding<Point>("shapes", "Point", Field("x", &Point::x),
                                                 Field("y", &Point::y)))
                  .ok());
  EXPECT_TRUE(registry
                  .Register(FieldsBinding<Segment>("shapes", "Segment", Field("a", &Segment::a),
                                                   Field("b", &Segment::b)))
                  .ok());
  return registry;
}

// CPython pickles plain classes shapes.Point and shapes.Segment; brine's repr
// of those bytes decoded without a registry (opaque instances) is what
// registered C++ objects print as, decoded or made in C++.
TEST(RegistryTest, RegisteredNativesPrintAsTheInstancesTheyPickleAs) {
  absl::StatusOr<std::string> hex = RunPythonStdout(R"(
import pickle, sys, types
shapes = types.ModuleType('shapes'); sys.modules['shapes'] = shapes
class Point:
    def __init__(self, x, y): self.x = x; self.y = y
class Segment:
    def __init__(self, a, b): self.a = a; self.b = b
for cls in (Point, Segment): cls.__module__ = 'shapes'; setattr(shapes, cls.__name__, cls)
print(pickle.dumps([Segment(Point(0.0, 1.0), Point(2.5, -3.0))], 2).hex(), end='')
)");
  ASSERT_TRUE(hex.ok()) << hex.status();
  absl::StatusOr<Document> doc = Decode(absl::HexStringToBytes(*hex));
  ASSERT_TRUE(doc.ok()) << doc.status();
  const std::string opaque = ReprOf(doc->root());
  EXPECT_EQ(opaque, "[shapes.Segment(a=shapes.Point(x=0.0, y=1.0), b=shapes.Point(x=2.5, y=-3.0))]");

  Registry registry = ShapesRegistry();
  ASSERT_TRUE(registry.Resolve(*doc).ok());
  Value segment = doc->root().as<List>()->items[0];
  ASSERT_NE(NativeAs<Segment>(segment), nullptr);
  EXPECT_EQ(ReprOf(doc->root()), opaque);

  Heap heap;
  std::vector<Segment> segments = {{{0, 1}, {2.5, -3}}};
  EXPECT_EQ(ReprOf(registry.ToValue(heap, segments)), opaque);
  // Without the registry a C++ object has no Python name: its C++ type.
  EXPECT_EQ(ReprOf(ToValue(heap, segments[0])), "<native brine::(anonymous namespace)::Segment>");
}

TEST(RegistryTest, LowerLeavesTheInputGraphAlone) {
  Document doc;
  Heap& heap = doc.heap();
  Value list = ToValue(heap, std::vector<Point>{{1, 2}, {3, 4}});
  Value outer = heap.NewList();
  outer.as<List>()->items = {list, list, heap.NewStr("untouched")};
  Registry registry = PointRegistry();
  Heap scratch;
  absl::StatusOr<Value> lowered = registry.Lower(scratch, outer);
  ASSERT_TRUE(lowered.ok()) << lowered.status();
  EXPECT_NE(*lowered, outer);
  EXPECT_EQ(list.as<List>()->items[0].kind(), Kind::kNative);  // input unchanged
  const List& copy = *lowered->as<List>();
  EXPECT_EQ(copy.items[0], copy.items[1]);             // identity kept: one copy of `list`
  EXPECT_EQ(copy.items[2], outer.as<List>()->items[2]);  // unchanged leaves are shared
  EXPECT_EQ(ReprOf(*lowered),
            "[[geometry.Point(x=1.0, y=2.0), geometry.Point(x=3.0, y=4.0)], "
            "[geometry.Point(x=1.0, y=2.0), geometry.Point(x=3.0, y=4.0)], 'untouched']");

  // Lower then Resolve gives the Points back.
  ASSERT_TRUE(registry.Resolve(scratch, *lowered).ok());
  absl::StatusOr<std::vector<Point>> points =
      registry.FromValue<std::vector<Point>>(scratch, lowered->as<List>()->items[0]);
  ASSERT_TRUE(points.ok()) << points.status();
  EXPECT_EQ(*points, (std::vector<Point>{{1, 2}, {3, 4}}));
}

TEST(RegistryTest, EncodeHooksRunInCPythonsOrder) {
  Registry registry = PointRegistry();
  Heap heap;
  Value point = ToValue(heap, Point{1, 2});
  auto tag = [](std::string name) {
    return [name](Heap& heap, Value) -> absl::StatusOr<Reduced> {
      return Substitute{heap.NewStr(name)};
    };
  };
  // Built-in reducer (the binding) when nothing else applies.
  EXPECT_EQ(registry.Lower(heap, point)->kind(), Kind::kInstance);
  registry.dispatch_table().Set(TypeKey::Native<Point>(), tag("global table"));
  EXPECT_EQ(ReprOf(*registry.Lower(heap, point)), "'global table'");
  DispatchTable per_encoder;
  per_encoder.Set(TypeKey::Native<Point>(), tag("per-encoder table"));
  EXPECT_EQ(ReprOf(*registry.Lower(heap, point, &per_encoder)), "'per-encoder table'");
  registry.set_reducer_override(
      [](Heap& heap, Value obj) -> absl::StatusOr<std::optional<Reduced>> {
        if (obj.kind() != Kind::kNative) return std::nullopt;  // NotImplemented
        return Reduced(Substitute{heap.NewStr("override")});
      });
  EXPECT_EQ(ReprOf(*registry.Lower(heap, point, &per_encoder)), "'override'");
  registry.set_persistent_id([](Heap& heap, Value obj) -> absl::StatusOr<std::optional<Value>> {
    if (obj.kind() != Kind::kNative) return std::nullopt;
    return std::optional<Value>(heap.NewStr("pid-1"));
  });
  absl::StatusOr<Value> lowered = registry.Lower(heap, point, &per_encoder);
  ASSERT_EQ(lowered->kind(), Kind::kPersistentId);
  EXPECT_EQ(ReprOf(lowered->as<PersistentId>()->pid), "'pid-1'");
}

TEST(RegistryTest, ReducerOverrideIsNotAskedAboutBuiltinContainers) {
  Registry registry;
  int calls = 0;
  registry.set_reducer_override(
      [&calls](Heap&, Value) -> absl::StatusOr<std::optional<Reduced>> {
        ++calls;
        return std::nullopt;
      });
  Heap heap;
  Value list = heap.NewList();
  list.as<List>()->items = {heap.NewStr("s"), heap.NewTuple({}), heap.NewDict(),
                            heap.NewComplex(1, 2)};
  ASSERT_TRUE(registry.Lower(heap, list).ok());
  EXPECT_EQ(calls, 1);  // only the complex, as CPython's C pickler
}

TEST(RegistryTest, PersistentLoadReplacesIds) {
  Registry registry;
  registry.set_persistent_load([](Heap& heap, Value pid) -> absl::StatusOr<Value> {
    return heap.NewStr(absl::StrCat("loaded ", std::string(pid.as<Str>()->utf8)));
  });
  Document doc;
  PersistentId* pid = doc.heap().NewPersistentId();
  pid->pid = doc.heap().NewStr("row-7");
  doc.set_root(Tuple2(doc.heap(), Value::FromObject(pid), Value::FromObject(pid)));
  ASSERT_TRUE(registry.Resolve(doc).ok());
  EXPECT_EQ(ReprOf(doc.root()), "('loaded row-7', 'loaded row-7')");
}

TEST(RegistryTest, StrictPolicyRefusesUnregisteredNames) {
  Registry registry = PointRegistry();
  registry.set_policy(GlobalPolicy::Strict());
  Document doc;
  doc.set_root(Call(doc.heap(), "os", "system", {doc.heap().NewStr("echo hi")}));
  EXPECT_EQ(registry.Resolve(doc).message(),
            "global 'os.system' is forbidden (strict policy: nothing registered it)");
  Document ok;
  ok.set_root(NewInstance(ok.heap(), "geometry", "Point", PointState(ok.heap(), 1, 2)));
  EXPECT_TRUE(registry.Resolve(ok).ok());
}

// Worker(Base) with process defined on Base, as in the multiprocessing case.
Registry WorkerRegistry() {
  Registry registry;
  EXPECT_TRUE(registry
                  .DefineClass({.module = "tasks",
                                .qualname = "Base",
                                .methods = {{"process",
                                             [](Heap&, Value self,
                                                std::span<const Value> args) -> absl::StatusOr<Value> {
                                               return Value::Int(args[0].as_int() * 2);
                                             }}}})
                  .ok());
  EXPECT_TRUE(
      registry.DefineClass({.module = "tasks", .qualname = "Worker", .bases = {{"tasks", "Base"}}})
          .ok());
  return registry;
}

TEST(RegistryTest, BoundMethodReducesLikeCPython) {
  const std::string expected = PythonOutput(R"(
class Base:
    def process(self, n): return 2 * n
class Worker(Base): pass
func, (obj, name) = Worker().process.__reduce__()
print(func.__module__, func.__name__, type(obj).__name__, name)
)");
  Registry registry = WorkerRegistry();
  Heap heap;
  Value worker = NewInstance(heap, "tasks", "Worker", Value());
  absl::StatusOr<Value> bound = registry.BindMethod(heap, worker, "process");
  ASSERT_TRUE(bound.ok()) << bound.status();
  absl::StatusOr<Value> lowered = registry.Lower(heap, *bound);
  ASSERT_TRUE(lowered.ok()) << lowered.status();
  const Reduce& reduce = *lowered->as<Reduce>();
  std::span<Value> args = reduce.args.as<Tuple>()->items;
  EXPECT_EQ(absl::StrCat(std::string(reduce.callable.as<Global>()->module), " ",
                         std::string(reduce.callable.as<Global>()->qualname), " ",
                         std::string(args[0].as<Instance>()->cls.as<Global>()->qualname), " ",
                         std::string(args[1].as<Str>()->utf8), "\n"),
            expected);
}

TEST(RegistryTest, GetattrReduceBindsThroughTheMroAndCalls) {
  Registry registry = WorkerRegistry();
  Document doc;
  Heap& heap = doc.heap();
  Value worker = NewInstance(heap, "tasks", "Worker", Value());
  Value task = Tuple2(heap, Call(heap, "builtins", "getattr", {worker, heap.NewStr("process")}),
                      Tuple2(heap, Value::Int(21), Value()));
  doc.set_root(task);
  ASSERT_TRUE(registry.Resolve(doc).ok());
  Value method = doc.root().as<Tuple>()->items[0];
  ASSERT_EQ(method.kind(), Kind::kBoundMethod);
  EXPECT_EQ(method.as<BoundMethod>()->self, worker);
  EXPECT_EQ(ReprOf(method.as<BoundMethod>()->function), "tasks.Base.process");
  Value args[] = {Value::Int(21)};
  absl::StatusOr<Value> result = registry.CallMethod(heap, method, args);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->as_int(), 42);
}

// set_bound_method_form decides how bound methods are written, and
// accept_unpickle_method_recipe whether the recipe's call is bound (and
// passes a strict policy) when read: each combination.
TEST(RegistryTest, RecipeWritingAndReadingAreSeparateSwitches) {
  for (bool writes : {false, true}) {
    for (bool reads : {false, true}) {
      SCOPED_TRACE(absl::StrCat("writes ", writes, ", reads ", reads));
      Registry registry = WorkerRegistry();
      if (writes) {
        registry.set_bound_method_form(Registry::BoundMethodForm::kUnpickleMethod, "mp_recipes");
      }
      if (reads) registry.accept_unpickle_method_recipe("mp_recipes");
      Document doc;
      Heap& heap = doc.heap();
      Value worker = NewInstance(heap, "tasks", "Worker", Value());
      absl::StatusOr<Value> bound = registry.BindMethod(heap, worker, "process");
      ASSERT_TRUE(bound.ok()) << bound.status();
      EXPECT_EQ(ReprOf(*registry.Lower(heap, *bound)),
                writes ? "mp_recipes._unpickle_method('process', "
                         "tasks.Worker.__new__(tasks.Worker), tasks.Worker)"
                       : "builtins.getattr(tasks.Worker.__new__(tasks.Worker), 'process')");

      Value recipe_call = Call(heap, "mp_recipes", "_unpickle_method",
                               {heap.NewStr("process"), worker, heap.NewGlobal("tasks", "Worker")});
      doc.set_root(recipe_call);
      ASSERT_TRUE(registry.Resolve(doc).ok());
      if (reads) {
        ASSERT_EQ(doc.root().kind(), Kind::kBoundMethod);
        EXPECT_EQ(doc.root().as<BoundMethod>()->self, worker);
        EXPECT_EQ(ReprOf(doc.root().as<BoundMethod>()->function), "tasks.Base.process");
      } else {
        EXPECT_EQ(doc.root(), recipe_call);  // an opaque call, re-encoded as it came
      }
      registry.set_policy(GlobalPolicy::Strict());
      doc.set_root(recipe_call);
      EXPECT_EQ(registry.Resolve(doc).message(),
                reads ? "" : "global 'mp_recipes._unpickle_method' is forbidden (strict policy: "
                             "nothing registered it)");
      EXPECT_EQ(registry.CheckGlobalName("mp_recipes", "_unpickle_method").ok(), reads);
    }
  }
  Registry no_module = WorkerRegistry();
  no_module.set_bound_method_form(Registry::BoundMethodForm::kUnpickleMethod);
  Heap heap;
  absl::StatusOr<Value> bound =
      no_module.BindMethod(heap, NewInstance(heap, "tasks", "Worker", Value()), "process");
  ASSERT_TRUE(bound.ok()) << bound.status();
  EXPECT_EQ(no_module.Lower(heap, *bound).status().message(),
            "cannot pickle bound method 'process' in the _unpickle_method form: "
            "set_bound_method_form was given no recipe module");
}

TEST(RegistryTest, UnknownMethodNamesClassAndMro) {
  Registry registry = WorkerRegistry();
  Document doc;
  Heap& heap = doc.heap();
  doc.set_root(Call(heap, "builtins", "getattr",
                    {NewInstance(heap, "tasks", "Worker", Value()), heap.NewStr("nope")}));
  EXPECT_EQ(registry.Resolve(doc).message(),
            "'Worker' object has no attribute 'nope' (searched the MRO of tasks.Worker: "
            "tasks.Worker, tasks.Base, builtins.object)");
}

TEST(RegistryTest, UnregisteredClassStaysOpaque) {
  Registry registry = WorkerRegistry();
  Document doc;
  Heap& heap = doc.heap();
  Value call = Call(heap, "builtins", "getattr",
                    {NewInstance(heap, "other", "Thing", Value()), heap.NewStr("run")});
  doc.set_root(call);
  ASSERT_TRUE(registry.Resolve(doc).ok());
  EXPECT_EQ(doc.root(), call);
  Heap scratch;
  EXPECT_EQ(*registry.Lower(scratch, call), call);  // re-encodes as it came
}

TEST(RegistryTest, SetStateRunsForRegisteredClasses) {
  Registry registry;
  std::vector<std::string> seen;
  ASSERT_TRUE(registry
                  .DefineClass({.module = "m",
                                .qualname = "C",
                                .setstate = [&seen](Heap&, Value, Value state) {
                                  seen.push_back(ReprOf(state));
                                  return absl::OkStatus();
                                }})
                  .ok());
  Document doc;
  doc.set_root(NewInstance(doc.heap(), "m", "C", PointState(doc.heap(), 1, 2)));
  ASSERT_TRUE(registry.Resolve(doc).ok());
  EXPECT_EQ(seen, std::vector<std::string>{"{'x': 1.0, 'y': 2.0}"});
}

TEST(RegistryTest, NativeWithoutReducer) {
  struct Unregistered {
    int n;
  };
  Registry registry;
  Heap heap;
  absl::StatusOr<Value> lowered = registry.Lower(heap, ToValue(heap, Unregistered{1}));
  ASSERT_FALSE(lowered.ok());
  EXPECT_NE(lowered.status().message().find("no reducer is registered"), std::string::npos);
}

TEST(RegistryTest, MillionDeepGraphsNeedNoNativeStack) {
  Registry registry = PointRegistry();
  Heap heap;
  Value root = ToValue(heap, Point{1, 2});
  for (int depth = 0; depth < 1000000; ++depth) {
    Value list = heap.NewList();
    list.as<List>()->items.push_back(root);
    root = list;
  }
  absl::StatusOr<Value> lowered = registry.Lower(heap, root);
  ASSERT_TRUE(lowered.ok()) << lowered.status();
  absl::StatusOr<Value> resolved = registry.Resolve(heap, *lowered);
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  Value bottom = *resolved;
  while (bottom.kind() == Kind::kList) bottom = bottom.as<List>()->items[0];
  ASSERT_NE(NativeAs<Point>(bottom), nullptr);
  EXPECT_EQ(*NativeAs<Point>(bottom), (Point{1, 2}));
}

TEST(RegistryTest, RegistrationConflicts) {
  Registry registry = PointRegistry();
  EXPECT_EQ(registry.Register(FieldsBinding<Point>("geometry", "Point2", Field("x", &Point::x)))
                .code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(registry.AddReconstructor("geometry", "Point", nullptr).message(),
            "a reconstructor for geometry.Point is already registered");
}

}  // namespace
}  // namespace brine
