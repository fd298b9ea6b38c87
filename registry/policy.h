// What the decoder does with a global name (module, qualname) that nothing in
// the registry claims: keep it as an opaque reference that re-encodes exactly
// (the default), refuse it (strict), or allow only a given list.
//
//   brine::GlobalPolicy policy = brine::GlobalPolicy::AllowOnly(
//       {{"collections", "OrderedDict"}, {"numpy", "*"}});
//   policy.Check("os", "system");  // PermissionDenied: global 'os.system' is forbidden ...
#ifndef BRINE_REGISTRY_POLICY_H_
#define BRINE_REGISTRY_POLICY_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"

namespace brine {

class GlobalPolicy {
 public:
  enum class Mode {
    kKeepOpaque,  // unregistered names stay Global/Reduce/Instance nodes
    kRefuse,      // any unregistered name is an error
    kAllowList,   // unregistered names on the list stay opaque, others are errors
  };
  struct Name {
    std::string module;
    std::string qualname;  // "*" allows every name of the module
  };

  // The default.
  static GlobalPolicy KeepOpaque() { return GlobalPolicy(Mode::kKeepOpaque, {}); }
  static GlobalPolicy Strict() { return GlobalPolicy(Mode::kRefuse, {}); }
  static GlobalPolicy AllowOnly(std::vector<Name> allowed) {
    return GlobalPolicy(Mode::kAllowList, std::move(allowed));
  }
  GlobalPolicy() : GlobalPolicy(Mode::kKeepOpaque, {}) {}

  Mode mode() const { return mode_; }
  // OK when an unregistered `module.qualname` may stay in a decoded value;
  // otherwise PermissionDenied, "global 'os.system' is forbidden (...)".
  absl::Status Check(std::string_view module, std::string_view qualname) const;

 private:
  GlobalPolicy(Mode mode, std::vector<Name> allowed);
  Mode mode_;
  absl::flat_hash_set<std::pair<std::string, std::string>> allowed_;
};

}  // namespace brine

#endif  // BRINE_REGISTRY_POLICY_H_
