// The names of builtins, copyreg and _codecs (see builtin_module_names.h).
#include "brine/codec/builtin_module_names.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

constexpr BuiltinModuleName kNames[] = {
#include "brine/codec/builtin_module_names.inc"
};

// CPython's AttributeError text; copyreg's module repr would add its path.
absl::Status CannotGetAttribute(std::string_view module, std::string_view qualname) {
  return absl::NotFoundError(absl::StrCat("Can't get attribute '", ToAbsl(qualname), "' on <module '", ToAbsl(module),
                                          module == "copyreg" ? "'>" : "' (built-in)>"));
}

}  // namespace

std::span<const BuiltinModuleName> BuiltinModuleNames() { return kNames; }

bool IsBuiltinModule(std::string_view module) {
  return module == "builtins" || module == "copyreg" || module == "_codecs";
}

const BuiltinModuleName* FindBuiltinModuleName(std::string_view module, std::string_view name) {
  if (!IsBuiltinModule(module)) return nullptr;  // the table holds no other module
  using Index = absl::flat_hash_map<std::pair<std::string_view, std::string_view>, const BuiltinModuleName*>;
  static const Index* const index = [] {
    auto* built = new Index();
    for (const BuiltinModuleName& entry : kNames) built->emplace(std::pair(entry.module, entry.name), &entry);
    return built;
  }();
  const auto found = index->find(std::pair(module, name));
  return found == index->end() ? nullptr : found->second;
}

absl::Status CheckBuiltinModuleName(std::string_view module, std::string_view qualname, int protocol) {
  if (!IsBuiltinModule(module)) return absl::OkStatus();
  std::string_view first = qualname;
  if (protocol >= 4) first = qualname.substr(0, qualname.find('.'));
  if (FindBuiltinModuleName(module, first) == nullptr) return CannotGetAttribute(module, qualname);
  return absl::OkStatus();
}

}  // namespace brine
