// Typed methods (Def, Self<T>) on classes CPython defines the same way:
// bound methods Python pickles are decoded, called in C++, and give what
// Python's own methods return, errors included.
#include "brine/registry/typed_method.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/codec/decoder.h"
#include "brine/tests/python_runner.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

struct Shape {
  std::string label;
  std::string Named(const std::string& prefix) const { return prefix + label; }
};
struct Square : Shape {
  double side = 0;
  double Area() const { return side * side; }
};

// shapes.Shape and shapes.Square(Shape), as the Python classes below.
Registry ShapesRegistry() {
  Registry registry;
  EXPECT_TRUE(registry
                  .Register(FieldsBinding<Square>("shapes", "Square",
                                                  Field("label", &Square::label),
                                                  Field("side", &Square::side)))
                  .ok());
  EXPECT_TRUE(registry
                  .DefineClass({.module = "shapes",
                                .qualname = "Shape",
                                .methods = {Def<Square>("named", &Shape::Named)}})
                  .ok());
  EXPECT_TRUE(
      registry
          .DefineClass(
              {.module = "shapes",
               .qualname = "Square",
               .bases = {{"shapes", "Shape"}},
               .methods = {
                   Def("area", &Square::Area),
                   Def("scaled",
                       [](const Square& self, double k) {
                         Square scaled = self;
                         scaled.side *= k;
                         return scaled;
                       }),
                   Def("doubled",
                       [](Self<Square> self) { return self.Call<Square>("scaled", 2.0); }),
                   Def("__half", [](const Square& self) { return self.side / 2; }),
                   Def("half", [](Self<Square> self) { return self.Call<double>("__half"); }),
                   Def("describe", [](Self<Square> self) -> absl::StatusOr<std::string> {
                     absl::StatusOr<double> area = self.Call<double>("area");
                     if (!area.ok()) return area.status();
                     return absl::StrCat(self->label, ": area ", ReprFloat(*area));
                   })}})
          .ok());
  return registry;
}

constexpr char kPythonShapes[] = R"(
import pickle, sys, types
shapes = types.ModuleType('shapes'); sys.modules['shapes'] = shapes
class Shape:
    def __init__(self, label): self.label = label
    def named(self, prefix): return prefix + self.label
class Square(Shape):
    def __init__(self, label, side): super().__init__(label); self.side = side
    def area(self): return self.side * self.side
    def scaled(self, k): return Square(self.label, self.side * k)
    def doubled(self): return self.scaled(2.0)
    def __half(self): return self.side / 2
    def half(self): return self.__half()
    def describe(self): return '%s: area %r' % (self.label, self.area())
for cls in (Shape, Square): cls.__module__ = 'shapes'; setattr(shapes, cls.__name__, cls)
s = Square('unit', 2.0)
)";

// The repr of `value`, or of the error.
std::string ReprOf(absl::StatusOr<Value> value) {
  if (!value.ok()) return std::string(value.status().message());
  absl::StatusOr<std::string> repr = Repr(*value);
  return repr.ok() ? *repr : std::string(repr.status().message());
}

TEST(TypedMethodTest, DecodedBoundMethodsGiveWhatPythonsMethodsReturn) {
  absl::StatusOr<std::string> python = RunPythonStdout(absl::StrCat(kPythonShapes, R"(
print(pickle.dumps([s.area, s.scaled, s.doubled, s.describe, s.named, s.half], 2).hex())
print(repr(s.area()))
print(repr(s.scaled(1.5).side))
print(repr(s.doubled().side))
print(repr(s.describe()))
print(repr(s.named('the ')))
print(repr(s.half()))
try: s.area(1)
except TypeError as e: print(e)
)"));
  ASSERT_TRUE(python.ok()) << python.status();
  std::vector<std::string> lines = absl::StrSplit(*python, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 8u);
  absl::StatusOr<Document> doc = Decode(absl::HexStringToBytes(lines[0]));
  ASSERT_TRUE(doc.ok()) << doc.status();
  Registry registry = ShapesRegistry();
  ASSERT_TRUE(registry.Resolve(*doc).ok());
  Heap& heap = doc->heap();
  std::span<Value> methods = doc->root().as<List>()->items;
  ASSERT_EQ(methods.size(), 6u);
  for (Value method : methods) ASSERT_EQ(method.kind(), Kind::kBoundMethod) << ReprOf(method);

  EXPECT_EQ(ReprOf(registry.CallMethod(heap, methods[0], {})), lines[1]);
  Value k[] = {Value::Float(1.5)};
  absl::StatusOr<Value> scaled = registry.CallMethod(heap, methods[1], k);
  ASSERT_TRUE(scaled.ok()) << scaled.status();
  EXPECT_EQ(ReprOf(Value::Float(registry.FromValue<Square>(heap, *scaled)->side)), lines[2]);
  EXPECT_EQ(ReprOf(*scaled), "shapes.Square(label='unit', side=3.0)");  // what it pickles as
  absl::StatusOr<Value> doubled = registry.CallMethod(heap, methods[2], {});
  ASSERT_TRUE(doubled.ok()) << doubled.status();
  EXPECT_EQ(ReprOf(Value::Float(registry.FromValue<Square>(heap, *doubled)->side)), lines[3]);
  EXPECT_EQ(ReprOf(registry.CallMethod(heap, methods[3], {})), lines[4]);
  Value prefix[] = {heap.NewStr("the ")};
  EXPECT_EQ(ReprOf(registry.CallMethod(heap, methods[4], prefix)), lines[5]);
  // self.__half() inside Square's body is self._Square__half(), in C++ too.
  EXPECT_EQ(ReprOf(registry.CallMethod(heap, methods[5], {})), lines[6]);
  Value extra[] = {Value::Int(1)};
  EXPECT_EQ(ReprOf(registry.CallMethod(heap, methods[0], extra)), lines[7]);
}

TEST(TypedMethodTest, ConversionErrorsNameTheMethodAndTheArgument) {
  Registry registry = ShapesRegistry();
  Heap heap;
  Value square = registry.ToValue(heap, Square{{"unit"}, 2});
  Value text[] = {heap.NewStr("x")};
  EXPECT_EQ(ReprOf(registry.CallMethod(heap, square, "scaled", text)),
            "Square.scaled() argument 1: expected float, got str");
  EXPECT_EQ(ReprOf(registry.CallMethod(heap, square, "scaled", {})),
            "Square.scaled() takes 2 positional arguments but 1 was given");
  // self that the registry cannot rebuild into a Square.
  Instance* incomplete = heap.NewInstance();
  incomplete->cls = heap.NewGlobal("shapes", "Square");
  incomplete->args = heap.NewTuple({});
  EXPECT_EQ(ReprOf(registry.CallMethod(heap, Value::FromObject(incomplete), "area", {})),
            "Square.area() self: shapes.Square: no field 'label' in the pickle");
}

TEST(TypedMethodTest, StatusVoidAndValueBodies) {
  Registry registry;
  int resets = 0;
  ASSERT_TRUE(registry
                  .DefineClass({.module = "m",
                                .qualname = "C",
                                .methods = {
                                    Def("reset", [&resets](Value) { ++resets; }),
                                    Def("check",
                                        [](Value, int64_t n) {
                                          if (n > 0) return absl::OkStatus();
                                          return absl::OutOfRangeError("n must be positive");
                                        }),
                                    Def("self", [](Self<Value> self) { return self.value(); }),
                                }})
                  .ok());
  Heap heap;
  Instance* instance = heap.NewInstance();
  instance->cls = heap.NewGlobal("m", "C");
  instance->args = heap.NewTuple({});
  const Value c = Value::FromObject(instance);
  EXPECT_EQ(ReprOf(registry.CallMethod(heap, c, "reset", {})), "None");
  EXPECT_EQ(resets, 1);
  Value zero[] = {Value::Int(0)};
  EXPECT_EQ(registry.CallMethod(heap, c, "check", zero).status().code(),
            absl::StatusCode::kOutOfRange);
  EXPECT_EQ(*registry.CallMethod(heap, c, "self", {}), c);
}

}  // namespace
}  // namespace brine
