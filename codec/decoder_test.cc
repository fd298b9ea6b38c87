// The decoder: pickles CPython writes (compared through repr and structure),
// every opcode by hand, and malformed input as CPython's pickletester feeds it.
#include "brine/codec/decoder.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/codec/extension_codes.h"
#include "brine/tests/python_runner.h"
#include "brine/value/repr.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

using std::string_literals::operator""s;

std::string Message(const absl::Status& status) { return std::string(status.message()); }

// Decodes `data`, failing the test on error.
Document DecodeOk(std::string_view data, const DecodeOptions& options = {}) {
  absl::StatusOr<Document> doc = Decode(data, options);
  EXPECT_TRUE(doc.ok()) << doc.status() << " for " << absl::CHexEscape(ToAbsl(data));
  if (!doc.ok()) return Document();
  return std::move(*doc);
}

// The error message decoding `data` gives; fails the test if it decodes.
std::string DecodeError(std::string_view data, const DecodeOptions& options = {}) {
  absl::StatusOr<Document> doc = Decode(data, options);
  EXPECT_FALSE(doc.ok()) << "decoded " << absl::CHexEscape(ToAbsl(data));
  return doc.ok() ? "" : Message(doc.status());
}

std::string ReprOf(Value value) {
  absl::StatusOr<std::string> text = Repr(value);
  return text.ok() ? *text : "<repr failed: " + Message(text.status()) + ">";
}

std::string DecodeRepr(std::string_view data, const DecodeOptions& options = {}) {
  Document doc = DecodeOk(data, options);
  return ReprOf(doc.root());
}

bool IsGlobalNamed(Value value, std::string_view module, std::string_view qualname) {
  return value.kind() == Kind::kGlobal && value.as<Global>()->module == module &&
         value.as<Global>()->qualname == qualname;
}

// Runs a Python script printing lines; fails the test when Python fails.
std::string RunPythonOk(const std::string& script, const std::vector<std::string>& args = {}) {
  absl::StatusOr<ProcessResult> python = RunPython(script, args);
  EXPECT_TRUE(python.ok()) << python.status();
  if (!python.ok()) return "";
  EXPECT_EQ(python->exit_code, 0) << python->stderr_text;
  return python->stdout_text;
}

// Lines "<hex pickle> <payload>" from a Python script.
std::vector<std::pair<std::string, std::string>> HexPickles(const std::string& script) {
  std::vector<std::pair<std::string, std::string>> out;
  for (absl::string_view line : absl::StrSplit(RunPythonOk(script), '\n', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(line, absl::MaxSplits(' ', 1));
    out.emplace_back(absl::HexStringToBytes(parts.first), std::string(parts.second));
  }
  return out;
}

constexpr const char* kBuiltinSample = R"(
import pickle
rec_list = []; rec_list.append(rec_list)
rec_dict = {}; rec_dict['me'] = rec_dict
shared = [1, 2]
inner = []; rec_tuple = (inner,); inner.append(rec_tuple)
objects = [
    None, True, False, 0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**31, -2**31 - 1,
    2**63 - 1, -2**63, 2**63, 2**64, -2**64, 2**1000, -(2**1000) + 7, 10**4000,
    0.0, -0.0, 1.5, -2.25, 1e300, 5e-324, 1e16, float('inf'), float('-inf'), 0.1,
    1 + 2j, -0.5j, complex(float('inf'), 0),
    '', 'ascii', 'caf\u00e9', '\u20ac\U0001f600', '\ud800', 'a\udcff', 'back\\slash\nnl\r\x00', 'x' * 70000,
    b'', b'abc', b'\x00\xff\x80', b'\\\n', bytes(range(256)) * 300,
    bytearray(), bytearray(b'\x00ab\xff'),
    (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((),), [], [1, [2, [3, []]]], list(range(2500)),
    {}, {'a': 1, 2: 'b', (3, 4): [5], None: True, 1.5: -1}, {str(i): i for i in range(1200)},
    set(), {1, 2, 3}, {'a', (1, 2)}, frozenset(), frozenset({1, 'b'}), set(range(2000)),
    [shared, shared, (shared,)], rec_list, rec_dict, rec_tuple, [rec_list, rec_dict],
    {1: 'one', True: 'true'}, [1, 1.0, True],
]
for proto in range(6):
    for obj in objects:
        print(pickle.dumps(obj, proto).hex(), repr(obj))
)";

TEST(DecoderTest, BuiltinObjectsFromCPythonAtEveryProtocol) {
  auto pickles = HexPickles(kBuiltinSample);
  ASSERT_GT(pickles.size(), 400u);
  for (const auto& [data, repr] : pickles) {
    Document doc = DecodeOk(data);
    EXPECT_EQ(ReprOf(doc.root()), repr) << absl::BytesToHexString(data).substr(0, 200);
  }
}

TEST(DecoderTest, BorrowedInputGivesTheSameValues) {
  auto pickles = HexPickles(kBuiltinSample);
  DecodeOptions borrow;
  borrow.borrow_input = true;
  for (const auto& [data, repr] : pickles) {
    EXPECT_EQ(DecodeRepr(data, borrow), repr);
  }
}

TEST(DecoderTest, BorrowedStringsPointIntoTheInput) {
  std::string data = "\x80\x04\x95\x11\x00\x00\x00\x00\x00\x00\x00\x8c\x05hello\x94\x43\x03\x61\x62\x63\x94\x86\x94."s;
  DecodeOptions borrow;
  borrow.borrow_input = true;
  Document doc = DecodeOk(data, borrow);
  ASSERT_EQ(doc.root().kind(), Kind::kTuple);
  std::string_view hello = doc.root().as<Tuple>()->items[0].as<Str>()->utf8;
  EXPECT_EQ(hello, "hello");
  EXPECT_EQ(hello.data(), data.data() + 13);
  std::string_view abc = doc.root().as<Tuple>()->items[1].as<Bytes>()->data;
  EXPECT_EQ(abc.data(), data.data() + 21);
  // Without borrowing the strings are copies.
  Document copied = DecodeOk(data);
  EXPECT_NE(copied.root().as<Tuple>()->items[0].as<Str>()->utf8.data(), data.data() + 13);
}

TEST(DecoderTest, SharedAndRecursiveObjectsKeepIdentity) {
  auto pickles = HexPickles(R"(
import pickle
shared = [1]
rec = []; rec.append(rec)
g = {}; g['self'] = g
for proto in range(6):
    print(pickle.dumps([shared, shared], proto).hex(), 'shared')
    print(pickle.dumps(rec, proto).hex(), 'rec')
    print(pickle.dumps(g, proto).hex(), 'dict')
)");
  for (const auto& [data, what] : pickles) {
    Document doc = DecodeOk(data);
    Value root = doc.root();
    if (what == "shared") {
      ASSERT_EQ(root.kind(), Kind::kList);
      EXPECT_EQ(root.as<List>()->items[0], root.as<List>()->items[1]);
    } else if (what == "rec") {
      ASSERT_EQ(root.kind(), Kind::kList);
      EXPECT_EQ(root.as<List>()->items[0], root);
    } else {
      ASSERT_EQ(root.kind(), Kind::kDict);
      EXPECT_EQ(root.as<Dict>()->items[0].second, root);
    }
  }
}

TEST(DecoderTest, GlobalsWithTheSameNameAreOneObject) {
  Document doc = DecodeOk("(cmod\nname\ncmod\nname\ncmod\nother\nt.");
  std::span<Value> items = doc.root().as<Tuple>()->items;
  EXPECT_TRUE(IsGlobalNamed(items[0], "mod", "name"));
  EXPECT_EQ(items[0], items[1]);
  EXPECT_NE(items[0], items[2]);
  // STACK_GLOBAL names the same object as GLOBAL.
  doc = DecodeOk("(cmod\nname\n\x8c\x03mod\x8c\x04name\x93t."s);
  EXPECT_EQ(doc.root().as<Tuple>()->items[0], doc.root().as<Tuple>()->items[1]);
}

constexpr const char* kClassSample = R"(
import pickle, collections, sys
class Point:
    def __init__(self, x, y): self.x = x; self.y = y
class Slots:
    __slots__ = ('a',)
    def __init__(self): self.a = 1
class WithNewArgs:
    def __new__(cls, n, *, flag=False): return object.__new__(cls)
    def __init__(self, n, *, flag=False): self.n = n
    def __getnewargs_ex__(self): return ((self.n,), {'flag': True})
class Custom:
    def __reduce__(self): return (collections.namedtuple, ('P', 'x y'))
class ListSub(list): pass
class DictSub(dict): pass
mod = sys.modules['__main__']
for proto in range(6):
    print(pickle.dumps(Point(1, 'b'), proto).hex(), proto, 'point')
    print(pickle.dumps(Custom(), proto).hex(), proto, 'custom')
    print(pickle.dumps(collections.OrderedDict([('a', 1), ('b', 2)]), proto).hex(), proto, 'odict')
    print(pickle.dumps(ListSub([1, 2]), proto).hex(), proto, 'listsub')
    print(pickle.dumps(DictSub(k=3), proto).hex(), proto, 'dictsub')
    if proto >= 2:
        print(pickle.dumps(Slots(), proto).hex(), proto, 'slots')
    if proto >= 4:
        print(pickle.dumps(WithNewArgs(7), proto).hex(), proto, 'newargs_ex')
)";

TEST(DecoderTest, InstancesAndReduceCallsFromCPython) {
  auto pickles = HexPickles(kClassSample);
  ASSERT_GE(pickles.size(), 30u);
  for (const auto& [data, label] : pickles) {
    SCOPED_TRACE(label);
    std::vector<std::string> parts = absl::StrSplit(label, ' ');
    int proto = std::stoi(parts[0]);
    const std::string& what = parts[1];
    Document doc = DecodeOk(data);
    Value root = doc.root();
    if (what == "point") {
      ASSERT_EQ(root.kind(), Kind::kInstance);
      const Instance* point = root.as<Instance>();
      EXPECT_TRUE(IsGlobalNamed(point->cls, "__main__", "Point"));
      EXPECT_EQ(ReprOf(point->args), "()");
      EXPECT_TRUE(point->kwargs.is_none());
      EXPECT_TRUE(point->has_state);
      EXPECT_EQ(ReprOf(point->state), "{'x': 1, 'y': 'b'}");
    } else if (what == "custom") {
      ASSERT_EQ(root.kind(), Kind::kReduce);
      EXPECT_TRUE(IsGlobalNamed(root.as<Reduce>()->callable, "collections", "namedtuple"));
      EXPECT_EQ(ReprOf(root.as<Reduce>()->args), "('P', 'x y')");
      EXPECT_FALSE(root.as<Reduce>()->has_state);
    } else if (what == "odict") {
      ASSERT_EQ(root.kind(), Kind::kReduce);
      const Reduce* odict = root.as<Reduce>();
      EXPECT_TRUE(IsGlobalNamed(odict->callable, "collections", "OrderedDict"));
      ASSERT_EQ(odict->dict_items.size(), 2u);
      EXPECT_EQ(ReprOf(odict->dict_items[1].first), "'b'");
      EXPECT_EQ(ReprOf(odict->dict_items[1].second), "2");
    } else if (what == "listsub" || what == "dictsub") {
      ASSERT_EQ(root.kind(), proto < 2 ? Kind::kReduce : Kind::kInstance);
      if (what == "listsub") {
        const ArenaVector<Value>& items =
            proto < 2 ? root.as<Reduce>()->list_items : root.as<Instance>()->list_items;
        // Protocols 0 and 1 pass the items to copyreg._reconstructor instead.
        if (proto >= 2) {
          ASSERT_EQ(items.size(), 2u);
          EXPECT_EQ(ReprOf(items[1]), "2");
        }
      } else if (proto >= 2) {
        ASSERT_EQ(root.as<Instance>()->dict_items.size(), 1u);
        EXPECT_EQ(ReprOf(root.as<Instance>()->dict_items[0].first), "'k'");
      }
    } else if (what == "slots") {
      ASSERT_EQ(root.kind(), Kind::kInstance);
      EXPECT_EQ(ReprOf(root.as<Instance>()->state), "(None, {'a': 1})");
    } else if (what == "newargs_ex") {
      ASSERT_EQ(root.kind(), Kind::kInstance);
      const Instance* instance = root.as<Instance>();
      EXPECT_TRUE(IsGlobalNamed(instance->cls, "__main__", "WithNewArgs"));
      EXPECT_EQ(ReprOf(instance->args), "(7,)");
      EXPECT_EQ(ReprOf(instance->kwargs), "{'flag': True}");
    }
  }
}

// A canonical text for a decoded graph, the same one kCanonicalPython prints
// for the object pickle.loads returns: scalars by repr, containers
// structurally, instances of C as C(state), and an object met again as #n.
class Canonical {
 public:
  std::string Of(Value value) {
    switch (value.kind()) {
      case Kind::kList:
      case Kind::kTuple:
      case Kind::kDict:
      case Kind::kInstance: {
        auto [seen, inserted] = ids_.try_emplace(value.object(), ids_.size());
        if (!inserted) return absl::StrCat("#", seen->second);
        break;
      }
      default:
        return ReprOf(value);
    }
    std::string out;
    if (value.kind() == Kind::kList || value.kind() == Kind::kTuple) {
      std::span<const Value> items = value.kind() == Kind::kList
                                         ? std::span<const Value>(value.as<List>()->items)
                                         : std::span<const Value>(value.as<Tuple>()->items);
      out = value.kind() == Kind::kList ? "[" : "(";
      for (Value item : items) out += Of(item) + ",";
      return out + (value.kind() == Kind::kList ? "]" : ")");
    }
    if (value.kind() == Kind::kDict) return DictItems(value);
    const Instance* instance = value.as<Instance>();
    if (instance->cls.kind() != Kind::kGlobal) return "<instance of a non-global>";
    return absl::StrCat(std::string(instance->cls.as<Global>()->qualname), "(",
                        instance->has_state ? DictItems(instance->state) : "", ")");
  }

 private:
  std::string DictItems(Value dict) {
    if (dict.kind() != Kind::kDict) return "<state not a dict>";
    std::string out = "{";
    for (const auto& [key, item] : dict.as<Dict>()->items) out += Of(key) + ":" + Of(item) + ",";
    return out + "}";
  }
  std::map<const Object*, size_t> ids_;
};

constexpr const char* kCanonicalPython = R"(
import pickle, sys
from test import pickletester
class C:
    pass
def canon(o, ids):
    if isinstance(o, (list, tuple, dict, C)):
        if id(o) in ids:
            return '#%d' % ids[id(o)]
        ids[id(o)] = len(ids)
    else:
        return repr(o)
    if isinstance(o, list):
        return '[' + ''.join(canon(i, ids) + ',' for i in o) + ']'
    if isinstance(o, tuple):
        return '(' + ''.join(canon(i, ids) + ',' for i in o) + ')'
    if isinstance(o, dict):
        return items(o, ids)
    return 'C(' + items(o.__dict__, ids) + ')'
def items(d, ids):
    return '{' + ''.join(canon(k, ids) + ':' + canon(v, ids) + ',' for k, v in d.items()) + '}'
for name in ('DATA0', 'DATA1', 'DATA2', 'DATA3', 'DATA4', 'DATA_SET', 'DATA_SET2'):
    data = getattr(pickletester, name)
    print(data.hex(), canon(pickle.loads(data), {}))
)";

// CPython's own unpickling test data (Lib/test/pickletester.py DATA0..DATA4,
// written by Python 2 and 3 at protocols 0 to 4) decodes to the same graph.
TEST(DecoderTest, PickletesterDataDecodesLikeCPython) {
  auto pickles = HexPickles(kCanonicalPython);
  ASSERT_EQ(pickles.size(), 7u);
  for (const auto& [data, canonical] : pickles) {
    Document doc = DecodeOk(data);
    EXPECT_EQ(Canonical().Of(doc.root()), canonical);
  }
}

// ---------------------------------------------------------------------------
// Opcodes by hand.

TEST(DecoderOpcodeTest, Integers) {
  EXPECT_EQ(DecodeRepr("I12\n."), "12");
  EXPECT_EQ(DecodeRepr("I-12\n."), "-12");
  EXPECT_EQ(DecodeRepr("I00\n."), "False");
  EXPECT_EQ(DecodeRepr("I01\n."), "True");
  EXPECT_EQ(DecodeRepr("I123456789012345678901234567890\n."), "123456789012345678901234567890");
  EXPECT_EQ(DecodeRepr("L123L\n."), "123");
  EXPECT_EQ(DecodeRepr("L-9223372036854775809L\n."), "-9223372036854775809");
  EXPECT_EQ(DecodeRepr("J\xff\xff\xff\xff."s), "-1");
  EXPECT_EQ(DecodeRepr("K\xff."s), "255");
  EXPECT_EQ(DecodeRepr("M\xff\xff."s), "65535");
  EXPECT_EQ(DecodeRepr("\x8a\x00."s), "0");
  EXPECT_EQ(DecodeRepr("\x8a\x01\xff."s), "-1");
  EXPECT_EQ(DecodeRepr("\x8a\x09\x00\x00\x00\x00\x00\x00\x00\x80\x00."s), "9223372036854775808");
  EXPECT_EQ(DecodeRepr("\x8b\x02\x00\x00\x00\x00\x80."s), "-32768");
  EXPECT_EQ(DecodeError("Ix\n."), "INT at offset 0: could not convert string to int: b'x'");
  EXPECT_EQ(DecodeError("I" + std::string(4301, '9') + "\n."),
            "INT at offset 0: Exceeds the limit (4300 digits) for integer string conversion: value has 4301 "
            "digits; use sys.set_int_max_str_digits() to increase the limit");
  DecodeOptions unlimited;
  unlimited.limits.max_int_digits = 0;
  EXPECT_EQ(DecodeOk("L1" + std::string(5000, '0') + "L\n.", unlimited).root().kind(), Kind::kBigInt);
}

// The protocol 0 text arguments CPython's C unpickler reads its own way
// (strtol and PyLong_FromString for INT/LONG/GET/PUT, PyOS_string_to_double
// for FLOAT, STRING quoting, POP on a MARK, a memo key put twice): brine must
// load what pickle.loads loads, to the same value, and refuse the rest, both
// from a buffer and from a stream.
TEST(DecoderOpcodeTest, TextArgumentsLoadAsPickleLoadsDoes) {
  std::ifstream script_file("codec/testdata/text_number_cases.py");
  std::stringstream script;
  script << script_file.rdbuf();
  ASSERT_FALSE(script.str().empty()) << "codec/testdata/text_number_cases.py not found";
  std::string lines = RunPythonOk(script.str() + "\n", {"loads"});
  int loaded = 0, refused = 0;
  for (absl::string_view line : absl::StrSplit(lines, '\n', absl::SkipEmpty())) {
    std::pair<std::string, std::string> fields = absl::StrSplit(line, absl::MaxSplits('\t', 1));
    std::string pickle = absl::HexStringToBytes(fields.first);
    SCOPED_TRACE(absl::CHexEscape(pickle));
    absl::StatusOr<Document> doc = Decode(pickle);
    std::istringstream stream(pickle);
    absl::StatusOr<Document> streamed = DecodeStream(stream);
    if (fields.second[0] == '!') {
      ++refused;
      EXPECT_FALSE(doc.ok()) << "pickle.loads raised " << fields.second << "; brine gave " << ReprOf(doc->root());
      EXPECT_FALSE(streamed.ok());
      if (!doc.ok()) {
        EXPECT_TRUE(absl::StrContains(doc.status().message(), " at offset ")) << doc.status();
      }
      continue;
    }
    ++loaded;
    ASSERT_TRUE(doc.ok()) << doc.status();
    EXPECT_EQ(ReprOf(doc->root()), fields.second);
    ASSERT_TRUE(streamed.ok()) << streamed.status();
    EXPECT_EQ(ReprOf(streamed->root()), fields.second);
  }
  EXPECT_GT(loaded, 60);
  EXPECT_GT(refused, 30);
}

TEST(DecoderOpcodeTest, TextIntLimitAndSignOfNan) {
  DecodeOptions unlimited;
  unlimited.limits.max_int_digits = 0;
  EXPECT_EQ(DecodeOk("I1" + std::string(5000, '0') + "\n.", unlimited).root().kind(), Kind::kBigInt);
  EXPECT_EQ(DecodeOk("I1_" + std::string(5000, '0') + "\n.", unlimited).root().kind(), Kind::kBigInt);
  EXPECT_EQ(DecodeError("L1_" + std::string(5000, '0') + "L\n."),
            "LONG at offset 0: Exceeds the limit (4300 digits) for integer string conversion: value has 5001 "
            "digits; use sys.set_int_max_str_digits() to increase the limit");
  // pickle.loads(b'F-nan\n.') keeps the sign bit, which BINFLOAT would write.
  std::string sign = RunPythonOk("import math, pickle\nprint(math.copysign(1, pickle.loads(b'F-nan\\n.')))\n");
  EXPECT_EQ(std::signbit(DecodeOk("F-nan\n.").root().as_float()), sign == "-1.0\n");
}

TEST(DecoderOpcodeTest, Floats) {
  EXPECT_EQ(DecodeRepr("F1.5\n."), "1.5");
  EXPECT_EQ(DecodeRepr("F-inf\n."), "-inf");
  EXPECT_EQ(DecodeRepr("Fnan\n."), "nan");
  EXPECT_EQ(DecodeRepr("G\xbf\xf8\x00\x00\x00\x00\x00\x00."s), "-1.5");
  EXPECT_EQ(DecodeError("Fx\n."), "FLOAT at offset 0: could not convert string to float: b'x'");
}

TEST(DecoderOpcodeTest, PythonTwoStrings) {
  EXPECT_EQ(DecodeRepr("S'abc'\n."), "'abc'");
  EXPECT_EQ(DecodeRepr("S\"\\n\"\n."), "'\\n'");
  EXPECT_EQ(DecodeRepr("S''\n."), "''");
  EXPECT_EQ(DecodeRepr("U\x03" "abc."s), "'abc'");
  EXPECT_EQ(DecodeRepr("T\x03\x00\x00\x00" "abc."s), "'abc'");
  EXPECT_EQ(DecodeError("S'caf\\xe9'\n."),
            "STRING at offset 0: 'ascii' codec can't decode byte 0xe9 in position 3: ordinal not in range(128)");
  EXPECT_EQ(DecodeError("U\x02\xc3\xa9."s),
            "SHORT_BINSTRING at offset 0: 'ascii' codec can't decode byte 0xc3 in position 0: ordinal not in "
            "range(128)");
  EXPECT_EQ(DecodeError("S'\\'\n."), "STRING at offset 0: Trailing \\ in string");
  DecodeOptions latin1;
  latin1.encoding = "latin1";
  EXPECT_EQ(DecodeRepr("S'caf\\xe9'\n.", latin1), "'café'");
  EXPECT_EQ(DecodeRepr("U\x04\xe9t\xe9!."s, latin1), "'été!'");
  DecodeOptions utf8;
  utf8.encoding = "utf-8";
  EXPECT_EQ(DecodeRepr("U\x05\xc3\xa9t\xc3\xa9."s, utf8), "'été'");
  utf8.errors = "surrogateescape";
  EXPECT_EQ(DecodeRepr("U\x02\xff!."s, utf8), "'\\udcff!'");
  DecodeOptions keep_bytes;
  keep_bytes.encoding = "bytes";
  EXPECT_EQ(DecodeRepr("S'caf\\xe9'\n.", keep_bytes), "b'caf\\xe9'");
  EXPECT_EQ(DecodeRepr("U\x02\xff!."s, keep_bytes), "b'\\xff!'");
  DecodeOptions unknown;
  unknown.encoding = "klingon";
  EXPECT_EQ(DecodeRepr("N.", unknown), "None");  // only a STRING needs the codec
  EXPECT_EQ(DecodeError("U\x01x."s, unknown), "SHORT_BINSTRING at offset 0: unknown encoding: klingon");
}

TEST(DecoderOpcodeTest, Unicode) {
  EXPECT_EQ(DecodeRepr("Vcaf\xe9 \\u20ac\\U0001f600\n."s), "'café €😀'");
  EXPECT_EQ(DecodeRepr("V\\ud800\n."), "'\\ud800'");
  EXPECT_EQ(DecodeError("V\\u12\n."),
            "UNICODE at offset 0: 'rawunicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX "
            "escape");
  EXPECT_EQ(DecodeRepr("X\x03\x00\x00\x00\xed\xa0\x80."s), "'\\ud800'");
  EXPECT_EQ(DecodeRepr("\x8c\x04\xe2\x82\xac\x00."s), "'€\\x00'");
  EXPECT_EQ(DecodeRepr("\x8d\x01\x00\x00\x00\x00\x00\x00\x00" "a."s), "'a'");
  EXPECT_EQ(DecodeError("N\x8c\x02\xc3(."s),
            "SHORT_BINUNICODE at offset 1: 'utf-8' codec can't decode byte 0xc3 in position 0: invalid "
            "continuation byte");
  EXPECT_EQ(DecodeError("X\x01\x00\x00\x00\xff."s),
            "BINUNICODE at offset 0: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
}

TEST(DecoderOpcodeTest, BytesAndByteArrays) {
  EXPECT_EQ(DecodeRepr("C\x03" "a\x00" "b."s), "b'a\\x00b'");
  EXPECT_EQ(DecodeRepr("B\x01\x00\x00\x00z."s), "b'z'");
  EXPECT_EQ(DecodeRepr("\x8e\x01\x00\x00\x00\x00\x00\x00\x00z."s), "b'z'");
  EXPECT_EQ(DecodeRepr("\x96\x03\x00\x00\x00\x00\x00\x00\x00xxx."s), "bytearray(b'xxx')");
}

TEST(DecoderOpcodeTest, ContainersAndStackOps) {
  EXPECT_EQ(DecodeRepr("(I1\nI2\nl."), "[1, 2]");
  EXPECT_EQ(DecodeRepr("(I1\nI2\nt."), "(1, 2)");
  EXPECT_EQ(DecodeRepr("(I1\nI2\nd."), "{1: 2}");
  EXPECT_EQ(DecodeRepr("(I1\nI2\nF1.0\nI3\nd."), "{1: 3}");
  EXPECT_EQ(DecodeRepr("]N\x85N\x86N\x87."s), "([], ((None,), None), None)");
  EXPECT_EQ(DecodeRepr("](K\x01K\x02" "e."s), "[1, 2]");
  EXPECT_EQ(DecodeRepr("]K\x01" "a."s), "[1]");
  EXPECT_EQ(DecodeRepr("}K\x01K\x02s."s), "{1: 2}");
  EXPECT_EQ(DecodeRepr("}(K\x01K\x02K\x03K\x04u."s), "{1: 2, 3: 4}");
  EXPECT_EQ(DecodeRepr("\x8f(K\x01K\x02K\x01\x90."s), "{1, 2}");
  EXPECT_EQ(DecodeRepr("(K\x01K\x01\x91."s), "frozenset({1})");
  EXPECT_EQ(DecodeRepr(")."), "()");
  EXPECT_EQ(DecodeRepr("K\x01K\x02" "0."s), "1");
  EXPECT_EQ(DecodeRepr("K\x01(K\x02K\x03" "1."s), "1");
  EXPECT_EQ(DecodeRepr("K\x01(0."s), "1");  // POP on an empty MARK level pops the MARK
  EXPECT_EQ(DecodeRepr("]2\x86."s), "([], [])");
  EXPECT_EQ(DecodeRepr("((Kdtp0\nh\x00l."s), "[(100,), (100,)]");
  EXPECT_EQ(DecodeRepr("N\x88\x89\x87."s), "(None, True, False)");
  EXPECT_EQ(DecodeError("(]\x90."s), "ADDITEMS at offset 2: stack underflow: no object below the MARK");
  EXPECT_EQ(DecodeError("](K\x01\x90."s), "ADDITEMS at offset 4: cannot add items to list");
  EXPECT_EQ(DecodeError("(]e."s), "APPENDS at offset 2: stack underflow: no object below the MARK");
  EXPECT_EQ(DecodeError("(]]\x91."s), "FROZENSET at offset 3: unhashable type: 'list'");
  EXPECT_EQ(DecodeError("}]K\x01s."s), "SETITEM at offset 4: unhashable type: 'list'");
}

TEST(DecoderOpcodeTest, Memo) {
  Document doc = DecodeOk("(]q\xffh\xfft."s);
  EXPECT_EQ(doc.root().as<Tuple>()->items[0], doc.root().as<Tuple>()->items[1]);
  doc = DecodeOk("(]r\x00\x00\x01\x00j\x00\x00\x01\x00t."s);
  EXPECT_EQ(doc.root().as<Tuple>()->items[0], doc.root().as<Tuple>()->items[1]);
  doc = DecodeOk("((lp100000\ng100000\nt.");
  EXPECT_EQ(doc.root().as<Tuple>()->items[0], doc.root().as<Tuple>()->items[1]);
  doc = DecodeOk("(]\x94]\x94h\x00h\x01t."s);
  std::span<Value> items = doc.root().as<Tuple>()->items;
  EXPECT_EQ(items[0], items[2]);
  EXPECT_EQ(items[1], items[3]);
  EXPECT_NE(items[0], items[1]);
  // A sparse key far away, then dense keys growing past it.
  doc = DecodeOk("(K\x07r\x00\x05\x00\x00K\x08q\x00j\x00\x05\x00\x00h\x00t."s);
  EXPECT_EQ(ReprOf(doc.root()), "(7, 8, 7, 8)");
  EXPECT_EQ(DecodeError("g0\np0"), "GET at offset 0: memo key 0 not found");
  EXPECT_EQ(DecodeError("jens:"), "LONG_BINGET at offset 0: memo key 980643429 not found");
  EXPECT_EQ(DecodeError("hens:"), "BINGET at offset 0: memo key 101 not found");
  EXPECT_EQ(DecodeError("Va\np-1\n."), "PUT at offset 3: negative memo key -1");
  EXPECT_EQ(DecodeError("Va\npx\n."), "PUT at offset 3: invalid literal for int() with base 10: b'x'");
}

TEST(DecoderOpcodeTest, ProtocolAndFrames) {
  EXPECT_EQ(DecodeRepr("\x80\x05N."s), "None");
  EXPECT_EQ(DecodeError("\x80\x06N."s), "PROTO at offset 0: unsupported pickle protocol: 6");
  EXPECT_EQ(DecodeRepr("\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00I42\n."s), "42");
  EXPECT_EQ(DecodeError("\x80\x02\x95\x05\x00\x00\x00\x00\x00\x00\x00N."s),
            "FRAME at offset 2: frame length 5 exceeds the 2 bytes left");
  // Arguments cut short: the buffer's inline PROTO and FRAME leave them to the reader.
  EXPECT_EQ(DecodeError("\x80"s), "PROTO at offset 0: pickle data was truncated (needs 1 argument bytes, 0 left)");
  EXPECT_EQ(DecodeError("\x80\x04\x95\x05\x00"s), "FRAME at offset 2: pickle data was truncated (needs 8 argument bytes, 2 left)");
  EXPECT_EQ(DecodeRepr("N.trailing garbage"), "None");
}

TEST(DecoderOpcodeTest, GlobalsAndPythonTwoNames) {
  EXPECT_EQ(DecodeRepr("cos\npath\n."), "os.path");
  Document doc = DecodeOk("\x80\x02" "cUserDict\nUserDict\n."s);
  EXPECT_TRUE(IsGlobalNamed(doc.root(), "collections", "UserDict"));
  doc = DecodeOk("c__builtin__\nxrange\n.");
  EXPECT_TRUE(IsGlobalNamed(doc.root(), "builtins", "range"));
  // Protocol 3 and up are not remapped.
  doc = DecodeOk("\x80\x03" "cUserDict\nUserDict\n."s);
  EXPECT_TRUE(IsGlobalNamed(doc.root(), "UserDict", "UserDict"));
  DecodeOptions no_fix;
  no_fix.fix_imports = false;
  doc = DecodeOk("\x80\x02" "cUserDict\nUserDict\n."s, no_fix);
  EXPECT_TRUE(IsGlobalNamed(doc.root(), "UserDict", "UserDict"));
  doc = DecodeOk("\x8c\x08" "builtins\x8c\x03int\x93."s);
  EXPECT_TRUE(IsGlobalNamed(doc.root(), "builtins", "int"));
  EXPECT_EQ(DecodeError("c\xff\nb\n."s),
            "GLOBAL at offset 0: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
  EXPECT_EQ(DecodeError("K\x01\x8c\x01" "a\x93."s), "STACK_GLOBAL at offset 5: STACK_GLOBAL requires str");
}

TEST(DecoderOpcodeTest, Extensions) {
  ExtensionRegistry extensions;
  ASSERT_TRUE(extensions.Add("mod", "one", 1).ok());
  ASSERT_TRUE(extensions.Add("mod", "big", 0x12345678).ok());
  ASSERT_TRUE(extensions.Add("mod", "mid", 0x1234).ok());
  DecodeOptions options;
  options.extensions = &extensions;
  Document doc = DecodeOk("(\x82\x01\x83\x34\x12\x84\x78\x56\x34\x12\x82\x01t."s, options);
  std::span<Value> items = doc.root().as<Tuple>()->items;
  EXPECT_TRUE(IsGlobalNamed(items[0], "mod", "one"));
  EXPECT_TRUE(IsGlobalNamed(items[1], "mod", "mid"));
  EXPECT_TRUE(IsGlobalNamed(items[2], "mod", "big"));
  EXPECT_EQ(items[0], items[3]);
  EXPECT_EQ(DecodeError("\x82\x02."s, options), "EXT1 at offset 0: unregistered extension code 2");
  EXPECT_EQ(DecodeError("\x82\x01."s), "EXT1 at offset 0: unregistered extension code 1");
  EXPECT_EQ(DecodeError("\x82\x00."s, options), "EXT1 at offset 0: extension code 0 is not positive");
}

TEST(DecoderOpcodeTest, PersistentIds) {
  Document doc = DecodeOk("Pabc\n.");
  ASSERT_EQ(doc.root().kind(), Kind::kPersistentId);
  EXPECT_EQ(ReprOf(doc.root().as<PersistentId>()->pid), "'abc'");
  doc = DecodeOk("K\x05Q."s);
  ASSERT_EQ(doc.root().kind(), Kind::kPersistentId);
  EXPECT_EQ(ReprOf(doc.root().as<PersistentId>()->pid), "5");
  EXPECT_EQ(DecodeError("P\xc3\xa9\n."s), "PERSID at offset 0: persistent IDs in protocol 0 must be ASCII strings");
}

TEST(DecoderOpcodeTest, OutOfBandBuffers) {
  DecodeOptions placeholders;
  placeholders.buffer_placeholders = true;
  Document doc = DecodeOk("\x80\x05(\x97\x97\x98t."s, placeholders);
  std::span<Value> items = doc.root().as<Tuple>()->items;
  ASSERT_EQ(items[1].kind(), Kind::kBuffer);
  EXPECT_EQ(items[0].as<Buffer>()->index, 0u);
  EXPECT_FALSE(items[0].as<Buffer>()->readonly);
  EXPECT_FALSE(items[0].as<Buffer>()->has_data);
  EXPECT_EQ(items[1].as<Buffer>()->index, 1u);
  EXPECT_TRUE(items[1].as<Buffer>()->readonly);
  std::vector<std::string_view> buffers = {"first", "second"};
  DecodeOptions options;
  options.buffers = buffers;
  doc = DecodeOk("\x80\x05(\x97\x97t."s, options);
  EXPECT_EQ(doc.root().as<Tuple>()->items[1].as<Buffer>()->data, "second");
  EXPECT_EQ(DecodeError("\x80\x05(\x97\x97\x97t."s, options),
            "NEXT_BUFFER at offset 5: not enough out-of-band buffers: buffer 2 requested, 2 given");
  EXPECT_EQ(DecodeRepr("C\x01x\x98."s), "b'x'");
  EXPECT_EQ(DecodeError("K\x01\x98."s), "READONLY_BUFFER at offset 2: expected a buffer on the stack, found int");
}

TEST(DecoderOpcodeTest, OutOfBandBuffersFromCPython) {
  auto pickles = HexPickles(R"(
import pickle
buffers = []
data = pickle.dumps([pickle.PickleBuffer(b'ro'), pickle.PickleBuffer(bytearray(b'rw'))], 5,
                    buffer_callback=buffers.append)
print(data.hex(), 'x')
)");
  ASSERT_EQ(pickles.size(), 1u);
  std::vector<std::string_view> buffers = {"ro", "rw"};
  DecodeOptions options;
  options.buffers = buffers;
  Document doc = DecodeOk(pickles[0].first, options);
  ASSERT_EQ(doc.root().kind(), Kind::kList);
  const ArenaVector<Value>& items = doc.root().as<List>()->items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].as<Buffer>()->readonly);
  EXPECT_EQ(items[0].as<Buffer>()->data, "ro");
  EXPECT_FALSE(items[1].as<Buffer>()->readonly);
  EXPECT_EQ(items[1].as<Buffer>()->data, "rw");
}

TEST(DecoderOpcodeTest, ReduceNewObjBuild) {
  Document doc = DecodeOk("cm\nf\n)R.");  // builtins.int() would be 0, as in CPython
  ASSERT_EQ(doc.root().kind(), Kind::kReduce);
  EXPECT_TRUE(IsGlobalNamed(doc.root().as<Reduce>()->callable, "m", "f"));
  doc = DecodeOk("cm\nC\n)\x81}b."s);
  ASSERT_EQ(doc.root().kind(), Kind::kInstance);
  EXPECT_TRUE(doc.root().as<Instance>()->has_state);
  doc = DecodeOk("cm\nC\n)}\x92."s);
  ASSERT_EQ(doc.root().kind(), Kind::kInstance);
  EXPECT_EQ(ReprOf(doc.root().as<Instance>()->kwargs), "{}");
  doc = DecodeOk("(K\x01im\nC\n.");
  ASSERT_EQ(doc.root().kind(), Kind::kInstance);
  EXPECT_TRUE(IsGlobalNamed(doc.root().as<Instance>()->cls, "m", "C"));
  EXPECT_EQ(ReprOf(doc.root().as<Instance>()->args), "(1,)");
  doc = DecodeOk("(cm\nC\nK\x01K\x02o."s);
  EXPECT_EQ(ReprOf(doc.root().as<Instance>()->args), "(1, 2)");
  // Items appended and set on a reduce node are kept.
  doc = DecodeOk("cm\nC\n)R(K\x01" "e(K\x02K\x03u."s);
  EXPECT_EQ(doc.root().as<Reduce>()->list_items.size(), 1u);
  EXPECT_EQ(doc.root().as<Reduce>()->dict_items.size(), 1u);
  EXPECT_EQ(DecodeError("N)R."), "REDUCE at offset 2: 'NoneType' object is not callable");
  EXPECT_EQ(DecodeError("cbuiltins\nint\nNR."), "REDUCE at offset 15: argument must be a tuple, not NoneType");
  EXPECT_EQ(DecodeError("cbuiltins\nint\nN\x81."s), "NEWOBJ at offset 15: args argument must be a tuple, not NoneType");
  EXPECT_EQ(DecodeError("K\x01)\x81."s), "NEWOBJ at offset 3: class argument must be a class, not int");
  EXPECT_EQ(DecodeError("cbuiltins\nint\n)N\x92."s),
            "NEWOBJ_EX at offset 16: kwargs argument must be a dict, not NoneType");
  EXPECT_EQ(DecodeError("cm\nC\n)R}b}b."s), "BUILD at offset 10: a second BUILD on the same object");
  EXPECT_EQ(DecodeError("]}b."s), "BUILD at offset 2: cannot set the state of list");
  EXPECT_EQ(DecodeError("K\x01K\x02" "a."s), "APPEND at offset 4: cannot append to int");
  EXPECT_EQ(DecodeError("](K\x01K\x02u."s), "SETITEMS at offset 6: cannot set items on list");
  EXPECT_EQ(DecodeError("}(K\x01u."s), "SETITEMS at offset 4: odd number of items for SETITEMS");
  EXPECT_EQ(DecodeError("(K\x01" "d."s), "DICT at offset 3: odd number of items for DICT");
  EXPECT_EQ(DecodeError("(o."), "OBJ at offset 1: no class after the MARK");
}

TEST(DecoderOpcodeTest, BuiltinRebuilds) {
  EXPECT_EQ(DecodeRepr("c__builtin__\nset\n((lK\x01" "aK\x02" "atR."s), "{1, 2}");
  EXPECT_EQ(DecodeRepr("cbuiltins\nfrozenset\n(]tR."s), "frozenset()");
  EXPECT_EQ(DecodeRepr("cbuiltins\nbytearray\n)R."s), "bytearray(b'')");
  EXPECT_EQ(DecodeRepr("cbuiltins\nbytearray\nC\x02\x00\xff\x85R."s), "bytearray(b'\\x00\\xff')");
  EXPECT_EQ(DecodeRepr("c__builtin__\nbytearray\n(X\x04\x00\x00\x00" "ab\xc3\xbfX\x07\x00\x00\x00latin-1tR."s),
            "bytearray(b'ab\\xff')");
  EXPECT_EQ(DecodeRepr("c__builtin__\nbytes\n)R."s), "b''");
  EXPECT_EQ(DecodeRepr("c_codecs\nencode\n(Va\xff\nVlatin1\ntR."s), "b'a\\xff'");
  EXPECT_EQ(DecodeRepr("cbuiltins\ncomplex\nG?\xf0\x00\x00\x00\x00\x00\x00K\x02\x86R."s), "(1+2j)");
  Document doc = DecodeOk("ccopy_reg\n_reconstructor\n(cm\nC\nc__builtin__\nobject\nNtR}b.");
  ASSERT_EQ(doc.root().kind(), Kind::kInstance);
  EXPECT_TRUE(IsGlobalNamed(doc.root().as<Instance>()->cls, "m", "C"));
  EXPECT_TRUE(doc.root().as<Instance>()->has_state);
  // Other forms stay Reduce nodes.
  doc = DecodeOk("ccopy_reg\n_reconstructor\n(cm\nC\nc__builtin__\nlist\n]tR.");
  EXPECT_EQ(doc.root().kind(), Kind::kReduce);
  doc = DecodeOk("c_codecs\nencode\n(Va\nVutf-16\ntR.");
  EXPECT_EQ(doc.root().kind(), Kind::kReduce);
  doc = DecodeOk("cbuiltins\nset\n(K\x01tR."s);
  EXPECT_EQ(doc.root().kind(), Kind::kReduce);
  EXPECT_EQ(DecodeError("cbuiltins\nset\n(]]atR."s), "REDUCE at offset 19: unhashable type: 'list'");
}

// ---------------------------------------------------------------------------
// Malformed input, after CPython's Lib/test/pickletester.py.

TEST(DecoderMalformedTest, EmptyAndMissingStop) {
  EXPECT_EQ(DecodeError(""), "at offset 0: empty input, not a pickle");
  EXPECT_EQ(DecodeError("N"), "at offset 1: pickle data was truncated");
  EXPECT_EQ(DecodeError("(K\x01K\x02K\x03K\x04K\x05"s), "at offset 11: pickle data was truncated");
  EXPECT_EQ(DecodeError("."), "STOP at offset 0: stack underflow");
  EXPECT_EQ(DecodeError("N(."), "STOP at offset 2: stack underflow: nothing above the innermost MARK");
  EXPECT_EQ(DecodeError("\xff"s), "at offset 0: unknown opcode 0xff");
  EXPECT_EQ(DecodeError("N\x00."s), "at offset 1: unknown opcode 0x00");
}

TEST(DecoderMalformedTest, BadStack) {
  const std::string bad[] = {
      ".", "0", "1", "2", "(2", "R", ")R", "a", "Na", "b", "Nb", "d", "e", "(e", "ibuiltins\nlist\n", "l", "o",
      "(o", "p1\n", "q\x00"s, "s", "Ns", "NNs", "t", "u", "(u", "}(Nu", "\x81", ")\x81", "\x85", "\x86", "N\x86",
      "\x87", "N\x87", "NN\x87", "\x90", "(\x90", "\x91", "\x92", ")}\x92", "\x93", "Vlist\n\x93", "\x94",
  };
  for (const std::string& data : bad) DecodeError(data);
  DecodeError("r\x00\x00\x00\x00"s);
  EXPECT_EQ(DecodeError("Na."), "APPEND at offset 1: stack underflow");
  EXPECT_EQ(DecodeError("e"), "APPENDS at offset 0: no MARK on the stack");
  EXPECT_EQ(DecodeError("}(Nu"), "SETITEMS at offset 3: odd number of items for SETITEMS");
}

TEST(DecoderMalformedTest, BadMark) {
  const std::string bad[] = {
      "N(.", "N(2", "cbuiltins\nlist\n)(R", "cbuiltins\nlist\n()R", "]N(a", "cbuiltins\nValueError\n)R}(b",
      "cbuiltins\nValueError\n)R(}b", "(Nd", "N(p1\n", "N(q\x00"s, "N(r\x00\x00\x00\x00"s, "}NN(s", "}N(Ns",
      "}(NNs", "}((u", "cbuiltins\nlist\n)(\x81", "cbuiltins\nlist\n()\x81", "N(\x85", "NN(\x86", "N(N\x86",
      "NNN(\x87", "NN(N\x87", "N(NN\x87", "]((\x90", "cbuiltins\nlist\n)}(\x92", "cbuiltins\nlist\n)(}\x92",
      "cbuiltins\nlist\n()}\x92", "Vbuiltins\n(Vlist\n\x93", "Vbuiltins\nVlist\n(\x93", "N(\x94",
  };
  for (const std::string& data : bad) DecodeError(data);
  EXPECT_EQ(DecodeError("N(\x94"s), "MEMOIZE at offset 2: stack underflow: nothing above the innermost MARK");
}

TEST(DecoderMalformedTest, BadlyQuotedStrings) {
  const char* bad[] = {"S'\n.", "S\"\n.", "S' \n.", "S\" \n.", "S'\"\n.", "S\"'\n.", "S' ' \n.", "S\" \" \n.",
                       "S ''\n.", "S \"\"\n.", "S \n.", "S\n.", "S."};
  for (const char* data : bad) {
    std::string error = DecodeError(data);
    EXPECT_TRUE(error == "STRING at offset 0: the STRING opcode argument must be quoted" ||
                error == "STRING at offset 0: pickle data was truncated (no newline ends the argument)")
        << error;
  }
}

TEST(DecoderMalformedTest, TruncatedArguments) {
  const std::string bad[] = {
      "B", "B\x03\x00\x00"s, "B\x03\x00\x00\x00"s, "B\x03\x00\x00\x00" "ab"s, "C", "C\x03", "C\x03" "ab", "F", "F0.0",
      "F0.00", "G", "G\x00\x00\x00\x00\x00\x00\x00"s, "I", "I0", "J", "J\x00\x00\x00"s, "K", "L", "L0", "L10",
      "L0L", "L10L", "M", "M\x00"s, "S", "S'abc'", "T", "T\x03\x00\x00"s, "T\x03\x00\x00\x00"s,
      "T\x03\x00\x00\x00" "ab"s, "U", "U\x03", "U\x03" "ab", "V", "Vabc", "X", "X\x03\x00\x00"s, "X\x03\x00\x00\x00"s,
      "X\x03\x00\x00\x00" "ab"s, "(c", "(cbuiltins", "(cbuiltins\n", "(cbuiltins\nlist", "Ng", "Ng0", "(i", "(ibuiltins",
      "(ibuiltins\n", "(ibuiltins\nlist", "Nh", "Nj", "Nj\x00\x00\x00"s, "Np", "Np0", "Nq", "Nr",
      "Nr\x00\x00\x00"s, "\x80", "\x82", "\x83", "\x84\x01", "\x84", "\x84\x01\x00\x00"s, "\x8a", "\x8b",
      "\x8b\x00\x00\x00"s, "\x8c", "\x8c\x03" "ab", "\x8d", "\x8d\x03\x00\x00\x00\x00\x00\x00"s,
      "\x8d\x03\x00\x00\x00\x00\x00\x00\x00"s, "\x8d\x03\x00\x00\x00\x00\x00\x00\x00" "ab"s, "\x8e", "\x95",
      "\x96\x03\x00\x00\x00\x00\x00\x00\x00" "ab"s,
  };
  for (const std::string& data : bad) DecodeError(data);
  EXPECT_EQ(DecodeError("\x80\x03X\x00\x00\x00\x40" "abc"s),
            "BINUNICODE at offset 2: length 1073741824 exceeds the 3 bytes left");
}

TEST(DecoderMalformedTest, OverLongDeclaredLengthsAreRefusedBeforeAllocating) {
  EXPECT_EQ(DecodeError("\x80\x04\x8d\x00\x00\x00\x00\x00\x00\x00\x40" "abc"s),
            "BINUNICODE8 at offset 2: length 4611686018427387904 exceeds the 3 bytes left");
  EXPECT_EQ(DecodeError("\x80\x04\x8e\xff\xff\xff\xff\xff\xff\xff\xff."s),
            "BINBYTES8 at offset 2: length 18446744073709551615 exceeds the 1 bytes left");
  EXPECT_EQ(DecodeError("\x80\x05\x96\xff\xff\xff\xff\xff\xff\xff\x7f."s),
            "BYTEARRAY8 at offset 2: length 9223372036854775807 exceeds the 1 bytes left");
  EXPECT_EQ(DecodeError("\x80\x03X\xff\xff\xff\xffxyzq\x00."s),
            "BINUNICODE at offset 2: length 4294967295 exceeds the 6 bytes left");
  EXPECT_EQ(DecodeError("\x8b\xff\xff\xff\x7f."s), "LONG4 at offset 0: length 2147483647 exceeds the 1 bytes left");
  EXPECT_EQ(DecodeError("T\xff\xff\xff\xff" "ab."s), "BINSTRING at offset 0: negative byte count -1");
}

// Every proper prefix of a valid pickle is an error, never a crash.
TEST(DecoderMalformedTest, TruncationAtEveryByte) {
  auto pickles = HexPickles(R"(
import pickle, collections
class C:
    def __init__(self): self.v = [1, 'two', 3.0, b'four', None, {5: (6, 7)}]
import __main__
obj = [C(), collections.OrderedDict(a=1), {1, 2}, frozenset('ab'), 2**100, 'caf\u00e9', bytearray(b'x'),
       1j, True, (1, 2, 3, 4), 'x' * 300, b'y' * 300]
obj.append(obj)
for proto in range(6):
    print(pickle.dumps(obj, proto).hex(), proto)
)");
  ASSERT_EQ(pickles.size(), 6u);
  size_t prefixes = 0;
  for (const auto& [data, proto] : pickles) {
    DecodeOk(data);
    for (size_t length = 0; length < data.size(); ++length) {
      absl::StatusOr<Document> doc = Decode(std::string_view(data).substr(0, length));
      EXPECT_FALSE(doc.ok()) << "protocol " << proto << " prefix " << length;
      ++prefixes;
    }
  }
  EXPECT_GT(prefixes, 3000u);
}

// Every single-byte corruption of a valid pickle decodes or fails cleanly.
TEST(DecoderMalformedTest, CorruptedBytesNeverCrash) {
  auto pickles = HexPickles(R"(
import pickle
obj = {'a': [1, 2.5, 'x', b'y', (None, True)], 'b': {3, 4}, 'c': 2**70}
for proto in (0, 2, 5):
    print(pickle.dumps(obj, proto).hex(), proto)
)");
  for (const auto& [data, proto] : pickles) {
    for (size_t i = 0; i < data.size(); ++i) {
      for (int replacement : {0x00, 0x28, 0x2e, 0x7f, 0x80, 0xff}) {
        std::string corrupted = data;
        corrupted[i] = static_cast<char>(replacement);
        absl::StatusOr<Document> doc = Decode(corrupted);
        if (doc.ok()) (void)Repr(doc->root());
      }
    }
  }
}

// Random edits (replace, insert, delete, duplicate a stretch) of CPython
// pickles: whatever comes out decodes or fails cleanly, and what decodes
// prints.
TEST(DecoderMalformedTest, RandomEditsNeverCrash) {
  auto pickles = HexPickles(R"(
import pickle, collections
class C:
    def __init__(self): self.v = {'k': [1, 2.5, 'x', b'y', (None, True), {3, 4}, frozenset([5])]}
obj = [C(), collections.OrderedDict(a=1), 2**70, -1, 'caf\u00e9', bytearray(b'z'), 1j]
obj.append(obj)
for proto in range(6):
    print(pickle.dumps(obj, proto).hex(), proto)
)");
  ASSERT_EQ(pickles.size(), 6u);
  std::mt19937 random(20261123);
  int decoded = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string data = pickles[round % pickles.size()].first;
    int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits && !data.empty(); ++e) {
      size_t at = random() % data.size();
      switch (random() % 4) {
        case 0: data[at] = static_cast<char>(random()); break;
        case 1: data.insert(at, 1, static_cast<char>(random())); break;
        case 2: data.erase(at, 1 + random() % 4); break;
        default: {
          size_t length = std::min<size_t>(1 + random() % 16, data.size() - at);
          data.insert(random() % data.size(), data.substr(at, length));
        }
      }
    }
    absl::StatusOr<Document> doc = Decode(data);
    if (doc.ok()) {
      ++decoded;
      (void)Repr(doc->root());
    } else {
      EXPECT_FALSE(doc.status().message().empty());
    }
  }
  EXPECT_GT(decoded, 0);
}

TEST(DecoderLimitsTest, MarkDepth) {
  DecodeOptions options;
  options.limits.max_mark_depth = 100;
  std::string deep(100, '(');
  deep += "N.";
  EXPECT_EQ(DecodeRepr(deep, options), "None");
  std::string deeper(101, '(');
  deeper += "N.";
  absl::StatusOr<Document> doc = Decode(deeper, options);
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(Message(doc.status()), "MARK at offset 100: MARKs nested deeper than max_mark_depth (100)");
  // The default limit stops a million MARKs too.
  EXPECT_EQ(Decode(std::string(1000000, '(') + "N.").status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(DecoderLimitsTest, DeepNestingDecodesWithoutRecursion) {
  // 1,000,000 nested lists: ]( ... ] a ... (each list appended to its parent).
  std::string data;
  const int depth = 1000000;
  for (int i = 0; i < depth; ++i) data += "]";
  for (int i = 0; i < depth - 1; ++i) data += "a";
  data += ".";
  Document doc = DecodeOk(data);
  Value v = doc.root();
  int levels = 0;
  while (v.kind() == Kind::kList && !v.as<List>()->items.empty()) {
    v = v.as<List>()->items[0];
    ++levels;
  }
  EXPECT_EQ(levels, depth - 1);
}

TEST(DecoderLimitsTest, StackSize) {
  DecodeOptions options;
  options.limits.max_stack_size = 10;
  EXPECT_TRUE(Decode("(" + std::string(10, 'N') + "t.", options).ok());
  EXPECT_EQ(DecodeError(std::string(11, 'N') + ".", options),
            "NONE at offset 10: more than max_stack_size (10) values on the stack");
}

// The stack's limit is watched where a push meets it (codec/unpickler_stack.h):
// a reused Decoder, whose stack kept a capacity past the limit, still stops
// at exactly one value more, every time.
TEST(DecoderLimitsTest, StackSizeOnAReusedDecoder) {
  DecodeOptions options;
  options.limits.max_stack_size = 20;
  Decoder decoder(options);
  const std::string twenty = "(" + std::string(20, 'N') + "t.";
  const std::string twenty_one = std::string(21, 'N') + ".";
  for (int round = 0; round < 3; ++round) {
    EXPECT_TRUE(decoder.Decode(twenty).ok()) << round;
    absl::StatusOr<Document> refused = decoder.Decode(twenty_one);
    ASSERT_FALSE(refused.ok()) << round;
    EXPECT_EQ(Message(refused.status()), "NONE at offset 20: more than max_stack_size (20) values on the stack");
  }
}

// The heap reports passing max_total_bytes only while a decode runs: a
// Document that outlives its Decoder takes any number of new objects.
TEST(DecoderLimitsTest, TotalBytesAreWatchedOnlyDuringTheDecode) {
  DecodeOptions options;
  options.limits.max_total_bytes = 1 << 16;
  Document doc;
  {
    Decoder decoder(options);
    absl::StatusOr<Document> decoded = decoder.Decode("]\x94.");
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    doc = *std::move(decoded);
  }
  for (int i = 0; i < 100000; ++i) doc.heap().NewList();
  EXPECT_GT(doc.heap().bytes_allocated(), size_t{1} << 16);
}

TEST(DecoderLimitsTest, MemoEntries) {
  DecodeOptions options;
  options.limits.max_memo_entries = 3;
  EXPECT_EQ(DecodeRepr("N\x94\x94\x94.", options), "None");
  EXPECT_EQ(DecodeError("N\x94\x94\x94\x94.", options),
            "MEMOIZE at offset 4: more than max_memo_entries (3) memo entries");
  EXPECT_EQ(DecodeError("Nq\x00q\x01q\x02q\x03."s, options),
            "BINPUT at offset 7: more than max_memo_entries (3) memo entries");
  // Entries are counted, not keys: three huge keys fit, and live in the
  // sparse part (no 32 GB vector); a key put again is no new entry.
  EXPECT_EQ(DecodeRepr("Nr\x00\x00\x00\xeer\x00\x00\x00\xeer\xff\xff\xff\xffr\x00\x00\x00\x70"
                       "j\xff\xff\xff\xff\x86."s, options),
            "(None, None)");
  EXPECT_EQ(DecodeError("Nr\x00\x00\x00\xeer\xff\xff\xff\xffr\x00\x00\x00\x70r\x00\x00\x00\x71."s, options),
            "LONG_BINPUT at offset 16: more than max_memo_entries (3) memo entries");
}

// A MEMOIZE or BINPUT right after a str or a container runs in the same step
// as the opcode that pushed the value: the same memo, the same errors, naming
// the put and its own offset.
TEST(DecoderLimitsTest, PutsRightAfterAPushAreThePutsErrors) {
  DecodeOptions options;
  options.limits.max_memo_entries = 2;
  EXPECT_EQ(DecodeRepr("\x8c\x01" "a\x94]\x94h\x00\x87."s, options), "('a', [], 'a')");
  EXPECT_EQ(DecodeRepr("X\x01\x00\x00\x00" "bq\x07}q\x00h\x07\x86."s, options), "({}, 'b')");
  EXPECT_EQ(DecodeError("\x8c\x01" "a\x94]\x94)\x85\x94."s, options),
            "MEMOIZE at offset 8: more than max_memo_entries (2) memo entries");
  EXPECT_EQ(DecodeError("]q\x00\x8c\x01" "cq\x01\x8c\x01" "dq\x02."s, options),
            "BINPUT at offset 11: more than max_memo_entries (2) memo entries");
  // A BINPUT cut off at the end is the slow path's error, as without a push.
  EXPECT_EQ(DecodeError("]q"s, options), DecodeError("Nq"s, options));
}

TEST(DecoderLimitsTest, TotalBytes) {
  DecodeOptions options;
  options.limits.max_total_bytes = 1 << 20;
  std::string big = "\x80\x04\x8e"s + std::string("\x00\x00\x20\x00\x00\x00\x00\x00", 8) + std::string(2 << 20, 'x') + ".";
  absl::StatusOr<Document> doc = Decode(big, options);
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(Message(doc.status()).substr(0, 60), "BINBYTES8 at offset 2: allocating 2097152 more bytes would e");
  // Borrowed input is not copied, so it does not count.
  options.borrow_input = true;
  EXPECT_TRUE(Decode(big, options).ok());
  // Many small objects hit the limit too.
  options.borrow_input = false;
  std::string many = "]";
  for (int i = 0; i < 100000; ++i) many += "]a";
  many += ".";
  doc = Decode(many, options);
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kResourceExhausted);
}

// Short text is copied without a check of its own: the heap raises the
// limit when the copy takes it past max_total_bytes, and the error names the
// opcode that copied.
TEST(DecoderLimitsTest, SmallCopiesAreCountedByTheHeap) {
  DecodeOptions options;
  options.limits.max_total_bytes = 1 << 16;
  std::string texts = "(";
  for (int i = 0; i < 1000; ++i) texts += "\x8c\xc8"s + std::string(200, 'x');
  texts += "l.";
  absl::StatusOr<Document> doc = Decode(texts, options);
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(absl::StartsWith(Message(doc.status()), "SHORT_BINUNICODE at offset ")) << doc.status();
  EXPECT_TRUE(absl::EndsWith(Message(doc.status()), ": the document takes more than max_total_bytes (65536) bytes"))
      << doc.status();
  options.borrow_input = true;
  EXPECT_TRUE(Decode(texts, options).ok());
}

// Decode keeps one idle unpickling machine per thread between calls; these
// pin that each call still sees only its own options and that a Decode made
// inside another (a hook that decodes) gets a machine of its own.
class RefuseEverythingHooks : public DecodeHooks {
 public:
  bool RestrictsGlobalNames() const override { return true; }
  absl::Status CheckGlobalName(std::string_view module, std::string_view qualname) const override {
    return absl::PermissionDeniedError(absl::StrCat("refused ", ToAbsl(module), ".", ToAbsl(qualname)));
  }
  absl::Status AfterDecode(Document&) const override { return absl::OkStatus(); }
  const ExtensionRegistry* extension_codes() const override { return nullptr; }
};

// Decodes another pickle, with other options, while the decoder asks about
// a global name (in the middle of the outer pickle), and keeps its repr.
class DecodeInsideHooks : public DecodeHooks {
 public:
  bool RestrictsGlobalNames() const override { return true; }
  absl::Status CheckGlobalName(std::string_view, std::string_view) const override {
    DecodeOptions latin1;
    latin1.encoding = "latin1";
    absl::StatusOr<Document> inner = Decode("(S'caf\\xe9'\n]q\x00h\x00t."s, latin1);
    if (!inner.ok()) return inner.status();
    absl::StatusOr<std::string> text = Repr(inner->root());
    if (!text.ok()) return text.status();
    inner_repr = *text;
    return absl::OkStatus();
  }
  absl::Status AfterDecode(Document&) const override { return absl::OkStatus(); }
  const ExtensionRegistry* extension_codes() const override { return nullptr; }
  mutable std::string inner_repr;
};

TEST(DecoderReuseTest, EachCallSeesOnlyItsOwnOptions) {
  const std::string global = "cos\nsystem\n.";
  RefuseEverythingHooks refuse;
  DecodeOptions strict;
  strict.hooks = &refuse;
  EXPECT_EQ(DecodeError(global, strict), "GLOBAL at offset 0: refused os.system");
  EXPECT_EQ(DecodeRepr(global), "os.system");
  EXPECT_EQ(DecodeError(global, strict), "GLOBAL at offset 0: refused os.system");
  DecodeOptions latin1;
  latin1.encoding = "latin1";
  EXPECT_EQ(DecodeRepr("S'caf\\xe9'\n.", latin1), "'café'");
  EXPECT_EQ(DecodeError("S'caf\\xe9'\n."),
            "STRING at offset 0: 'ascii' codec can't decode byte 0xe9 in position 3: ordinal not in range(128)");
  DecodeOptions tight;
  tight.limits.max_memo_entries = 1;
  EXPECT_EQ(DecodeError("]q\x00]q\x01."s, tight), "BINPUT at offset 4: more than max_memo_entries (1) memo entries");
  EXPECT_EQ(DecodeRepr("]q\x00]q\x01."s), "[]");
}

TEST(DecoderReuseTest, DecodeInsideDecodeGetsItsOwnMachine) {
  DecodeInsideHooks hooks;
  DecodeOptions options;
  options.hooks = &hooks;
  // The outer pickle's stack and memo (the list put at 0) outlive the inner
  // Decode made at its GLOBAL.
  const std::string outer = "(I1\nI2\n]q\x00" "cos\nsystem\nh\x00t."s;
  EXPECT_EQ(DecodeRepr(outer, options), "(1, 2, [], os.system, [])");
  EXPECT_EQ(hooks.inner_repr, "('café', [], [])");
  EXPECT_EQ(DecodeRepr(outer, options), "(1, 2, [], os.system, [])");
}

}  // namespace
}  // namespace brine
