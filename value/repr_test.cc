// Tests for repr(): floats, complex, str, bytes and str.isprintable() against
// CPython run at test time; containers and recursion markers against the repr
// CPython prints for the same objects; brine's own forms for other kinds.
#include "brine/value/repr.h"

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"
#include "brine/value/bigint.h"
#include "brine/value/containers.h"
#include "brine/value/heap.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

std::string Unhex(std::string_view hex) { return absl::HexStringToBytes(ToAbsl(hex)); }

double DoubleFromBitsHex(const std::string& hex) {
  std::string bytes = Unhex(hex);  // struct.pack('<d') order
  double d;
  std::memcpy(&d, bytes.data(), sizeof d);
  return d;
}

// Runs a script and splits its output into lines of space-separated fields.
std::vector<std::vector<std::string>> PythonRows(const std::string& script) {
  absl::StatusOr<ProcessResult> result = RunPython(script);
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok()) return {};
  EXPECT_EQ(result->exit_code, 0) << result->stderr_text;
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(result->stdout_text);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::vector<std::string> row;
    for (std::string field; fields >> field;) row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

TEST(ReprFloatTest, MatchesCPythonOnRandomAndEdgeDoubles) {
  std::vector<std::vector<std::string>> rows = PythonRows(R"(
import random, struct
random.seed(7)
values = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1e16, 1e15, 9999999999999998.0, 1e17, 123456789012345678.0,
          1e-4, 1e-5, 0.0001234, 0.00001234, 1.5e300, 5e-324, -5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, float('inf'), float('-inf'), float('nan'), 1e22, 1e21, 1e-7, 100.0, 12345.678]
for _ in range(12000):
    values.append(struct.unpack('<d', random.getrandbits(64).to_bytes(8, 'little'))[0])
for _ in range(4000):
    values.append(struct.unpack('<d', random.getrandbits(52).to_bytes(8, 'little'))[0])  # subnormal or tiny
for _ in range(4000):
    values.append(round(random.uniform(-1, 1) * 10 ** random.randint(-8, 20), random.randint(0, 6)))
for d in values:
    imag = repr(complex(0.0, d))[:-1]
    print(struct.pack('<d', d).hex(), repr(d), imag)
)");
  ASSERT_GT(rows.size(), 20000u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    double d = DoubleFromBitsHex(row[0]);
    EXPECT_EQ(ReprFloat(d), row[1]);
    EXPECT_EQ(ReprFloatNoDotZero(d), row[2]);
  }
}

TEST(ReprComplexTest, EverySignZeroInfNanCombinationMatchesCPython) {
  std::vector<std::vector<std::string>> rows = PythonRows(R"(
import struct, itertools
parts = [0.0, -0.0, 1.0, -1.0, 2.5, -1e16, 1e-5, float('inf'), float('-inf'), float('nan'), -float('nan')]
for r, i in itertools.product(parts, parts):
    print(struct.pack('<d', r).hex(), struct.pack('<d', i).hex(), repr(complex(r, i)))
)");
  ASSERT_EQ(rows.size(), 121u);
  Heap heap;
  for (const auto& row : rows) {
    Value c = heap.NewComplex(DoubleFromBitsHex(row[0]), DoubleFromBitsHex(row[1]));
    absl::StatusOr<std::string> text = Repr(c);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, row[2]) << row[0] << " " << row[1];
  }
}

TEST(ReprStrTest, RandomStringsMatchCPythonReprAndAscii) {
  std::vector<std::vector<std::string>> rows = PythonRows(R"(
import random
random.seed(13)
pools = [
    [chr(c) for c in range(0x80)],
    ["'", '"', '\\', '\t', '\n', '\r', '\x00', '\x7f', ' '],
    [chr(c) for c in range(0x80, 0x100)],
    [chr(c) for c in range(0xd800, 0xe000, 7)],
    [chr(c) for c in range(0x4e00, 0x9fff, 3)],
    [chr(c) for c in range(0x1f300, 0x1fa00, 5)],
    [chr(c) for c in (0x200b, 0x2028, 0x2029, 0xfeff, 0x00ad, 0x0378, 0xe000, 0xffff, 0x10ffff, 0xe0001, 0x3000, 0xa0)],
    [chr(c) for c in range(0x300, 0x370)],
]
def case():
    n = random.randint(0, 12)
    if random.random() < 0.3:
        return ''.join(chr(random.randint(0, 0x10ffff)) for _ in range(n))
    return ''.join(random.choice(random.choice(pools)) for _ in range(n))
cases = ["", "'", '"', "'\"", "a'b", 'a"b', "\\", "\udc80", "\ud83d\ude00"] + [case() for _ in range(6000)]
enc = lambda s: s.encode('utf-8', 'surrogatepass').hex() or '-'
for s in cases:
    print(enc(s), enc(repr(s)), enc(ascii(s)))
)");
  ASSERT_GT(rows.size(), 5000u);
  auto dec = [](const std::string& hex) { return hex == "-" ? std::string() : Unhex(hex); };
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    std::string utf8 = dec(row[0]);
    EXPECT_EQ(ReprStr(utf8), dec(row[1])) << row[0];
    EXPECT_EQ(AsciiStr(utf8), dec(row[2])) << row[0];
  }
}

TEST(ReprBytesTest, RandomBytesMatchCPython) {
  std::vector<std::vector<std::string>> rows = PythonRows(R"(
import random
random.seed(17)
cases = [b"", b"'", b'"', b"'\"", bytes(range(256))]
cases += [bytes(random.choice(b"'\"\\\t\n\r\x00\x7f\x80\xffab ") for _ in range(random.randint(0, 10))) for _ in range(2000)]
cases += [random.randbytes(random.randint(0, 20)) for _ in range(2000)]
for b in cases:
    print(b.hex() or '-', repr(b).encode().hex(), repr(bytearray(b)).encode().hex())
)");
  ASSERT_GT(rows.size(), 4000u);
  Heap heap;
  for (const auto& row : rows) {
    std::string data = row[0] == "-" ? "" : Unhex(row[0]);
    EXPECT_EQ(ReprBytes(data), Unhex(row[1]));
    absl::StatusOr<std::string> text = Repr(heap.NewByteArray(data));
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, Unhex(row[2]));
  }
}

TEST(ReprStrTest, MalformedUtf8StillPrintsVisibly) {
  EXPECT_EQ(ReprStr("a\xff"), "'a\\udcff'");
  EXPECT_EQ(ReprStr("\xe4\xb8"), "'\\udce4\\udcb8'");
}

TEST(IsPrintableTest, AgreesWithCPythonForEveryCodePoint) {
  std::vector<std::vector<std::string>> rows = PythonRows(R"(
start = None
for c in range(0x110001):
    p = c < 0x110000 and chr(c).isprintable()
    if p and start is None:
        start = c
    elif not p and start is not None:
        print(start, c - 1)
        start = None
)");
  ASSERT_GT(rows.size(), 100u);
  uint32_t next = 0;
  size_t mismatches = 0;
  for (const auto& row : rows) {
    uint32_t first = std::stoul(row[0]);
    uint32_t last = std::stoul(row[1]);
    for (; next < first; ++next) mismatches += IsPrintable(next) ? 1 : 0;
    for (; next <= last; ++next) mismatches += IsPrintable(next) ? 0 : 1;
  }
  for (; next < 0x110000; ++next) mismatches += IsPrintable(next) ? 1 : 0;
  EXPECT_EQ(mismatches, 0u);
  EXPECT_FALSE(IsPrintable(0x110000));
}

TEST(IsPrintableTest, CheckedInTableIsWhatTheGeneratorWrites) {
  absl::StatusOr<ProcessResult> generated = RunProcess({PythonInterpreter(), "tools/gen_printable_table.py", "--stdout"});
  ASSERT_TRUE(generated.ok()) << generated.status();
  ASSERT_EQ(generated->exit_code, 0) << generated->stderr_text;
  std::ifstream in("value/printable_table.inc");
  std::stringstream checked_in;
  checked_in << in.rdbuf();
  EXPECT_EQ(generated->stdout_text, checked_in.str());
}

// Builders for container cases, with the Python that makes the same object.
struct ContainerCase {
  const char* python;  // defines x
  Value (*build)(Heap&);
};

Value Str(Heap& h, std::string_view s) { return h.NewStr(s); }

const ContainerCase kContainerCases[] = {
    {"x = ()", [](Heap& h) { return h.NewTuple({}); }},
    {"x = (1,)", [](Heap& h) { Value items[] = {Value::Int(1)}; return h.NewTuple(items); }},
    {"x = (1, 'a', None, True, 2.5)",
     [](Heap& h) {
       Value items[] = {Value::Int(1), Str(h, "a"), Value(), Value::Bool(true), Value::Float(2.5)};
       return h.NewTuple(items);
     }},
    {"x = []", [](Heap& h) { return h.NewList(); }},
    {"x = [[], [1], [[2, 3]]]",
     [](Heap& h) {
       Value outer = h.NewList();
       Value one = h.NewList();
       one.as<List>()->items.push_back(Value::Int(1));
       Value inner = h.NewList();
       inner.as<List>()->items = {Value::Int(2), Value::Int(3)};
       Value wrap = h.NewList();
       wrap.as<List>()->items.push_back(inner);
       outer.as<List>()->items = {h.NewList(), one, wrap};
       return outer;
     }},
    {"x = {}", [](Heap& h) { return h.NewDict(); }},
    {"x = {'b': 1, 'a': [2], 3: {'c': b'd'}}",
     [](Heap& h) {
       Value d = h.NewDict();
       Value inner = h.NewDict();
       (void)DictSetItem(h, inner.as<Dict>(), Str(h, "c"), h.NewBytes("d"));
       Value list = h.NewList();
       list.as<List>()->items.push_back(Value::Int(2));
       (void)DictSetItem(h, d.as<Dict>(), Str(h, "b"), Value::Int(1));
       (void)DictSetItem(h, d.as<Dict>(), Str(h, "a"), list);
       (void)DictSetItem(h, d.as<Dict>(), Value::Int(3), inner);
       return d;
     }},
    {"x = set()", [](Heap& h) { return h.NewSet(); }},
    {"x = frozenset()", [](Heap& h) { return h.NewFrozenSet(); }},
    {"x = {1}", [](Heap& h) { Value s = h.NewSet(); (void)SetAdd(h, s.as<Set>(), Value::Int(1)); return s; }},
    {"x = frozenset({1})",
     [](Heap& h) { Value s = h.NewFrozenSet(); (void)SetAdd(h, s.as<Set>(), Value::Int(1)); return s; }},
    {"x = [frozenset({(1, 2)}), 10**30, -10**20, complex(1, 2)]",
     [](Heap& h) {
       Value s = h.NewFrozenSet();
       Value pair[] = {Value::Int(1), Value::Int(2)};
       (void)SetAdd(h, s.as<Set>(), h.NewTuple(pair));
       Value list = h.NewList();
       list.as<List>()->items = {s, *IntFromDecimal(h, "1" + std::string(30, '0')),
                                 *IntFromDecimal(h, "-1" + std::string(20, '0')), h.NewComplex(1, 2)};
       return list;
     }},
    {"x = []; x.append(x)",
     [](Heap& h) { Value l = h.NewList(); l.as<List>()->items.push_back(l); return l; }},
    {"x = {}; x['self'] = x; x['list'] = [x]",
     [](Heap& h) {
       Value d = h.NewDict();
       Value l = h.NewList();
       l.as<List>()->items.push_back(d);
       (void)DictSetItem(h, d.as<Dict>(), Str(h, "self"), d);
       (void)DictSetItem(h, d.as<Dict>(), Str(h, "list"), l);
       return d;
     }},
    // Flat tuples and lists (value/flat_values.h) shared, beside a cycle,
    // at the 16-item bound and past it, and in dicts.
    {"t = (1.5, 'a'); l = [t, (2,), [t, t]]; l.append(l); "
     "x = {'k': l, 'f': [0.1] * 16, 'g': [-0.0] * 17, 'h': (t,), (1, 2): t}",
     [](Heap& h) {
       Value t_items[] = {Value::Float(1.5), Str(h, "a")};
       Value t = h.NewTuple(t_items);
       Value two[] = {Value::Int(2)};
       Value pair = h.NewList();
       pair.as<List>()->items = {t, t};
       Value l = h.NewList();
       l.as<List>()->items = {t, h.NewTuple(two), pair, l};
       Value sixteen = h.NewList();
       sixteen.as<List>()->items.assign(16, Value::Float(0.1));
       Value seventeen = h.NewList();
       seventeen.as<List>()->items.assign(17, Value::Float(-0.0));
       Value one_t[] = {t};
       Value key[] = {Value::Int(1), Value::Int(2)};
       Value d = h.NewDict();
       (void)DictSetItem(h, d.as<Dict>(), Str(h, "k"), l);
       (void)DictSetItem(h, d.as<Dict>(), Str(h, "f"), sixteen);
       (void)DictSetItem(h, d.as<Dict>(), Str(h, "g"), seventeen);
       (void)DictSetItem(h, d.as<Dict>(), Str(h, "h"), h.NewTuple(one_t));
       (void)DictSetItem(h, d.as<Dict>(), h.NewTuple(key), t);
       return d;
     }},
    {"l = []; t = (l, 1); l.append(t); x = [t, t]",
     [](Heap& h) {
       Value l = h.NewList();
       Value items[] = {l, Value::Int(1)};
       Value t = h.NewTuple(items);
       l.as<List>()->items.push_back(t);
       Value x = h.NewList();
       x.as<List>()->items = {t, t};
       return x;
     }},
};

TEST(ReprContainerTest, MatchesCPythonsReprOfTheSameObjects) {
  std::string script;
  for (const ContainerCase& c : kContainerCases) {
    script += c.python;
    script += "\nprint(repr(x).encode().hex())\n";
  }
  std::vector<std::vector<std::string>> rows = PythonRows(script);
  ASSERT_EQ(rows.size(), std::size(kContainerCases));
  Heap heap;
  for (size_t i = 0; i < rows.size(); ++i) {
    absl::StatusOr<std::string> text = Repr(kContainerCases[i].build(heap));
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, Unhex(rows[i][0])) << kContainerCases[i].python;
  }
}

TEST(ReprContainerTest, MillionDeepNestingPrintsWithoutRecursion) {
  constexpr size_t kDepth = 1000000;
  Heap heap;
  Value list = heap.NewList();
  Value tuple = heap.NewTuple({});
  Value dict = heap.NewDict();
  for (size_t i = 0; i < kDepth; ++i) {
    Value outer = heap.NewList();
    outer.as<List>()->items.push_back(list);
    list = outer;
    Value items[] = {tuple};
    tuple = heap.NewTuple(items);
    Value outer_dict = heap.NewDict();
    ASSERT_TRUE(DictSetItem(heap, outer_dict.as<Dict>(), Value::Int(0), dict).ok());
    dict = outer_dict;
  }
  absl::StatusOr<std::string> text = Repr(list);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, std::string(kDepth + 1, '[') + std::string(kDepth + 1, ']'));
  text = Repr(tuple);
  ASSERT_TRUE(text.ok());
  std::string expected_tuple;
  for (size_t i = 0; i < kDepth; ++i) expected_tuple += '(';
  expected_tuple += "()";
  for (size_t i = 0; i < kDepth; ++i) expected_tuple += ",)";
  EXPECT_EQ(*text, expected_tuple);
  text = Repr(dict);
  ASSERT_TRUE(text.ok());
  std::string expected_dict;
  for (size_t i = 0; i < kDepth; ++i) expected_dict += "{0: ";
  expected_dict += "{}";
  expected_dict += std::string(kDepth, '}');
  EXPECT_EQ(*text, expected_dict);
}

// Forty levels of `[x, x]`, each the one before: 2**40 leaves in 41 objects.
Value SharedListDag(Heap& heap, int levels) {
  Value x = heap.NewList();
  x.as<List>()->items.push_back(Value::Int(1));
  for (int i = 0; i < levels; ++i) {
    Value next = heap.NewList();
    next.as<List>()->items = {x, x};
    x = next;
  }
  return x;
}

TEST(ReprLimitTest, SharedDagStopsAtTheOutputLimit) {
  Heap heap;
  Value dag = SharedListDag(heap, 40);
  ReprOptions options;
  options.max_output_bytes = 1 << 16;
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<std::string> text = Repr(dag, options);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));  // 2**40 leaves would take hours
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(text.status().message(),
            "repr() text longer than the limit of 65536 bytes (max_output_bytes); objects referenced more than "
            "once are printed in full at each reference");
}

TEST(ReprLimitTest, OutputUpToTheLimitIsCPythonsRepr) {
  std::vector<std::vector<std::string>> rows = PythonRows(R"(
x = [1]
for _ in range(12): x = [x, x]
print(repr(x).encode().hex())
)");
  ASSERT_EQ(rows.size(), 1u);
  std::string expected = Unhex(rows[0][0]);
  Heap heap;
  Value dag = SharedListDag(heap, 12);
  ReprOptions options;
  options.max_output_bytes = expected.size();
  absl::StatusOr<std::string> text = Repr(dag, options);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, expected);
  options.max_output_bytes = expected.size() - 1;
  EXPECT_EQ(Repr(dag, options).status().code(), absl::StatusCode::kResourceExhausted);
  options.max_output_bytes = 0;  // no limit
  text = Repr(dag, options);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, expected);
}

TEST(ReprIntTest, DigitLimitAppliesToRepr) {
  Heap heap;
  Value big = *IntFromDecimal(heap, "1" + std::string(5000, '0'));
  EXPECT_FALSE(Repr(big).ok());
  ReprOptions unlimited;
  unlimited.max_int_digits = 0;
  absl::StatusOr<std::string> text = Repr(big, unlimited);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->size(), 5001u);
  EXPECT_EQ(*Repr(Value::Int(INT64_MIN)), "-9223372036854775808");
  EXPECT_EQ(*Repr(Value::Bool(false)), "False");
  EXPECT_EQ(*Repr(Value()), "None");
}

// brine's own forms for kinds Python has no literal for (documented in repr.h).
TEST(ReprObjectTest, GlobalsInstancesReducesAndOthers) {
  Heap heap;
  Value point_cls = heap.NewGlobal("geometry", "Point");
  EXPECT_EQ(*Repr(point_cls), "geometry.Point");

  Instance* point = heap.NewInstance();
  point->cls = point_cls;
  point->args = heap.NewTuple({});
  point->has_state = true;
  point->state = heap.NewDict();
  ASSERT_TRUE(DictSetItem(heap, point->state.as<Dict>(), heap.NewStr("x"), Value::Int(1)).ok());
  ASSERT_TRUE(DictSetItem(heap, point->state.as<Dict>(), heap.NewStr("y"), Value::Float(2)).ok());
  EXPECT_EQ(*Repr(Value::FromObject(point)), "geometry.Point(x=1, y=2.0)");

  Instance* raw = heap.NewInstance();
  raw->cls = point_cls;
  Value args[] = {Value::Int(3), heap.NewStr("a")};
  raw->args = heap.NewTuple(args);
  raw->has_state = true;
  Value slots[] = {Value(), Value::Int(4)};
  raw->state = heap.NewTuple(slots);
  EXPECT_EQ(*Repr(Value::FromObject(raw)),
            "geometry.Point.__new__(geometry.Point, 3, 'a').__setstate__((None, 4))");

  Instance* bare = heap.NewInstance();
  bare->cls = point_cls;
  bare->args = heap.NewTuple({});
  EXPECT_EQ(*Repr(Value::FromObject(bare)), "geometry.Point.__new__(geometry.Point)");

  Reduce* ordered = heap.NewReduce();
  ordered->callable = heap.NewGlobal("collections", "OrderedDict");
  ordered->args = heap.NewTuple({});
  ordered->dict_items.emplace_back(heap.NewStr("a"), Value::Int(1));
  EXPECT_EQ(*Repr(Value::FromObject(ordered)), "collections.OrderedDict().update({'a': 1})");

  Reduce* listish = heap.NewReduce();
  listish->callable = heap.NewGlobal("mod", "Bag");
  Value one[] = {Value::Int(1)};
  listish->args = heap.NewTuple(one);
  listish->list_items = {Value::Int(2), Value::Int(3)};
  listish->has_state = true;
  listish->state = heap.NewStr("s");
  listish->state_setter = heap.NewGlobal("mod", "setter");
  EXPECT_EQ(*Repr(Value::FromObject(listish)), "mod.Bag(1).extend([2, 3]).__setstate__('s', setter=mod.setter)");

  BoundMethod* method = heap.NewBoundMethod();
  method->self = Value::FromObject(point);
  method->name = "norm";
  EXPECT_EQ(*Repr(Value::FromObject(method)), "<bound method Point.norm of geometry.Point(x=1, y=2.0)>");

  PersistentId* pid = heap.NewPersistentId();
  pid->pid = heap.NewStr("row:7");
  EXPECT_EQ(*Repr(Value::FromObject(pid)), "persistent_load('row:7')");

  Buffer* buffer = heap.NewBuffer();
  buffer->index = 2;
  buffer->readonly = true;
  EXPECT_EQ(*Repr(Value::FromObject(buffer)), "PickleBuffer(index=2, readonly=True)");

  Native* native = heap.NewNative();
  native->type_name = "geo::Point";
  EXPECT_EQ(*Repr(Value::FromObject(native)), "<native geo::Point>");
  native->origin = Value::FromObject(point);  // rebuilt from the Instance printed above
  EXPECT_EQ(*Repr(Value::FromObject(native)), "geometry.Point(x=1, y=2.0)");

  // An instance whose state refers back to it prints a marker, not forever.
  Instance* node = heap.NewInstance();
  node->cls = heap.NewGlobal("tree", "Node");
  node->args = heap.NewTuple({});
  node->has_state = true;
  node->state = heap.NewDict();
  ASSERT_TRUE(DictSetItem(heap, node->state.as<Dict>(), heap.NewStr("parent"), Value::FromObject(node)).ok());
  EXPECT_EQ(*Repr(Value::FromObject(node)), "tree.Node(parent=...)");
  // So does a native whose origin holds the native itself.
  Native* rebuilt = heap.NewNative();
  rebuilt->origin = Value::FromObject(node);
  node->state.as<Dict>()->items[0].second = Value::FromObject(rebuilt);
  EXPECT_EQ(*Repr(Value::FromObject(rebuilt)), "tree.Node(parent=...)");
}

}  // namespace
}  // namespace brine
