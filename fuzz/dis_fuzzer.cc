// Fuzz target: brine::Disassemble over arbitrary bytes, at the default
// indentation and at pickletools' -l 0. The disassembler must never crash,
// leak or hang on any input; errors are fine.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "brine/codec/disassembler.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int indent_level : {4, 0}) {
    std::string text;
    brine::DisassembleOptions options;
    options.indent_level = indent_level;
    absl::Status status = brine::Disassemble(input, text, options);
    (void)status;  // only its safety matters here
  }
  return 0;
}
