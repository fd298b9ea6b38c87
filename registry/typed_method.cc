// The messages of typed methods' call errors (see typed_method.h).
#include "brine/registry/typed_method.h"

namespace brine::typed_method_internal {
namespace {

// "Square.scaled()", as Python's TypeErrors name a method.
std::string FunctionName(const MethodCall& call) {
  return absl::StrCat(call.owner.qualname(), ".", std::string(call.name), "()");
}

}  // namespace

absl::Status ArgumentCountError(const MethodCall& call, size_t expected, size_t given) {
  const size_t takes = expected + 1, passed = given + 1;  // Python counts self in both
  return absl::InvalidArgumentError(absl::StrCat(FunctionName(call), " takes ", takes,
                                                 " positional argument", takes == 1 ? "" : "s",
                                                 " but ", passed, passed == 1 ? " was" : " were",
                                                 " given"));
}

absl::Status ConversionError(const MethodCall& call, std::string_view what,
                             const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(FunctionName(call), " ", std::string(what), ": ",
                                                  status.message()));
}

}  // namespace brine::typed_method_internal
