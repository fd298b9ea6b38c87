// Seeded random value graphs built in C++ (nesting, sharing, cycles,
// recursive tuples, big ints, lone surrogates, batches over 1000 items,
// payloads spanning several 64 KiB frames, instances, bound methods, reduce
// nodes) are encoded by brine at every protocol; CPython loads each pickle
// and dumps it again at the same protocol; the bytes must be identical.
//
// Each random draw is a statement of its own, never one of two arguments of
// a call: the order in which those are evaluated differs between g++ and
// clang, and so would the graphs.
//
// Equal one-character str/bytes are made as separate objects here: CPython
// has one object for each, and so must the encoder's memo. Otherwise the
// generator respects what CPython cannot tell apart: attribute names are
// shared (CPython interns them when it loads instance state); set elements are small ints in ascending
// order (the order CPython iterates them); instance state dicts are not
// shared (CPython merges them into the instance's own __dict__).
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "brine/codec/encoder.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"
#include "brine/value/builder.h"

namespace brine {
namespace {

class RandomGraph {
 public:
  RandomGraph(Builder& b, uint64_t seed) : b_(b), rng_(seed) {
    for (const char* name : {"alpha", "beta", "gamma", "delta"}) attribute_names_.push_back(b_.Str(name));
    object_class_ = b_.Global("__main__", "Obj");
  }

  Value Root() {
    Value root = b_.List();
    const int items = Uniform(3, 12);
    for (int i = 0; i < items; ++i) b_.Append(root, Node(0));
    shareable_.push_back(root);
    // Close cycles: put existing objects into existing lists and dicts. Not
    // tuples or reduce nodes (bound methods): an object reached again through
    // them before they are memoized cannot be pickled, by CPython either.
    const int links = Uniform(0, 6);
    for (int i = 0; i < links && !mutable_.empty(); ++i) {
      Value container = mutable_[Uniform(0, static_cast<int>(mutable_.size()) - 1)];
      Value target = shareable_[Uniform(0, static_cast<int>(shareable_.size()) - 1)];
      if (target.kind() == Kind::kTuple || target.kind() == Kind::kReduce) continue;
      if (container.kind() == Kind::kList) {
        b_.Append(container, target);
      } else {
        b_.SetItem(container, absl::StrCat("link", i), target);
      }
    }
    return root;
  }

 private:
  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  bool Chance(int percent) { return Uniform(1, 100) <= percent; }

  Value Node(int depth) {
    if (!shareable_.empty() && Chance(12)) return shareable_[Uniform(0, static_cast<int>(shareable_.size()) - 1)];
    const int pick = depth >= 5 ? Uniform(0, 6) : Uniform(0, 17);
    Value made;
    switch (pick) {
      case 0: return Value::None();
      case 1: return Value::Bool(Chance(50));
      case 2: return Int();
      case 3: return Float();
      case 4: made = Text(); break;
      case 5: made = Binary(); break;
      case 6: {
        const double real = Float().as_float();
        made = b_.Complex(real, Float().as_float());
        break;
      }
      case 7: made = Tuple(depth); break;
      case 8:
      case 9: made = List(depth); break;
      case 10:
      case 11: made = Dict(depth); break;
      case 12: made = SmallIntSet(); break;
      case 13: made = Instance(depth); break;
      case 14: made = Method(depth); break;
      case 15: made = OrderedDict(depth); break;
      case 16: made = RecursiveTuple(depth); break;
      default: made = b_.ByteArray(RandomBytes(Uniform(0, 30))); break;
    }
    shareable_.push_back(made);
    return made;
  }

  Value Int() {
    switch (Uniform(0, 6)) {
      case 0: return Value::Int(Uniform(0, 255));
      case 1: return Value::Int(Uniform(-70000, 70000));
      case 2: return Value::Int(std::uniform_int_distribution<int32_t>()(rng_));
      case 3: return Value::Int(static_cast<int64_t>(rng_()));
      case 4: return Value::Int(Chance(50) ? INT64_MIN : INT64_MAX);
      default: {
        std::string digits = Chance(50) ? "-" : "";
        digits += static_cast<char>('1' + Uniform(0, 8));
        const int length = Uniform(19, 700);
        for (int i = 0; i < length; ++i) digits += static_cast<char>('0' + Uniform(0, 9));
        return b_.Int(digits);
      }
    }
  }

  Value Float() {
    switch (Uniform(0, 5)) {
      case 0: return Value::Float(0.0);
      case 1: return Value::Float(-0.0);
      case 2: return Value::Float(std::numeric_limits<double>::infinity());
      case 3: return Value::Float(std::numeric_limits<double>::quiet_NaN());
      case 4: return Value::Float(Uniform(-1000, 1000) / 8.0);
      default: {
        double d;
        do {
          const uint64_t bits = rng_();
          std::memcpy(&d, &bits, sizeof d);
        } while (std::isnan(d));
        return Value::Float(d);
      }
    }
  }

  static void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  // A str: short ASCII, any code point (lone surrogates included), or large.
  Value Text() {
    std::string utf8;
    if (Chance(4)) {
      const int length = Uniform(60000, 200000);
      utf8.assign(length, static_cast<char>('a' + Uniform(0, 25)));
      return b_.Str(utf8);
    }
    const int length = Chance(30) ? Uniform(0, 1) : Uniform(0, 12);
    for (int i = 0; i < length; ++i) {
      uint32_t cp;
      switch (Uniform(0, 4)) {
        case 0: cp = Uniform(0xd800, 0xdfff); break;
        case 1: cp = Uniform(0x80, 0xffff); break;
        case 2: cp = Uniform(0x10000, 0x10ffff); break;
        default: cp = Uniform(0, 0x7f); break;
      }
      AppendUtf8(utf8, cp);
    }
    return b_.Str(utf8);
  }

  std::string RandomBytes(int length) {
    std::string data;
    for (int i = 0; i < length; ++i) data += static_cast<char>(Uniform(0, 255));
    return data;
  }

  Value Binary() {
    if (Chance(4)) return b_.Bytes(RandomBytes(Uniform(65000, 150000)));
    return b_.Bytes(RandomBytes(Chance(30) ? Uniform(0, 1) : Uniform(0, 20)));
  }

  int ContainerSize() { return Chance(5) ? Uniform(990, 2100) : Uniform(0, 6); }

  Value Tuple(int depth) {
    std::vector<Value> items;
    const int size = Uniform(0, 5);
    for (int i = 0; i < size; ++i) items.push_back(Node(depth + 1));
    return b_.heap().NewTuple(items);
  }

  Value List(int depth) {
    Value list = b_.List();
    const int size = ContainerSize();
    for (int i = 0; i < size; ++i) b_.Append(list, size > 100 ? Int() : Node(depth + 1));
    mutable_.push_back(list);
    return list;
  }

  Value Dict(int depth) {
    Value dict = b_.Dict();
    const int size = ContainerSize();
    for (int i = 0; i < size; ++i) {
      if (Chance(50)) {
        const int key = Uniform(-5000, 5000);
        b_.SetItem(dict, key, size > 100 ? Value::None() : Node(depth + 1));
      } else {
        const std::string key = absl::StrCat("key", Uniform(0, 100000));
        b_.SetItem(dict, key, size > 100 ? Int() : Node(depth + 1));
      }
    }
    mutable_.push_back(dict);
    return dict;
  }

  Value SmallIntSet() {
    std::vector<int> members;
    for (int i = 0; i < 8; ++i) {
      if (Chance(40)) members.push_back(i);
    }
    if (members.empty()) members.push_back(Uniform(0, 7));
    Value set = Chance(50) ? b_.Set() : b_.FrozenSet();
    for (int m : members) b_.Add(set, m);
    return set;
  }

  Value Instance(int depth) {
    Value state = b_.Dict();
    const int attributes = Uniform(1, 4);
    for (int i = 0; i < attributes; ++i) b_.SetItem(state, attribute_names_[i], Node(depth + 1));
    Value instance = b_.Instance(object_class_, state);
    instances_.push_back(instance);
    return instance;
  }

  Value Method(int depth) {
    Value self = instances_.empty() || Chance(30) ? Instance(depth) : instances_[Uniform(0, static_cast<int>(instances_.size()) - 1)];
    return b_.BoundMethod(self, "run");
  }

  Value OrderedDict(int depth) {
    Value reduce = b_.Reduce(b_.Global("collections", "OrderedDict"), {});
    const int size = Uniform(0, 4);
    for (int i = 0; i < size; ++i) {
      reduce.as<Reduce>()->dict_items.emplace_back(b_.Str(absl::StrCat("o", i)), Node(depth + 1));
    }
    return reduce;
  }

  Value RecursiveTuple(int depth) {
    Value list = b_.List({Node(depth + 1)});
    std::vector<Value> items = {list};
    const int extra = Uniform(0, 4);
    for (int i = 0; i < extra; ++i) items.push_back(Node(depth + 1));
    Value tuple = b_.heap().NewTuple(items);
    b_.Append(list, tuple);
    return tuple;
  }

  Builder& b_;
  std::mt19937_64 rng_;
  std::vector<Value> shareable_;
  std::vector<Value> mutable_;
  std::vector<Value> instances_;
  std::vector<Value> attribute_names_;
  Value object_class_;
};

constexpr char kRedumper[] = R"(
import collections, os, pickle, sys
sys.setrecursionlimit(20000)
class Obj:
    def run(self): pass
directory = sys.argv[1]
for line in open(os.path.join(directory, 'index.tsv')):
    name, protocol = line.split()
    data = open(os.path.join(directory, name), 'rb').read()
    again = pickle.dumps(pickle.loads(data), int(protocol))
    print(name, 'same' if again == data else again.hex())
)";

TEST(EncoderRandomTest, CPythonRedumpsBrinesRandomGraphsIdentically) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/random_XXXXXX");
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  std::ofstream index(dir + "/index.tsv");
  std::map<std::string, std::string> written;
  size_t total_bytes = 0;
  int framed_over_several = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    Heap heap;
    Builder b(heap);
    RandomGraph graph(b, seed);
    Value root = graph.Root();
    ASSERT_TRUE(b.status().ok()) << b.status();
    for (int protocol = 0; protocol <= kHighestProtocol; ++protocol) {
      absl::StatusOr<std::string> bytes = Encode(root, {.protocol = protocol});
      ASSERT_TRUE(bytes.ok()) << "seed " << seed << " protocol " << protocol << ": " << bytes.status();
      const std::string name = absl::StrCat("seed", seed, ".p", protocol, ".pkl");
      std::ofstream(absl::StrCat(dir, "/", name), std::ios::binary) << *bytes;
      index << name << ' ' << protocol << '\n';
      written[name] = *bytes;
      total_bytes += bytes->size();
      if (protocol >= 4 && bytes->size() > 3 * 65536) ++framed_over_several;
    }
  }
  index.close();
  absl::StatusOr<ProcessResult> r = RunPython(kRedumper, {dir});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->exit_code, 0) << r->stderr_text.substr(0, 3000);
  int same = 0, compared = 0;
  for (absl::string_view line : absl::StrSplit(r->stdout_text, '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, ' ');
    ++compared;
    if (fields[1] == "same") {
      ++same;
    } else {
      const std::string& ours = written[fields[0]];
      const std::string theirs = absl::HexStringToBytes(fields[1]);
      size_t at = 0;
      while (at < ours.size() && at < theirs.size() && ours[at] == theirs[at]) ++at;
      ADD_FAILURE() << fields[0] << ": CPython's re-dump differs from byte " << at << " (brine "
                    << absl::BytesToHexString(ours.substr(at > 40 ? at - 40 : 0, 80)) << ", CPython "
                    << absl::BytesToHexString(theirs.substr(at > 40 ? at - 40 : 0, 80)) << ")";
    }
  }
  EXPECT_EQ(compared, static_cast<int>(written.size()));
  EXPECT_GT(framed_over_several, 10);
  std::cout << same << " of " << compared << " random-graph pickles (" << total_bytes
            << " bytes) re-dumped identically by CPython\n";
}

}  // namespace
}  // namespace brine
