// copyreg.add_extension / remove_extension, with CPython's checks in CPython's
// order and its ValueError messages (keys shown as Python reprs of tuples).
#include "brine/codec/extension_codes.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

constexpr int64_t kMinCode = 1;
constexpr int64_t kMaxCode = 0x7fffffff;

std::string KeyRepr(std::string_view module, std::string_view name) {
  return absl::StrCat("(", ReprStr(module), ", ", ReprStr(name), ")");
}

}  // namespace

absl::Status ExtensionRegistry::Add(std::string_view module, std::string_view name,
                                    int64_t code) {
  if (code < kMinCode || code > kMaxCode) {
    return absl::InvalidArgumentError("code out of range");
  }
  std::pair<std::string, std::string> key(module, name);
  auto by_name = by_name_.find(key);
  auto by_code = by_code_.find(code);
  if (by_name != by_name_.end() && by_name->second == code && by_code != by_code_.end() &&
      by_code->second == key) {
    return absl::OkStatus();  // Redundant registrations are benign, as in copyreg.
  }
  if (by_name != by_name_.end()) {
    return absl::InvalidArgumentError(absl::StrCat("key ", KeyRepr(module, name),
                                                   " is already registered with code ",
                                                   by_name->second));
  }
  if (by_code != by_code_.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("code ", code, " is already in use for key ",
                     KeyRepr(by_code->second.first, by_code->second.second)));
  }
  by_name_.emplace(key, code);
  by_code_.emplace(code, std::move(key));
  return absl::OkStatus();
}

absl::Status ExtensionRegistry::Remove(std::string_view module, std::string_view name,
                                       int64_t code) {
  std::pair<std::string, std::string> key(module, name);
  auto by_name = by_name_.find(key);
  auto by_code = by_code_.find(code);
  if (by_name == by_name_.end() || by_name->second != code || by_code == by_code_.end() ||
      by_code->second != key) {
    return absl::InvalidArgumentError(absl::StrCat("key ", KeyRepr(module, name),
                                                   " is not registered with code ", code));
  }
  by_name_.erase(by_name);
  by_code_.erase(by_code);
  return absl::OkStatus();
}

std::optional<QualifiedName> ExtensionRegistry::Lookup(int64_t code) const {
  auto it = by_code_.find(code);
  if (it == by_code_.end()) return std::nullopt;
  return QualifiedName{it->second.first, it->second.second};
}

std::optional<int64_t> ExtensionRegistry::CodeOf(std::string_view module,
                                                 std::string_view name) const {
  auto it = by_name_.find(std::pair<std::string, std::string>(module, name));
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

}  // namespace brine
