// `brine transcode -p N IN OUT`: decode a pickle and encode it again at
// protocol N, running nothing.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "brine/cli/commands.h"
#include "brine/cli/decode_flags.h"
#include "brine/cli/input.h"
#include "brine/cli/output.h"
#include "brine/cli/output_file.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"

ABSL_FLAG(int32_t, protocol, 4, "Protocol to write, 0 to 5; a negative number means the highest (5).");
ABSL_FLAG(std::string, p, "", "Short for --protocol.");
ABSL_FLAG(bool, fix_imports, true,
          "Below protocol 3, write Python 2 names (__builtin__, copy_reg, ...) for Python 3 ones.");

namespace brine::cli {
namespace {

constexpr std::string_view kName = "transcode";

absl::StatusOr<int> ProtocolFromFlags() {
  const std::string short_form = absl::GetFlag(FLAGS_p);
  if (short_form.empty()) return absl::GetFlag(FLAGS_protocol);
  int protocol;
  if (!absl::SimpleAtoi(short_form, &protocol)) {
    return absl::InvalidArgumentError(absl::StrCat("invalid protocol '", short_form, "' (see `brine transcode --help`)"));
  }
  return protocol;
}

int RunTranscode(const std::vector<std::string>& args) {
  absl::StatusOr<int> protocol = ProtocolFromFlags();
  if (!protocol.ok()) return Fail(kName, protocol.status(), kExitUsage);
  if (*protocol > kHighestProtocol) {
    return Fail(kName, absl::InvalidArgumentError(absl::StrCat("pickle protocol must be <= ", kHighestProtocol)),
                kExitUsage);
  }
  absl::StatusOr<std::string> data = ReadInput(args[0]);
  if (!data.ok()) return Fail(kName, data.status(), kExitBadInput);
  // `data` outlives the document: its str and bytes point into it, and the
  // encoder writes large payloads from there straight to OUT.
  DecodeOptions decode_options = DecodeOptionsFromFlags();
  decode_options.borrow_input = true;
  decode_options.buffer_placeholders = true;           // written back as NEXT_BUFFER
  decode_options.keep_unregistered_extensions = true;  // written back as the same EXT opcode
  absl::StatusOr<Document> document = Decode(*data, decode_options);
  if (!document.ok()) return Fail(kName, document.status(), kExitBadInput);
  EncodeOptions options;
  options.protocol = *protocol;
  options.fix_imports = absl::GetFlag(FLAGS_fix_imports);
  options.extensions = ExtensionCodesFromFlags();
  OutputFileSink out(args[1]);
  absl::Status written = EncodeTo(document->root(), out, options);
  if (written.ok()) written = out.Close();
  if (!written.ok()) return Fail(kName, written, kExitBadInput);
  return kExitOk;
}

}  // namespace

const Command& TranscodeCommand() {
  static const Command command = {
      .name = kName,
      .summary = "Rewrite a pickle at another protocol, running nothing.",
      .usage = "brine transcode [options] -p N IN OUT",
      .help =
          "Decodes the pickle in IN (- for standard input) without importing or running\n"
          "anything it names, then writes the same objects to OUT (- for standard output)\n"
          "as CPython's pickle.dumps(obj, protocol=N) would write them: the bytes are\n"
          "CPython's own for every value CPython itself pickles. Shared and recursive\n"
          "objects stay shared and recursive. Kinds a protocol lacks are written as CPython\n"
          "writes them (sets below 4 via builtins.set, bytes below 3 via _codecs.encode).\n"
          "Out-of-band buffers (protocol 5 NEXT_BUFFER) cannot be written below protocol 5.\n"
          "An extension code (EXT1/EXT2/EXT4) not named by --extension is written back as\n"
          "the same code, from protocol 2 up.\n"
          "OUT is written only once the whole pickle is ready: on any error it is not\n"
          "created or changed.\n"
          "\n"
          "Exit status: 0 written; 1 unreadable or malformed input, a value the protocol\n"
          "cannot hold, or OUT not writable (message on standard error); 2 bad usage.\n",
      .flags = {"protocol", "p", "fix_imports", "encoding", "errors", "max_int_digits", "extension"},
      .operands = {"IN", "OUT"},
      .run = RunTranscode,
  };
  return command;
}

}  // namespace brine::cli
