// Byte identity with CPython: for every conformance case and every protocol
// N, CPython writes the pickle at N; brine decodes it and encodes the graph
// again at N; the bytes must be identical.
#include <iostream>
#include <string>

#include "absl/strings/escaping.h"
#include "brine/codec/conformance_pickles.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

std::string Dis(const std::string& pickle) {
  absl::StatusOr<ProcessResult> r = RunPython(
      "import pickletools, sys, binascii\n"
      "try:\n  pickletools.dis(binascii.unhexlify(sys.argv[1]))\n"
      "except Exception as e:\n  print('dis failed:', e)\n",
      {absl::BytesToHexString(pickle)});
  return r.ok() ? r->stdout_text.substr(0, 3000) : std::string(r.status().message());
}

TEST(EncoderRoundTripTest, DecodeThenEncodeGivesCPythonsBytes) {
  absl::StatusOr<std::vector<ConformancePickle>> pickles = LoadConformancePickles();
  ASSERT_TRUE(pickles.ok()) << pickles.status();
  int compared = 0, identical = 0;
  for (const ConformancePickle& p : *pickles) {
    if (p.protocol < 0) continue;  // hand-written pickles are not CPython's output
    ++compared;
    absl::StatusOr<Document> doc = Decode(p.data);
    if (!doc.ok()) {
      ADD_FAILURE() << p.name << " protocol " << p.protocol << ": decode failed: " << doc.status();
      continue;
    }
    absl::StatusOr<std::string> bytes = Encode(doc->root(), {.protocol = p.protocol});
    if (!bytes.ok()) {
      ADD_FAILURE() << p.name << " protocol " << p.protocol << ": encode failed: " << bytes.status();
      continue;
    }
    if (*bytes == p.data) {
      ++identical;
    } else {
      ADD_FAILURE() << p.name << " protocol " << p.protocol << "\nbrine:\n"
                    << Dis(*bytes) << "\nCPython:\n"
                    << Dis(p.data);
    }
  }
  std::cout << identical << " of " << compared << " conformance pickles re-encoded byte-identical\n";
  EXPECT_GT(compared, 1000);
}

}  // namespace
}  // namespace brine
