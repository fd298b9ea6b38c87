// Encoder options and errors: persistent ids, protocol 5 buffers (in-band and
// out-of-band), extension codes, fix_imports, protocol bounds, encoding
// errors leaving the sink untouched, and deep graphs. Expected bytes come
// from CPython at test time.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"
#include "brine/codec/sink.h"
#include "gtest/gtest.h"
#include "brine/codec/extension_codes.h"
#include "brine/tests/python_runner.h"
#include "brine/value/builder.h"

namespace brine {
namespace {

// Runs `script`, which must print one hex pickle per line.
std::vector<std::string> PythonHexLines(const std::string& script) {
  absl::StatusOr<ProcessResult> r = RunPython(absl::StrCat("import pickle, io, copyreg, binascii, sys\n", script));
  EXPECT_TRUE(r.ok()) << r.status();
  if (!r.ok()) return {};
  EXPECT_EQ(r->exit_code, 0) << r->stderr_text;
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < r->stdout_text.size()) {
    size_t end = r->stdout_text.find('\n', start);
    if (end == std::string::npos) end = r->stdout_text.size();
    lines.push_back(r->stdout_text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string Hex(const absl::StatusOr<std::string>& bytes) {
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? absl::BytesToHexString(*bytes) : "";
}

TEST(EncoderOptionsTest, PersistentIdsAsCPythonWritesThem) {
  const std::vector<std::string> expected = PythonHexLines(R"(
class P(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, str) and obj.startswith('pid'): return obj
        if isinstance(obj, tuple) and obj[:1] == ('ref',): return obj
        return None
for p in range(6):
    for value in (['pid1', 'pid1', 'x'], [('ref', 1)]):
        f = io.BytesIO(); P(f, p).dump(value); print(f.getvalue().hex())
)");
  ASSERT_EQ(expected.size(), 12u);
  for (int p = 0; p < 6; ++p) {
    Heap heap;
    Builder b(heap);
    Value pid = b.Str("pid1");
    Value ref = b.Tuple({"ref", 1});
    Value shared = b.List({b.PersistentId(pid), b.PersistentId(pid), "x"});
    Value tuple_pid = b.List({b.PersistentId(ref)});
    EXPECT_EQ(Hex(Encode(shared, {.protocol = p})), expected[2 * p]) << "protocol " << p;
    EXPECT_EQ(Hex(Encode(tuple_pid, {.protocol = p})), expected[2 * p + 1]) << "protocol " << p;
  }
}

TEST(EncoderOptionsTest, Protocol0PersistentIdMustBeAscii) {
  Heap heap;
  Builder b(heap);
  absl::StatusOr<std::string> bytes = Encode(b.PersistentId("caf\xc3\xa9"), {.protocol = 0});
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().message(), "persistent IDs in protocol 0 must be ASCII strings");
}

TEST(EncoderOptionsTest, BuffersInBandAndOutOfBand) {
  const std::vector<std::string> expected = PythonHexLines(R"(
value = [pickle.PickleBuffer(b'abc'), pickle.PickleBuffer(bytearray(b'de')), pickle.PickleBuffer(b'x' * 70000)]
print(pickle.dumps(value, 5).hex())
bufs = []
print(pickle.dumps(value, 5, buffer_callback=bufs.append).hex())
print(b''.join(bytes(b.raw()) for b in bufs).hex())
)");
  ASSERT_EQ(expected.size(), 3u);
  Heap heap;
  Builder b(heap);
  Value value = b.List({b.Buffer("abc"), b.Buffer("de", /*readonly=*/false), b.Buffer(std::string(70000, 'x'))});
  EXPECT_EQ(Hex(Encode(value, {.protocol = 5})), expected[0]);
  std::vector<std::string_view> buffers;
  EXPECT_EQ(Hex(Encode(value, {.protocol = 5, .out_of_band_buffers = &buffers})), expected[1]);
  std::string joined;
  for (std::string_view buffer : buffers) joined += buffer;
  EXPECT_EQ(absl::BytesToHexString(joined), expected[2]);
}

TEST(EncoderOptionsTest, BufferWithoutDataStaysOutOfBand) {
  Heap heap;
  Buffer* buffer = heap.NewBuffer();
  buffer->readonly = true;
  absl::StatusOr<std::string> bytes = Encode(Value::FromObject(buffer), {.protocol = 5});
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(*bytes, "\x80\x05\x97\x98.");
}

TEST(EncoderOptionsTest, BufferBelowProtocol5IsAnErrorAndWritesNothing) {
  Heap heap;
  Builder b(heap);
  Value value = b.List({1, "some text first", b.Buffer("data")});
  for (int p = 0; p < 5; ++p) {
    std::string target = "untouched";
    StringSink string_sink(target);
    absl::Status status = EncodeTo(value, string_sink, {.protocol = p});
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.message().find("protocol 5"), absl::string_view::npos) << status;
    EXPECT_EQ(target, "untouched");

    char path[] = "/tmp/brine_encoder_sink_XXXXXX";
    const int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    FdSink fd_sink(fd);
    EXPECT_FALSE(EncodeTo(value, fd_sink, {.protocol = p}).ok());
    EXPECT_EQ(lseek(fd, 0, SEEK_END), 0) << "bytes reached the file at protocol " << p;
    close(fd);
    unlink(path);

    std::vector<std::string_view> buffers = {"kept"};
    EXPECT_FALSE(Encode(value, {.protocol = p, .out_of_band_buffers = &buffers}).ok());
    EXPECT_EQ(buffers.size(), 1u);
  }
}

TEST(EncoderOptionsTest, SinksReceiveTheWholePickle) {
  Heap heap;
  Builder b(heap);
  Value value = b.List({1, "two", b.Bytes(std::string(200000, 'z'))});
  absl::StatusOr<std::string> bytes = Encode(value);
  ASSERT_TRUE(bytes.ok());
  std::string via_string;
  StringSink string_sink(via_string);
  ASSERT_TRUE(EncodeTo(value, string_sink).ok());
  EXPECT_EQ(via_string, *bytes);
  std::ostringstream stream;
  OstreamSink ostream_sink(stream);
  ASSERT_TRUE(EncodeTo(value, ostream_sink).ok());
  EXPECT_EQ(stream.str(), *bytes);
}

// Records each chunk a Sink is handed, and the whole.
class RecordingSink : public Sink {
 public:
  absl::Status Write(std::string_view bytes) override {
    chunks.push_back(bytes.data());
    all.append(bytes);
    return absl::OkStatus();
  }
  std::vector<const char*> chunks;
  std::string all;
};

TEST(EncoderOptionsTest, SinksGetLargePayloadsStraightFromTheGraph) {
  Heap heap;
  Builder b(heap);
  const std::string big(3 << 20, 'b');
  Value payload = b.Bytes(big);
  Value value = b.List({1, b.Str(std::string((2 << 20) + 5, 's')), payload, "small", payload,
                        b.ByteArray(std::string((1 << 20) + 1, 'a')), b.Tuple({payload, 2})});
  for (int p = 0; p <= 5; ++p) {
    absl::StatusOr<std::string> bytes = Encode(value, {.protocol = p});
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    RecordingSink sink;
    ASSERT_TRUE(EncodeTo(value, sink, {.protocol = p}).ok());
    EXPECT_EQ(sink.all, *bytes) << "protocol " << p;
    if (p >= 3) {
      const char* payload_data = payload.as<Bytes>()->data.data();
      EXPECT_EQ(std::count(sink.chunks.begin(), sink.chunks.end(), payload_data), 1)
          << "protocol " << p << ": the payload, written once and memoized, was copied";
    }
  }
}

TEST(EncoderOptionsTest, ExtensionCodes) {
  const std::vector<std::string> expected = PythonHexLines(R"(
import collections
copyreg.add_extension('collections', 'OrderedDict', 7)
copyreg.add_extension('collections', 'Counter', 300)
copyreg.add_extension('collections', 'deque', 70000)
value = [collections.OrderedDict, collections.Counter, collections.deque, collections.OrderedDict]
for p in range(6): print(pickle.dumps(value, p).hex())
)");
  ASSERT_EQ(expected.size(), 6u);
  ExtensionRegistry extensions;
  ASSERT_TRUE(extensions.Add("collections", "OrderedDict", 7).ok());
  ASSERT_TRUE(extensions.Add("collections", "Counter", 300).ok());
  ASSERT_TRUE(extensions.Add("collections", "deque", 70000).ok());
  Heap heap;
  Builder b(heap);
  Value value = b.List({b.Global("collections", "OrderedDict"), b.Global("collections", "Counter"),
                        b.Global("collections", "deque"), b.Global("collections", "OrderedDict")});
  for (int p = 0; p < 6; ++p) {
    EXPECT_EQ(Hex(Encode(value, {.protocol = p, .extensions = &extensions})), expected[p]) << "protocol " << p;
  }
}

TEST(EncoderOptionsTest, FixImportsOff) {
  const std::vector<std::string> expected = PythonHexLines(R"(
import collections
value = [set, {1}, b'x', collections.UserDict]
for p in range(3): print(pickle.dumps(value, p, fix_imports=False).hex())
for p in range(3): print(pickle.dumps(value, p).hex())
)");
  ASSERT_EQ(expected.size(), 6u);
  Heap heap;
  Builder b(heap);
  Value value = b.List({b.Global("builtins", "set"), b.Set({1}), b.Bytes("x"), b.Global("collections", "UserDict")});
  for (int p = 0; p < 3; ++p) {
    EXPECT_EQ(Hex(Encode(value, {.protocol = p, .fix_imports = false})), expected[p]) << "protocol " << p;
    EXPECT_EQ(Hex(Encode(value, {.protocol = p})), expected[3 + p]) << "protocol " << p;
  }
}

TEST(EncoderOptionsTest, ProtocolBounds) {
  Heap heap;
  Builder b(heap);
  absl::StatusOr<std::string> highest = Encode(b.ByteArray("a"), {.protocol = -1});
  ASSERT_TRUE(highest.ok());
  EXPECT_EQ(highest->substr(0, 2), "\x80\x05");
  absl::StatusOr<std::string> too_high = Encode(Value::None(), {.protocol = 6});
  ASSERT_FALSE(too_high.ok());
  EXPECT_EQ(too_high.status().message(), "pickle protocol must be <= 5");
  absl::StatusOr<std::string> default_protocol = Encode(Value::None());
  ASSERT_TRUE(default_protocol.ok());
  EXPECT_EQ(*default_protocol, std::string("\x80\x04N.", 4));
}

// Protocols 0 and 1 write big ints as decimal text, which CPython 3.11
// limits to 4300 digits; LONG1/LONG4 at 2+ have no such limit.
TEST(EncoderOptionsTest, HugeIntsNeedProtocol2) {
  absl::StatusOr<ProcessResult> r = RunPython(R"(
import pickle
for p in range(6):
    try:
        print(pickle.dumps(10**5000, p).hex())
    except ValueError as e:
        print('error')
)");
  ASSERT_TRUE(r.ok()) << r.status();
  std::vector<std::string> expected = absl::StrSplit(r->stdout_text, '\n', absl::SkipEmpty());
  ASSERT_EQ(expected.size(), 6u);
  Heap heap;
  Builder b(heap);
  Value huge = b.Int(absl::StrCat("1", std::string(5000, '0')));
  for (int p = 0; p < 6; ++p) {
    absl::StatusOr<std::string> bytes = Encode(huge, {.protocol = p});
    if (expected[p] == "error") {
      ASSERT_FALSE(bytes.ok()) << "protocol " << p;
      EXPECT_NE(bytes.status().message().find("4300"), absl::string_view::npos) << bytes.status();
    } else {
      EXPECT_EQ(Hex(bytes), expected[p]) << "protocol " << p;
    }
  }
}

TEST(EncoderOptionsTest, NonAsciiNamesNeedProtocol3Or4) {
  Heap heap;
  Builder b(heap);
  Value global = b.Global("m\xc3\xb6" "dule", "Name");
  EXPECT_FALSE(Encode(global, {.protocol = 2}).ok());
  EXPECT_TRUE(Encode(global, {.protocol = 3}).ok());
  EXPECT_TRUE(Encode(global, {.protocol = 4}).ok());
}

// Every builtin function and type next to `int`: whether CPython shares the
// 'builtins' module string between the two decides the bytes at protocol 4.
TEST(EncoderOptionsTest, BuiltinsModuleStringIdentity) {
  absl::StatusOr<ProcessResult> r = RunPython(R"(
import builtins, pickle, types
for name in dir(builtins):
    obj = getattr(builtins, name)
    if not isinstance(obj, (type, types.BuiltinFunctionType)) or getattr(obj, '__module__', None) != 'builtins':
        continue
    if obj.__qualname__ != name:  # aliases such as IOError
        continue
    try:
        data = pickle.dumps([int, obj], 4)
    except Exception:
        continue
    print(name, data.hex())
)");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->exit_code, 0) << r->stderr_text;
  int compared = 0;
  for (absl::string_view line : absl::StrSplit(r->stdout_text, '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, ' ');
    Heap heap;
    Builder b(heap);
    Value value = b.List({b.Global("builtins", "int"), b.Global("builtins", fields[0])});
    EXPECT_EQ(Hex(Encode(value, {.protocol = 4})), fields[1]) << fields[0];
    ++compared;
  }
  EXPECT_GT(compared, 100);
}

TEST(EncoderOptionsTest, DeepNestingMatchesCPythonAndMillionLevelsDoNotOverflow) {
  const std::vector<std::string> expected = PythonHexLines(R"(
v = None
for i in range(300): v = [v, (i,)]
for p in range(6): print(pickle.dumps(v, p).hex())
)");
  ASSERT_EQ(expected.size(), 6u);
  Heap heap;
  Builder b(heap);
  Value v;
  for (int i = 0; i < 300; ++i) v = b.List({v, b.Tuple({i})});
  for (int p = 0; p < 6; ++p) EXPECT_EQ(Hex(Encode(v, {.protocol = p})), expected[p]) << "protocol " << p;

  Value deep;
  for (int i = 0; i < 1000000; ++i) deep = b.List({deep});
  absl::StatusOr<std::string> bytes = Encode(deep, {.protocol = 4});
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_GT(bytes->size(), 3000000u);
}

// An object reached again through its own reduce arguments before it can be
// memoized never finishes pickling: CPython raises RecursionError, brine
// fails with a clear error instead of looping. The test asks CPython which
// protocols fail for a list subclass holding itself (0 and 1: copyreg's
// _reconstructor gets a fresh list(self) each time).
TEST(EncoderOptionsTest, SelfReachingReduceArgumentsFailLikeCPython) {
  const std::vector<std::string> verdicts = PythonHexLines(R"(
class L(list): pass
l = L(); l.append(l)
for p in range(6):
    try: pickle.dumps(l, p); print('ok')
    except RecursionError: print('recursion')
)");
  ASSERT_EQ(verdicts.size(), 6u);
  Heap heap;
  Builder b(heap);
  Instance* instance = heap.NewInstance();
  instance->cls = heap.NewGlobal("fixtures", "L");
  instance->args = b.Tuple({});
  instance->list_items.push_back(Value::FromObject(instance));
  for (int p = 0; p < 6; ++p) {
    absl::StatusOr<std::string> bytes = Encode(Value::FromObject(instance), {.protocol = p});
    if (verdicts[p] == "ok") {
      EXPECT_TRUE(bytes.ok()) << "protocol " << p << ": " << bytes.status();
    } else {
      ASSERT_FALSE(bytes.ok()) << "protocol " << p;
      EXPECT_NE(bytes.status().message().find("recursive 'instance'"), std::string::npos) << bytes.status();
    }
  }
  // A tuple holding itself (only C++ can build one) fails at every protocol.
  Value tuple = b.Tuple({1, 2});
  tuple.as<Tuple>()->items[1] = tuple;
  for (int p = 0; p < 6; ++p) EXPECT_FALSE(Encode(tuple, {.protocol = p}).ok()) << "protocol " << p;
}

// A tuple met again while its save is open, as often as lists memoized before
// their items lie on the way back to it: t = ([t], [t]) opens t three times
// (through the first list, then the second), which CPython pickles.
TEST(EncoderOptionsTest, TupleMetAgainThroughSeveralListsAsCPythonWritesIt) {
  const std::vector<std::string> expected = PythonHexLines(R"(
first, second = [], []
t = (first, second)
first.append(t); second.append(t)
for p in range(6): print(pickle.dumps(t, p).hex())
)");
  ASSERT_EQ(expected.size(), 6u);
  Heap heap;
  Builder b(heap);
  Value first = b.List();
  Value second = b.List();
  Value tuple = b.Tuple({first, second});
  b.Append(first, tuple);
  b.Append(second, tuple);
  for (int p = 0; p < 6; ++p) EXPECT_EQ(Hex(Encode(tuple, {.protocol = p})), expected[p]) << "protocol " << p;
}

// Below protocol 2 (4 with keyword arguments) an instance with __new__
// arguments is written as copyreg.__newobj__/__newobj_ex__; the decoder
// rebuilds those into the same Instance, which re-encodes identically, and
// CPython loads the object cls.__new__(cls, *args, **kwargs).
TEST(EncoderOptionsTest, InstancesWithNewArgumentsRoundTripAtEveryProtocol) {
  Heap heap;
  Builder b(heap);
  Instance* positional = heap.NewInstance();
  positional->cls = heap.NewGlobal("fractions", "Fraction");
  positional->args = b.Tuple({1, 3});
  Instance* keywords = heap.NewInstance();
  keywords->cls = heap.NewGlobal("datetime", "timedelta");
  keywords->args = b.Tuple({});
  keywords->kwargs = b.Dict({{"days", 2}, {"seconds", 5}});
  Value root = b.List({Value::FromObject(positional), Value::FromObject(keywords)});
  for (int p = 0; p < 6; ++p) {
    absl::StatusOr<std::string> first = Encode(root, {.protocol = p});
    ASSERT_TRUE(first.ok()) << first.status();
    absl::StatusOr<Document> doc = Decode(*first);
    ASSERT_TRUE(doc.ok()) << doc.status();
    const List* items = doc->root().as<List>();
    ASSERT_EQ(items->items.size(), 2u);
    EXPECT_EQ(items->items[0].kind(), Kind::kInstance) << "protocol " << p;
    // At protocols 2 and 3 keyword arguments go through functools.partial,
    // which stays a Reduce node (and re-encodes as read).
    EXPECT_EQ(items->items[1].kind(), p == 2 || p == 3 ? Kind::kReduce : Kind::kInstance) << "protocol " << p;
    EXPECT_EQ(Hex(Encode(doc->root(), {.protocol = p})), absl::BytesToHexString(*first)) << "protocol " << p;
    absl::StatusOr<ProcessResult> loaded = RunPython(
        "import pickle, sys\nprint(pickle.loads(sys.stdin.buffer.read()))\n", {}, *first);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    EXPECT_EQ(loaded->stdout_text, "[Fraction(1, 3), datetime.timedelta(days=2, seconds=5)]\n")
        << "protocol " << p << ": " << loaded->stderr_text;
  }
}

// Values no pickle could read back are refused, not written: a GLOBAL line
// holding a newline or an empty name part, NEWOBJ of something that cannot
// be a class.
TEST(EncoderOptionsTest, UnreadableGlobalsAndNewObjOfNonClassesAreErrors) {
  Heap heap;
  Builder b(heap);
  Value newline_global = heap.NewGlobal("os\nx", "system");
  for (int p = 0; p < 4; ++p) EXPECT_FALSE(Encode(newline_global, {.protocol = p}).ok()) << "protocol " << p;
  EXPECT_TRUE(Encode(newline_global, {.protocol = 4}).ok());
  // fuzz/regressions/roundtrip-global-empty-name-part-p0: ".x" was written as
  // getattr(GLOBAL 'm' '', 'x'), and the empty GLOBAL line did not decode.
  for (auto [module, qualname] : {std::pair{"m", ".x"}, {"m", "x."}, {"m", "a..b"}, {"m", ""}, {"", "x"}}) {
    Value global = heap.NewGlobal(module, qualname);
    for (int p = 0; p < 4; ++p) {
      absl::StatusOr<std::string> bytes = Encode(global, {.protocol = p});
      ASSERT_FALSE(bytes.ok()) << module << " " << qualname << " protocol " << p;
      EXPECT_NE(bytes.status().message().find("a part of the name is empty"), std::string::npos) << bytes.status();
    }
  }

  Reduce* newobj = heap.NewReduce();
  newobj->callable = heap.NewGlobal("copyreg", "__newobj__");
  newobj->args = b.Tuple({b.Bytes(""), 1});
  for (int p = 2; p < 6; ++p) {
    absl::StatusOr<std::string> bytes = Encode(Value::FromObject(newobj), {.protocol = p});
    ASSERT_FALSE(bytes.ok()) << "protocol " << p;
    EXPECT_NE(bytes.status().message().find("has no __new__"), std::string::npos) << bytes.status();
  }
}

// Encode keeps one idle Pickler per thread between calls; these pin that
// each call still writes with its own options only, and that an Encode made
// inside another (a hook that encodes) gets a Pickler of its own.
TEST(EncoderOptionsTest, OneOffEncodesKeepNothingOfTheLastCall) {
  const std::vector<std::string> expected = PythonHexLines(R"(
import collections
value = [collections.OrderedDict, 'x']
plain = pickle.dumps(value, 2).hex()
copyreg.add_extension('collections', 'OrderedDict', 7)
print(pickle.dumps(value, 2).hex())
print(plain)
)");
  ASSERT_EQ(expected.size(), 2u);
  ExtensionRegistry extensions;
  ASSERT_TRUE(extensions.Add("collections", "OrderedDict", 7).ok());
  Heap heap;
  Builder b(heap);
  Value value = b.List({b.Global("collections", "OrderedDict"), b.Str("x")});
  EXPECT_EQ(Hex(Encode(value, {.protocol = 2})), expected[1]);
  EXPECT_EQ(Hex(Encode(value, {.protocol = 2, .extensions = &extensions})), expected[0]);
  EXPECT_EQ(Hex(Encode(value, {.protocol = 2})), expected[1]);
}

// Encodes ('inner', 'inner') (one str twice) before each outer pickle.
class EncodeInsideHooks : public EncodeHooks {
 public:
  absl::StatusOr<Value> BeforeEncode(Heap&, Value root, int protocol) const override {
    Heap heap;
    Builder b(heap);
    Value inner = b.Str("inner");
    inner_hex = Hex(Encode(b.Tuple({inner, inner}), {.protocol = protocol}));
    return root;
  }
  const ExtensionRegistry* extension_codes() const override { return nullptr; }
  mutable std::string inner_hex;
};

TEST(EncoderOptionsTest, EncodeInsideEncodeGetsItsOwnPickler) {
  const std::vector<std::string> expected = PythonHexLines(R"(
outer = 'outer'
print(pickle.dumps([outer, outer], 4).hex())
print(pickle.dumps(('inner', 'inner'), 4).hex())
)");
  ASSERT_EQ(expected.size(), 2u);
  Heap heap;
  Builder b(heap);
  Value outer = b.Str("outer");
  Value value = b.List({outer, outer});
  EncodeInsideHooks hooks;
  EXPECT_EQ(Hex(Encode(value, {.protocol = 4, .hooks = &hooks})), expected[0]);
  EXPECT_EQ(hooks.inner_hex, expected[1]);
  EXPECT_EQ(Hex(Encode(value, {.protocol = 4, .hooks = &hooks})), expected[0]);
}

}  // namespace
}  // namespace brine
