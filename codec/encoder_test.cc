// Opcode choice per kind: brine's Encode of a value built in C++ must equal
// CPython's pickle.dumps of the same Python value, byte for byte, at every
// protocol. CPython is run at test time; nothing expected is pasted here.
#include "brine/codec/encoder.h"

#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/codec/extension_codes.h"
#include "brine/tests/python_runner.h"
#include "brine/value/builder.h"

namespace brine {
namespace {

// Classes the Python side of the cases refers to, defined in __main__.
constexpr char kPreamble[] = R"(
import collections, pickle, sys, binascii
class A: pass
class L(list): pass
class D(dict): pass
class Outer:
    class Inner: pass
class M:
    def run(self): pass
class K:
    def __new__(cls, *a, **kw):
        o = object.__new__(cls); o.a = a; o.kw = kw; return o
    def __getnewargs_ex__(self): return (self.a, self.kw)
class G:
    def __new__(cls, *a):
        return object.__new__(cls)
    def __getnewargs__(self): return (1, 'two')
def attrs(obj, **kw):
    obj.__dict__.update(kw); return obj
def cyclic_list():
    l = [1]; l.append(l); return l
def cyclic_dict():
    d = {}; d['self'] = d; return d
def recursive_tuple(n):
    l = []; t = (l,) + tuple(range(1, n)); l.append(t); return t
def frozenset_cycle():
    a = A(); f = frozenset([a]); a.f = f; return f
def setter(obj, state): pass
class R:
    def __init__(self, n, with_setter): self.n = n; self.with_setter = with_setter
    def __reduce__(self):
        return (R, (), {'a': 1}, iter(range(self.n)), iter([('k', 'v')] * min(self.n, 1)),
                setter if self.with_setter else None)
def set_cycle():
    a = A(); s = {a}; a.s = s; return s
)";

struct Case {
  std::string python;  // a Python expression evaluated after kPreamble
  std::function<Value(Builder&)> build;
  std::vector<int> protocols = {0, 1, 2, 3, 4, 5};
};

std::vector<Case> Cases() {
  std::vector<Case> cases;
  const auto add = [&](std::string python, std::function<Value(Builder&)> build) {
    cases.push_back({std::move(python), std::move(build)});
  };
  // Atoms.
  add("None", [](Builder& b) { return b.None(); });
  add("[True, False]", [](Builder& b) { return b.List({true, false}); });
  add("[0, 1, 255, 256, 65535, 65536, -1, -255, -256, -65536, 2**31-1, -2**31]", [](Builder& b) {
    return b.List({0, 1, 255, 256, 65535, 65536, -1, -255, -256, -65536, INT32_MAX, INT32_MIN});
  });
  add("[2**31, -2**31-1, 2**63-1, -2**63, 2**40, -2**40, 2**64, -2**64, 2**128, -(2**127)]", [](Builder& b) {
    return b.List({int64_t{1} << 31, -(int64_t{1} << 31) - 1, INT64_MAX, INT64_MIN, int64_t{1} << 40,
                   -(int64_t{1} << 40), b.Int("18446744073709551616"), b.Int("-18446744073709551616"),
                   b.Int("340282366920938463463374607431768211456"),
                   b.Int("-170141183460469231731687303715884105728")});
  });
  add("[0.0, -0.0, 1.5, 1e16, 1e-05, 1e300, float('inf'), -float('inf'), float('nan'), 0.1, 123456789.125]",
      [](Builder& b) {
        return b.List({0.0, -0.0, 1.5, 1e16, 1e-05, 1e300, std::numeric_limits<double>::infinity(),
                       -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(), 0.1,
                       123456789.125});
      });
  add("complex(1.5, -2)", [](Builder& b) { return b.Complex(1.5, -2); });
  // Strings of every length class; the escapes protocol 0 needs.
  add("''", [](Builder& b) { return b.Str(""); });
  add("'a'", [](Builder& b) { return b.Str("a"); });
  add("'x' * 255", [](Builder& b) { return b.Str(std::string(255, 'x')); });
  add("'x' * 256", [](Builder& b) { return b.Str(std::string(256, 'x')); });
  add("'back\\\\slash new\\nline cr\\r nul\\x00 sub\\x1a e\\u00e9 euro\\u20ac smile\\U0001f600 tab\\t'",
      [](Builder& b) {
        static constexpr char kText[] =
            "back\\slash new\nline cr\r nul\0 sub\x1a e\xc3\xa9 euro\xe2\x82\xac smile\xf0\x9f\x98\x80 tab\t";
        return b.Str(std::string(kText, sizeof kText - 1));
      });
  add("'lone \\ud800 surrogate'", [](Builder& b) { return b.Str("lone \xed\xa0\x80 surrogate"); });
  // Bytes and bytearray.
  add("b''", [](Builder& b) { return b.Bytes(""); });
  add("b'ab\\x00\\xff'", [](Builder& b) { return b.Bytes(std::string("ab\0\xff", 4)); });
  add("[b'ab', b'cd']", [](Builder& b) { return b.List({b.Bytes("ab"), b.Bytes("cd")}); });
  add("b'\\xfe' * 300", [](Builder& b) { return b.Bytes(std::string(300, '\xfe')); });
  // Below protocol 3 as _codecs.encode(text, 'latin1'), the text converted
  // straight into the output; a second reference is a memo GET.
  add("[bytes(range(256)) * 40] * 2", [](Builder& b) {
    std::string all_bytes;
    for (int i = 0; i < 40 * 256; ++i) all_bytes.push_back(static_cast<char>(i % 256));
    Value shared = b.Bytes(all_bytes);
    return b.List({shared, shared});
  });
  add("[bytearray(), bytearray(b'ab\\x80')]",
      [](Builder& b) { return b.List({b.ByteArray(""), b.ByteArray("ab\x80")}); });
  // Tuples.
  add("[(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)]", [](Builder& b) {
    return b.List({b.Tuple({}), b.Tuple({1}), b.Tuple({1, 2}), b.Tuple({1, 2, 3}), b.Tuple({1, 2, 3, 4})});
  });
  add("recursive_tuple(1)", [](Builder& b) {
    Value list = b.List();
    Value tuple = b.Tuple({list});
    b.Append(list, tuple);
    return tuple;
  });
  add("recursive_tuple(5)", [](Builder& b) {
    Value list = b.List();
    Value tuple = b.Tuple({list, 1, 2, 3, 4});
    b.Append(list, tuple);
    return tuple;
  });
  // Lists and batching.
  add("[[], [1], [1, 2]]", [](Builder& b) { return b.List({b.List(), b.List({1}), b.List({1, 2})}); });
  for (int n : {999, 1000, 1001, 2000, 2501}) {
    add(absl::StrCat("list(range(", n, "))"), [n](Builder& b) {
      std::vector<int> items;
      for (int i = 0; i < n; ++i) items.push_back(i);
      return b.From(items);
    });
  }
  // Ints of every width in runs long enough to cross frames at protocol 4,
  // a LONG1 every 97 items ending a run of BININTs.
  add("[i * 37 % 100003 - 50 if i % 97 else 2**40 + i for i in range(40000)]", [](Builder& b) {
    Value list = b.List();
    for (int64_t i = 0; i < 40000; ++i) {
      b.Append(list, Value::Int(i % 97 != 0 ? i * 37 % 100003 - 50 : (int64_t{1} << 40) + i));
    }
    return list;
  });
  add("cyclic_list()", [](Builder& b) {
    Value list = b.List({1});
    b.Append(list, list);
    return list;
  });
  // Dicts and batching.
  add("[{}, {1: 2}, {'a': 1, 'b': [2]}]",
      [](Builder& b) { return b.List({b.Dict(), b.Dict({{1, 2}}), b.Dict({{"a", 1}, {"b", b.List({2})}})}); });
  for (int n : {999, 1000, 1001, 2000}) {
    add(absl::StrCat("{i: -i for i in range(", n, ")}"), [n](Builder& b) {
      Value dict = b.Dict();
      for (int i = 0; i < n; ++i) b.SetItem(dict, i, -i);
      return dict;
    });
  }
  add("cyclic_dict()", [](Builder& b) {
    Value dict = b.Dict();
    b.SetItem(dict, "self", dict);
    return dict;
  });
  // Sets and frozensets.
  add("[set(), {1}, {1, 2, 3}, frozenset(), frozenset({4, 5})]", [](Builder& b) {
    return b.List({b.Set(), b.Set({1}), b.Set({1, 2, 3}), b.FrozenSet(), b.FrozenSet({4, 5})});
  });
  for (int n : {1000, 1001}) {
    add(absl::StrCat("set(range(", n, "))"), [n](Builder& b) {
      Value set = b.Set();
      for (int i = 0; i < n; ++i) b.Add(set, i);
      return set;
    });
  }
  // Sharing.
  add("(lambda x: [x, x, (x,)])([1])", [](Builder& b) {
    Value x = b.List({1});
    return b.List({x, x, b.Tuple({x})});
  });
  add("(lambda s: [s, s])('shared')", [](Builder& b) {
    Value s = b.Str("shared");
    return b.List({s, s});
  });
  // Globals.
  add("[collections.OrderedDict, collections.OrderedDict, A]", [](Builder& b) {
    return b.List({b.Global("collections", "OrderedDict"), b.Global("collections", "OrderedDict"),
                   b.Global("__main__", "A")});
  });
  add("[Outer.Inner, Outer.Inner, Outer]", [](Builder& b) {
    return b.List({b.Global("__main__", "Outer.Inner"), b.Global("__main__", "Outer.Inner"),
                   b.Global("__main__", "Outer")});
  });
  // A builtin function's __module__ is another str object than a type's, so
  // CPython writes 'builtins' twice at protocol 4+.
  add("[set, bytes, getattr, len, pickle.PickleBuffer]", [](Builder& b) {
    return b.List({b.Global("builtins", "set"), b.Global("builtins", "bytes"), b.Global("builtins", "getattr"),
                   b.Global("builtins", "len"), b.Global("pickle", "PickleBuffer")});
  });
  // Instances.
  add("attrs(A(), x=1, y='two')", [](Builder& b) {
    return b.Instance(b.Global("__main__", "A"), b.Dict({{"x", 1}, {"y", "two"}}));
  });
  add("[attrs(Outer.Inner(), v=1), Outer.Inner]", [](Builder& b) {
    Value inner = b.Global("__main__", "Outer.Inner");
    return b.List({b.Instance(inner, b.Dict({{"v", 1}})), inner});
  });
  add("[A(), A()]", [](Builder& b) {
    Value a = b.Global("__main__", "A");
    return b.List({b.Instance(a, nullptr), b.Instance(a, nullptr)});
  });
  add("(lambda a: (attrs(a, me=a), a))(A())", [](Builder& b) {
    Value state = b.Dict();
    Value a = b.Instance(b.Global("__main__", "A"), state);
    b.SetItem(state, "me", a);
    return b.Tuple({a, a});
  });
  add("attrs(L([1, 2]), tag=5)", [](Builder& b) {
    Value l = b.Instance(b.Global("__main__", "L"), b.Dict({{"tag", 5}}));
    l.as<Instance>()->list_items.push_back(Value::Int(1));
    l.as<Instance>()->list_items.push_back(Value::Int(2));
    return l;
  });
  add("D(a=1, b=2)", [](Builder& b) {
    Value d = b.Instance(b.Global("__main__", "D"), nullptr);
    d.as<Instance>()->dict_items.emplace_back(b.Str("a"), Value::Int(1));
    d.as<Instance>()->dict_items.emplace_back(b.Str("b"), Value::Int(2));
    return d;
  });
  add("frozenset_cycle()", [](Builder& b) {
    Value state = b.Dict();
    Value a = b.Instance(b.Global("__main__", "A"), state);
    Value f = b.FrozenSet({a});
    b.SetItem(state, "f", f);
    return f;
  });
  add("set_cycle()", [](Builder& b) {
    Value state = b.Dict();
    Value a = b.Instance(b.Global("__main__", "A"), state);
    Value s = b.Set({a});
    b.SetItem(state, "s", s);
    return s;
  });
  // Keyword __new__ arguments: NEWOBJ_EX at 4+, functools.partial at 2 and 3
  // (protocols 0 and 1 drop the arguments in CPython, so they are not compared).
  cases.push_back({"K(1, z=2)",
                   [](Builder& b) {
                     // The state holds the very args tuple and kwargs dict.
                     Value args = b.Tuple({1});
                     Value kwargs = b.Dict({{"z", 2}});
                     Value inst = b.Instance(b.Global("__main__", "K"), b.Dict({{"a", args}, {"kw", kwargs}}));
                     inst.as<Instance>()->args = args;
                     inst.as<Instance>()->kwargs = kwargs;
                     return inst;
                   },
                   {2, 3, 4, 5}});
  cases.push_back({"G()",
                   [](Builder& b) { return b.Instance(b.Global("__main__", "G"), nullptr, {1, "two"}); },
                   {2, 3, 4, 5}});
  // Reduce nodes: OrderedDict's reduce carries dict items.
  add("collections.OrderedDict([(1, 'a'), (2, 'b')])", [](Builder& b) {
    Value r = b.Reduce(b.Global("collections", "OrderedDict"), {});
    r.as<Reduce>()->dict_items.emplace_back(Value::Int(1), b.Str("a"));
    r.as<Reduce>()->dict_items.emplace_back(Value::Int(2), b.Str("b"));
    return r;
  });
  // Reduce tuples with list items (batch_list: a lone last item is APPEND),
  // dict items and a state setter.
  for (int n : {0, 1, 2, 1001, 2000}) {
    for (bool with_setter : {false, true}) {
      add(absl::StrCat("R(", n, ", ", with_setter ? "True" : "False", ")"), [n, with_setter](Builder& b) {
        Value r = b.Reduce(b.Global("__main__", "R"), {}, b.Dict({{"a", 1}}));
        for (int i = 0; i < n; ++i) r.as<Reduce>()->list_items.push_back(Value::Int(i));
        if (n > 0) r.as<Reduce>()->dict_items.emplace_back(b.Str("k"), b.Str("v"));
        if (with_setter) r.as<Reduce>()->state_setter = b.Global("__main__", "setter");
        return r;
      });
    }
  }
  // Bound methods.
  add("(lambda m: [m.run, m.run])(M())", [](Builder& b) {
    Value m = b.Instance(b.Global("__main__", "M"), nullptr);
    return b.List({b.BoundMethod(m, "run"), b.BoundMethod(m, "run")});
  });
  // Frames: big payloads outside frames, many small objects over several frames.
  add("['x' * 70000, b'y' * 65536, 'z' * 65535, 1]", [](Builder& b) {
    return b.List({b.Str(std::string(70000, 'x')), b.Bytes(std::string(65536, 'y')),
                   b.Str(std::string(65535, 'z')), 1});
  });
  add("[str(i) * 50 for i in range(5000)]", [](Builder& b) {
    Value list = b.List();
    for (int i = 0; i < 5000; ++i) {
      std::string s;
      for (int k = 0; k < 50; ++k) absl::StrAppend(&s, i);
      b.Append(list, s);
    }
    return list;
  });
  return cases;
}

constexpr char kDumpScript[] = R"(
import json
exprs = json.loads(sys.stdin.read())
out = []
for expr, protocols in exprs:
    value = eval(expr)
    out.append({str(p): binascii.hexlify(pickle.dumps(value, p)).decode() for p in protocols})
print(json.dumps(out))
)";

// Parses the tiny JSON our script prints: a list of {"p": "hex"} objects.
std::vector<std::map<int, std::string>> ParseDumps(const std::string& json) {
  std::vector<std::map<int, std::string>> result;
  size_t i = 0;
  while ((i = json.find('{', i)) != std::string::npos) {
    const size_t end = json.find('}', i);
    std::map<int, std::string> entry;
    for (absl::string_view field : absl::StrSplit(absl::string_view(json).substr(i + 1, end - i - 1), ", ")) {
      std::vector<std::string> parts = absl::StrSplit(field, ": ");
      entry[std::stoi(parts[0].substr(1, parts[0].size() - 2))] = parts[1].substr(1, parts[1].size() - 2);
    }
    result.push_back(std::move(entry));
    i = end;
  }
  return result;
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

// The pickletools.dis listings of two pickles, for failure messages.
std::string Disassemble(const std::string& hex) {
  absl::StatusOr<ProcessResult> r = RunPython(
      "import pickletools, sys, binascii\n"
      "try:\n  pickletools.dis(binascii.unhexlify(sys.argv[1]))\n"
      "except Exception as e:\n  print('dis failed:', e)\n",
      {hex});
  return r.ok() ? r->stdout_text.substr(0, 4000) : std::string(r.status().message());
}

TEST(EncoderTest, MatchesCPythonOpcodeForOpcode) {
  const std::vector<Case> cases = Cases();
  std::vector<std::string> requests;
  for (const Case& c : cases) {
    requests.push_back(absl::StrCat("[", JsonString(c.python), ", [", absl::StrJoin(c.protocols, ", "), "]]"));
  }
  absl::StatusOr<ProcessResult> python =
      RunPython(absl::StrCat(kPreamble, kDumpScript), {}, absl::StrCat("[", absl::StrJoin(requests, ", "), "]"));
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;
  const std::vector<std::map<int, std::string>> expected = ParseDumps(python->stdout_text);
  ASSERT_EQ(expected.size(), cases.size());
  int compared = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    Heap heap;
    Builder b(heap);
    Value value = cases[i].build(b);
    ASSERT_TRUE(b.status().ok()) << b.status();
    for (int protocol : cases[i].protocols) {
      absl::StatusOr<std::string> bytes = Encode(value, {.protocol = protocol});
      ASSERT_TRUE(bytes.ok()) << cases[i].python << " at protocol " << protocol << ": " << bytes.status();
      const std::string got = absl::BytesToHexString(*bytes);
      const std::string& want = expected[i].at(protocol);
      if (got != want) {
        ADD_FAILURE() << cases[i].python << " at protocol " << protocol << "\nbrine:\n"
                      << Disassemble(got) << "\nCPython:\n"
                      << Disassemble(want);
      }
      ++compared;
    }
  }
  std::cout << "compared " << compared << " pickles with CPython's\n";
}

}  // namespace
}  // namespace brine
