// Fuzz target: brine's ways of reading one pickle agree with each other.
//
// - DecodeStream over an istream gives what Decode gives: both succeed with
//   the same repr(), or both fail with the same message.
// - When Optimize accepts the pickle (pickletools.optimize: unused PUTs
//   dropped, memo renumbered, frames redone), its output decodes exactly as
//   the input does.
// Any disagreement aborts with a description, so libFuzzer records the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/codec/decoder.h"
#include "brine/codec/optimizer.h"
#include "brine/fuzz/fuzz_options.h"
#include "brine/value/repr.h"

namespace {

// What a decode came to: its repr() or error text.
std::string Outcome(const absl::StatusOr<brine::Document>& doc) {
  if (!doc.ok()) return "error: " + doc.status().ToString();
  absl::StatusOr<std::string> repr = brine::Repr(doc->root(), brine::fuzz::FuzzReprOptions());
  return repr.ok() ? "value: " + *repr : "repr error: " + repr.status().ToString();
}

void ExpectSame(std::string_view what, const std::string& expected, const std::string& actual) {
  if (expected == actual) return;
  std::fprintf(stderr, "%.*s disagrees with Decode\nDecode: ", static_cast<int>(what.size()), what.data());
  // fwrite, not %s: reprs of fuzzed data may hold NUL bytes.
  std::fwrite(expected.data(), 1, expected.size(), stderr);
  std::fputs("\nother:  ", stderr);
  std::fwrite(actual.data(), 1, actual.size(), stderr);
  std::fputc('\n', stderr);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const brine::DecodeOptions options = brine::fuzz::TightDecodeOptions();
  const std::string decoded = Outcome(brine::Decode(input, options));

  std::istringstream stream(input);
  ExpectSame("DecodeStream", decoded, Outcome(brine::DecodeStream(stream, options)));

  absl::StatusOr<std::string> optimized = brine::Optimize(input);
  if (optimized.ok() && decoded.rfind("error: ", 0) != 0) {
    ExpectSame("Decode of Optimize's output", decoded, Outcome(brine::Decode(*optimized, options)));
  }
  return 0;
}
