// The disassembler: the text `python3 -m pickletools FILE` prints for a pickle,
// byte for byte.
//
//   std::string text;
//   absl::Status status = brine::Disassemble(pickle_bytes, text);
//   std::cout << text;               // printed even when status is an error
//   if (!status.ok()) std::cerr << status.message() << "\n";
//
// Like pickletools.dis, it reads from the first byte through the first STOP
// (bytes after STOP are not read), prints one line per opcode
// ("%5d: %-4s %s%s": offset, opcode byte, indentation per open MARK, name,
// argument), then "highest protocol among opcodes = N". While printing it
// emulates the unpickling stack and memo and fails where pickletools raises
// ValueError: a memo key stored twice or read before it was stored, a PUT with
// an empty stack or a mark on top, an opcode needing a MARK when none is open,
// popping more items than the stack holds, or items left on the stack after
// STOP. For those errors the offending opcode's line is printed first, as
// pickletools prints it before raising; for errors in reading an opcode
// (unknown byte, truncated argument, unparsable text) nothing is printed for
// it.
//
// It never builds values and never recurses, so any depth is fine; an open
// MARK costs `indent_level` bytes on every later line, as in pickletools,
// which is why the text has a length limit.
#ifndef BRINE_CODEC_DISASSEMBLER_H_
#define BRINE_CODEC_DISASSEMBLER_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "brine/value/repr.h"
#include "brine/value/text_output.h"

namespace brine {

struct DisassembleOptions {
  // Blanks by which each open MARK indents later lines (pickletools -l).
  int indent_level = 4;
  // Longest text produced, in bytes; 0 means no limit. The text is quadratic
  // in MARK depth (300 KB of MARKs would indent to 180 GB), so past the limit
  // the disassembly stops with ResourceExhausted after exactly this many bytes.
  size_t max_output_bytes = kDefaultMaxReprBytes;
};

// Appends the disassembly of the pickle at the start of `data` to `out`.
// On error `out` holds exactly what pickletools prints before raising (which
// may end in an unfinished line), and the status carries its message
// prefixed with the opcode name and offset.
absl::Status Disassemble(std::string_view data, std::string& out, const DisassembleOptions& options = {});

// The same text, handed to `flush` in chunks of about 64 KiB as it is produced
// (value/text_output.h), so memory stays bounded; what was flushed before an
// error stays flushed.
absl::Status Disassemble(std::string_view data, TextOutput::Flush flush, const DisassembleOptions& options = {});

}  // namespace brine

#endif  // BRINE_CODEC_DISASSEMBLER_H_
