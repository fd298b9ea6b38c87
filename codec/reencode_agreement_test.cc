// Decoding a CPython pickle and encoding the result again at the same
// protocol gives the bytes CPython's own pickle.dumps(pickle.loads(data))
// gives: the identities the decoder creates (fresh one-byte bytes, shared
// objects) are the ones CPython's unpickler creates.
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

// For each (expression, protocol): the hex of pickle.dumps(value, protocol)
// and of pickle.dumps(pickle.loads(that), protocol), one pair per line.
constexpr char kDumpTwice[] = R"py(
import pickle, sys
cases = [
    ("[b'a', bytearray(b'a')]", 3), ("[b'a', bytearray(b'a')]", 4), ("[b'a', bytearray(b'a')]", 2),
    ("[b'a', b'a', bytearray(b'a')]", 4), ("(b'\\x00', [bytearray(b'\\x00'), b'\\x00'])", 3),
    ("[b'', bytearray(b''), 'a', 'a']", 4), ("[b'ab', bytearray(b'ab')]", 4),
    ("[b'a', b'a'.decode().encode(), bytearray(b'a')]", 2), ("[bytes([97]), bytes([97])]", 1),
]
for expression, protocol in cases:
    data = pickle.dumps(eval(expression), protocol)
    print(protocol, data.hex(), pickle.dumps(pickle.loads(data), protocol).hex())
)py";

TEST(ReencodeAgreementTest, LoadsThenDumpsGivesCPythonsBytes) {
  absl::StatusOr<std::string> cases = RunPythonStdout(kDumpTwice);
  ASSERT_TRUE(cases.ok()) << cases.status();
  int checked = 0;
  for (absl::string_view line : absl::StrSplit(*cases, '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, ' ');
    ASSERT_EQ(fields.size(), 3u);
    const std::string input = absl::HexStringToBytes(fields[1]);
    absl::StatusOr<Document> document = Decode(input);
    ASSERT_TRUE(document.ok()) << document.status();
    absl::StatusOr<std::string> again = Encode(document->root(), {.protocol = std::stoi(fields[0])});
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(absl::BytesToHexString(*again), fields[2]) << "protocol " << fields[0] << ", input " << fields[1];
    ++checked;
  }
  EXPECT_EQ(checked, 9);
}

}  // namespace
}  // namespace brine
