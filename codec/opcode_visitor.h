// Event-style walking of a pickle: the opcode reader produces one Instruction
// per opcode and hands it to a handler, RapidJSON-style, so tools that need
// only the opcode stream (the disassembler, the scanner) never build values.
//
//   class CountGlobals : public brine::OpcodeHandler {
//    public:
//     absl::Status OnInstruction(const brine::Instruction& in) override {
//       if (in.info->op == brine::Op::kGlobal) ++count;
//       return absl::OkStatus();
//     }
//     int count = 0;
//   };
//   CountGlobals counter;
//   absl::StatusOr<size_t> end = brine::VisitOpcodes(data, counter);
#ifndef BRINE_CODEC_OPCODE_VISITOR_H_
#define BRINE_CODEC_OPCODE_VISITOR_H_

#include <cstddef>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/codec/opcode_reader.h"

namespace brine {

class OpcodeHandler {
 public:
  virtual ~OpcodeHandler() = default;
  // Called for each opcode in stream order, STOP included. A non-OK status
  // ends the walk and is what VisitOpcodes returns.
  virtual absl::Status OnInstruction(const Instruction& instruction) = 0;
};

// Reads `data` from offset `start` through the first STOP opcode, handing each
// opcode to `handler`, and returns the offset just past STOP; bytes after it
// are not read, as pickletools.genops does not read them. Fails with the
// reader's error (unknown opcode, truncated argument, no STOP before the end)
// or the handler's; the handler has then seen every opcode before the failing
// one.
absl::StatusOr<size_t> VisitOpcodes(std::string_view data, OpcodeHandler& handler, size_t start = 0);

}  // namespace brine

#endif  // BRINE_CODEC_OPCODE_VISITOR_H_
