// VisitOpcodes (see opcode_visitor.h): ReadInstruction in a loop up to STOP.
#include "brine/codec/opcode_visitor.h"

namespace brine {

absl::StatusOr<size_t> VisitOpcodes(std::string_view data, OpcodeHandler& handler, size_t start) {
  size_t offset = start;
  while (true) {
    absl::StatusOr<Instruction> instruction = ReadInstruction(data, offset);
    if (!instruction.ok()) return instruction.status();
    absl::Status handled = handler.OnInstruction(*instruction);
    if (!handled.ok()) return handled;
    offset = instruction->end;
    if (instruction->info->op == Op::kStop) return offset;
  }
}

}  // namespace brine
