// Pickles on which brine once disagreed with CPython 3.11's pickle.loads
// (found by fuzz/differential.py): each is decoded by both, and brine must
// print what repr(pickle.loads(data)) prints, or fail where CPython raises,
// with CPython's message in its own.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/codec/decoder.h"
#include "brine/tests/python_runner.h"
#include "brine/value/repr.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

using std::string_literals::operator""s;

// For each hex pickle on standard input, one line: "ok <repr>" or
// "error <message>", loaded by the function sys.argv[1] names.
constexpr char kLoadEach[] = R"(
import pickle, sys
loads = getattr(pickle, sys.argv[1])
for line in sys.stdin.read().split():
    try:
        print('ok', repr(loads(bytes.fromhex(line))))
    except Exception as e:
        print('error', str(e).replace('\n', ' '))
)";

// `loads` is pickle.loads (CPython's C unpickler) unless a case needs the
// pure-Python one, pickle._loads.
std::vector<std::string> CPythonOutcomes(const std::vector<std::string>& pickles, const std::string& loads = "loads") {
  std::vector<std::string> hex;
  for (const std::string& data : pickles) hex.push_back(absl::BytesToHexString(data));
  absl::StatusOr<std::string> out = RunPythonStdout(kLoadEach, {loads}, absl::StrJoin(hex, "\n"));
  EXPECT_TRUE(out.ok()) << out.status();
  if (!out.ok()) return {};
  return absl::StrSplit(*out, '\n', absl::SkipEmpty());
}

std::string BrineOutcome(const std::string& data, const DecodeOptions& options) {
  absl::StatusOr<Document> document = Decode(data, options);
  if (!document.ok()) return absl::StrCat("error ", document.status().message());
  absl::StatusOr<std::string> text = Repr(document->root());
  return text.ok() ? absl::StrCat("ok ", *text) : absl::StrCat("repr failed: ", text.status().message());
}

// CPython's message as brine words it: brine names the opcode before the
// offset ("NEWOBJ at offset 9: class argument ...", not "NEWOBJ class
// argument ..."), and a module's repr without its path.
std::string ComparableMessage(std::string message) {
  const size_t space = message.find(' ');
  if (space != std::string::npos && space > 0 &&
      std::all_of(message.begin(), message.begin() + space, [](char c) { return absl::ascii_isupper(c) || c == '_'; })) {
    message.erase(0, space + 1);
  }
  if (const size_t path = message.find("' from '"); path != std::string::npos) message.erase(path + 1);
  return message;
}

// brine agrees with CPython on every pickle: the same repr, or an error
// whose message holds CPython's.
void ExpectAgreement(const std::vector<std::string>& pickles, const DecodeOptions& options = {},
                     const std::string& loads = "loads") {
  std::vector<std::string> expected = CPythonOutcomes(pickles, loads);
  ASSERT_EQ(expected.size(), pickles.size());
  for (size_t i = 0; i < pickles.size(); ++i) {
    const std::string got = BrineOutcome(pickles[i], options);
    const std::string where = absl::CHexEscape(pickles[i]);
    if (absl::StartsWith(expected[i], "ok ")) {
      EXPECT_EQ(got, expected[i]) << where;
    } else {
      EXPECT_TRUE(absl::StartsWith(got, "error ")) << where << ": CPython " << expected[i] << ", brine " << got;
      EXPECT_TRUE(absl::StrContains(got, ComparableMessage(expected[i].substr(6))))
          << where << ": CPython " << expected[i] << ", brine " << got;
    }
  }
}

TEST(DecoderAgreementTest, Python2NamesOnlyBelowProtocol3) {
  // CPython maps __builtin__ and copy_reg only below protocol 3 (and before
  // any PROTO, at its default protocol 0); at 3 and up they are unknown
  // modules, kept by brine as names.
  ExpectAgreement({
      "c__builtin__\nset\n(]K\x01" "atR."s,
      "\x80\x02" "c__builtin__\nset\n(]K\x01" "atR."s,
      "\x80\x02" "c__builtin__\nfrozenset\n(]K\x01" "atR."s,
      "\x80\x02" "c__builtin__\nbytearray\n)R."s,
  });
  for (const std::string& data : {"\x80\x03" "c__builtin__\nset\n(]K\x01" "atR."s,
                                  "\x80\x04\x8c\x0b__builtin__\x8c\x03set\x93(]K\x01" "atR."s,
                                  "\x80\x03" "ccopy_reg\n_reconstructor\n."s}) {
    EXPECT_EQ(BrineOutcome(data, {}).substr(0, 3), "ok ") << absl::CHexEscape(data);
    EXPECT_FALSE(absl::StrContains(BrineOutcome(data, {}), "builtins.")) << absl::CHexEscape(data);
  }
}

TEST(DecoderAgreementTest, EmptyOrNonAsciiGlobalLinesAreRefused) {
  ExpectAgreement({
      "c\nlist\n."s, "cbuiltins\n\n."s, "c\n\n."s, "(i\nlist\n."s, "(ibuiltins\n\n."s,
      "(ibuilt\xc3\xa9ins\nlist\n."s, "(ibuiltins\nl\xc3\xa9st\n."s,  // INST's lines are ASCII
      "(i\nl\xc3\xa9st\n."s,
  });
}

// APPENDS, SETITEMS and ADDITEMS with nothing above the MARK do nothing,
// whatever is below it (found by the differential run: `_codecs.encode`
// followed by an empty APPENDS).
TEST(DecoderAgreementTest, EmptyBatchesDoNothingToAnyTarget) {
  ExpectAgreement({
      "K\x01(e."s, "K\x01(u."s, "](u."s, "](\x90."s, "\x80\x04K\x01(\x90."s, "}(e."s, "](K\x01u."s,
  });
  // brine prints the function by name, CPython as <built-in function encode>.
  EXPECT_EQ(BrineOutcome("c_codecs\nencode\n(e."s, {}), "ok _codecs.encode");
}

TEST(DecoderAgreementTest, NamesOfBuiltinModules) {
  ExpectAgreement({
      "cbuiltins\nno_such_name\n."s,
      "ccopyreg\nno_such_name\n."s,
      "c_codecs\nno_such_name\n."s,
      "\x80\x02" "cbuiltins\nlist.append\n."s,           // dotted: only from protocol 4
      "\x80\x04" "cbuiltins\nno_such_name.append\n."s,
      "\x80\x04" "cbuiltins\nlen\n)\x81."s,                // NEWOBJ of a function
      "\x80\x04" "cbuiltins\nlen\n)}\x92."s,               // NEWOBJ_EX of a function
      "\x80\x02" "ccopyreg\n__doc__\n)R."s,                // REDUCE of data
  });
}

TEST(DecoderAgreementTest, ObjCallsWhatItIsGiven) {
  // OBJ calls its class argument (len([]) is 0 in CPython), so a function is
  // not refused there as NEWOBJ refuses it; brine keeps the call.
  const std::string data = "\x80\x02((" "cbuiltins\nlen\n]o."s;
  ASSERT_EQ(CPythonOutcomes({data}), std::vector<std::string>{"ok 0"});
  EXPECT_EQ(BrineOutcome(data, {}).substr(0, 3), "ok ");
}

TEST(DecoderAgreementTest, BuiltinCallsBrineKnows) {
  ExpectAgreement({
      "\x80\x02" "cbuiltins\nlist\n(K\x01K\x02t\x81."s,
      "\x80\x02" "cbuiltins\ndict\n)\x81."s,
      "\x80\x02" "cbuiltins\nset\n(K\x01t\x81."s,
      "\x80\x02" "cbuiltins\nbytearray\n(K\x05t\x81."s,
      "\x80\x02" "cbuiltins\ntuple\n(]K\x01" "at\x81."s,
      "\x80\x02" "cbuiltins\ntuple\n(]]t\x81."s,
      "\x80\x02" "cbuiltins\nfrozenset\n(]K\x01" "at\x81."s,
      "\x80\x02" "cbuiltins\nstr\n)\x81."s,
      "\x80\x02" "cbuiltins\nint\n)\x81."s,
      "\x80\x02" "cbuiltins\nfloat\n)\x81."s,
      "\x80\x02" "cbuiltins\ncomplex\n)\x81."s,
      "\x80\x02" "cbuiltins\nbytes\n)\x81."s,
      "\x80\x04" "cbuiltins\nlist\n(K\x01t}\x92."s,              // NEWOBJ_EX, no keywords
      "\x80\x04" "cbuiltins\ntuple\n(]K\x02" "at}\x92."s,
      "\x80\x02" "cbuiltins\nfloat\n)R."s,                      // a type called with nothing
      "\x80\x02" "cbuiltins\ndict\n)R."s,
      "\x80\x02" "cbuiltins\ntuple\n)R."s,
      "\x80\x02" "cbuiltins\nstr\n)R."s,
      "\x80\x02" "c_codecs\nencode\nX\x04\x00\x00\x00" "ab\xc3\xa9\x85R."s,
      "\x80\x02" "c_codecs\nencode\nX\x03\x00\x00\x00\xed\xa0\x80\x85R."s,  // a lone surrogate
      "\x80\x02" "cbuiltins\nset\n(K\x01K\x02tR."s,
      "\x80\x02" "cbuiltins\nfrozenset\n(K\x01K\x02tR."s,
      "\x80\x02" "cbuiltins\nset\n(K\x01K\x02\x86tR."s,
  });
}

TEST(DecoderAgreementTest, NaNIsFoundByIdentity) {
  const std::string nan = "G\x7f\xf8\x00\x00\x00\x00\x00\x00"s;
  ExpectAgreement({
      "\x80\x04}(" + nan + "\x94K\x01h\x00K\x02u.",             // the same NaN twice: one key
      "\x80\x04}(" + nan + "K\x01" + nan + "K\x02u.",            // two NaNs: two keys
      "\x80\x04\x8f(" + nan + "\x94h\x00\x90.",                 // one set element
      "\x80\x04\x8f(" + nan + "\x94\x85h\x00\x85\x90.",         // two tuples holding it: one element
      "\x80\x04}(" + nan + "\x85K\x01" + nan + "\x85K\x02u.",     // two tuples of two NaNs: two keys
      "\x80\x04}(Fnan\n\x94\x85K\x01h\x00\x85K\x02u.",            // FLOAT too
  });
}

TEST(DecoderAgreementTest, AnyMemoKey) {
  // Python's memo is a dict and takes any key LONG_BINPUT can write; brine
  // keeps a far key as one sparse entry. The oracle is the pure-Python
  // unpickler: CPython 3.11's C unpickler grows an array to twice the key
  // (64 GiB for 0xFFFFFFFF) and fails with MemoryError where that is more
  // than the machine has.
  ExpectAgreement({
      "\x80\x02]r\xff\xff\xff\xff" "0j\xff\xff\xff\xff."s,               // put, pop, get
      "\x80\x02]r\xff\xff\xff\xffj\xff\xff\xff\xff\x86."s,               // the list twice
      "\x80\x02K\x01r\xff\xff\xff\xffK\x02r\x00\x00\x00\x80j\xff\xff\xff\xff\x87."s,  // and another
  }, {}, "_loads");
}

TEST(DecoderAgreementTest, NextBufferWithoutBuffers) {
  ExpectAgreement({"\x80\x05\x97."s, "\x80\x05\x97\x98."s});
  DecodeOptions placeholders;
  placeholders.buffer_placeholders = true;
  absl::StatusOr<Document> document = Decode("\x80\x05\x97."s, placeholders);
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->root().kind(), Kind::kBuffer);
}

}  // namespace
}  // namespace brine
