// The three policies for unregistered global names.
#include "brine/registry/policy.h"

#include "absl/strings/str_cat.h"

namespace brine {

GlobalPolicy::GlobalPolicy(Mode mode, std::vector<Name> allowed) : mode_(mode) {
  for (Name& name : allowed) allowed_.emplace(std::move(name.module), std::move(name.qualname));
}

absl::Status GlobalPolicy::Check(std::string_view module, std::string_view qualname) const {
  std::pair<std::string, std::string> key(module, qualname);
  switch (mode_) {
    case Mode::kKeepOpaque:
      return absl::OkStatus();
    case Mode::kRefuse:
      break;
    case Mode::kAllowList:
      if (allowed_.contains(key) || allowed_.contains({key.first, "*"})) return absl::OkStatus();
      break;
  }
  return absl::PermissionDeniedError(absl::StrCat(
      "global '", key.first, ".", key.second, "' is forbidden (",
      mode_ == Mode::kRefuse ? "strict policy: nothing registered it"
                             : "not registered and not in the allow list",
      ")"));
}

}  // namespace brine
