// What each opcode pops from and pushes onto the unpickling stack, as
// pickletools' `stack_before` / `stack_after` lists say it: the disassembler
// and the scanner emulate the stack with these, as pickletools.dis does.
//
// Items are named as pickletools names its StackObjects ("any", "int",
// "list", ...); "mark" is the markobject and "stackslice" stands for
// everything above the topmost mark.
#ifndef BRINE_CODEC_STACK_EFFECTS_H_
#define BRINE_CODEC_STACK_EFFECTS_H_

#include <span>
#include <string_view>

#include "brine/codec/opcodes.h"

namespace brine {

inline constexpr std::string_view kMarkItem = "mark";
inline constexpr std::string_view kStackSliceItem = "stackslice";

struct StackEffect {
  // Items the opcode consumes, bottom first.
  std::span<const std::string_view> before;
  // Items it leaves in their place, bottom first.
  std::span<const std::string_view> after;
};

// The stack effect of `op`.
StackEffect StackEffectOf(Op op);

}  // namespace brine

#endif  // BRINE_CODEC_STACK_EFFECTS_H_
