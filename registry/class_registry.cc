// Class definitions: validates bases, computes the MRO, looks methods up.
#include "brine/registry/class_registry.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "brine/registry/mro.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

// `__name__` of a class: the last component of its qualname.
std::string LastComponent(std::string_view qualname) {
  size_t dot = qualname.rfind('.');
  return std::string(dot == std::string_view::npos ? qualname : qualname.substr(dot + 1));
}

}  // namespace

std::string MangledName(std::string_view class_name, std::string_view name) {
  if (!name.starts_with("__") || name.ends_with("__") || name.find('.') != std::string_view::npos) {
    return std::string(name);
  }
  const size_t stripped = class_name.find_first_not_of('_');
  if (stripped == std::string_view::npos) return std::string(name);
  return absl::StrCat("_", ToAbsl(class_name.substr(stripped)), ToAbsl(name));
}

std::string ClassDef::FullName() const { return absl::StrCat(module_, ".", qualname_); }

const Method* ClassDef::OwnMethod(std::string_view name) const {
  auto it = methods_.find(std::string(name));
  return it == methods_.end() ? nullptr : &it->second;
}

ClassRegistry::ClassRegistry() {
  auto object = std::make_unique<ClassDef>();
  object->module_ = "builtins";
  object->qualname_ = "object";
  object->name_ = "object";
  object->mro_ = {object.get()};
  classes_.emplace(std::pair<std::string, std::string>("builtins", "object"), std::move(object));
}

absl::StatusOr<const ClassDef*> ClassRegistry::Define(ClassSpec spec) {
  std::pair<std::string, std::string> key(spec.module, spec.qualname);
  if (classes_.contains(key)) {
    return absl::AlreadyExistsError(
        absl::StrCat("class ", spec.module, ".", spec.qualname, " is already defined"));
  }
  auto cls = std::make_unique<ClassDef>();
  cls->module_ = std::move(spec.module);
  cls->qualname_ = std::move(spec.qualname);
  cls->name_ = LastComponent(cls->qualname_);
  if (spec.bases.empty()) spec.bases.push_back({"builtins", "object"});
  for (const ClassName& base_name : spec.bases) {
    const ClassDef* base = Find(base_name.module, base_name.qualname);
    if (base == nullptr) {
      return absl::NotFoundError(absl::StrCat("base class ", base_name.module, ".",
                                              base_name.qualname, " of ", cls->FullName(),
                                              " is not defined"));
    }
    cls->bases_.push_back(base);
  }

  // C3 over full names; display names are __name__, as in Python's messages.
  absl::flat_hash_map<std::string, const ClassDef*> by_key = {{cls->FullName(), cls.get()}};
  std::vector<std::vector<std::string>> base_mros;
  for (const ClassDef* base : cls->bases_) {
    std::vector<std::string>& keys = base_mros.emplace_back();
    for (const ClassDef* ancestor : base->mro()) {
      keys.push_back(ancestor->FullName());
      by_key[keys.back()] = ancestor;
    }
  }
  absl::StatusOr<std::vector<std::string>> mro =
      C3Linearization(cls->FullName(), base_mros, [&by_key](std::string_view key) {
        return by_key.at(std::string(key))->name();
      });
  if (!mro.ok()) return mro.status();
  for (const std::string& ancestor : *mro) cls->mro_.push_back(by_key.at(ancestor));

  for (auto& [name, method] : spec.methods) {
    cls->methods_.insert_or_assign(MangledName(cls->name(), name), std::move(method));
  }
  cls->setstate_ = std::move(spec.setstate);
  const ClassDef* defined = cls.get();
  classes_.emplace(std::move(key), std::move(cls));
  return defined;
}

const ClassDef* ClassRegistry::Find(std::string_view module, std::string_view qualname) const {
  auto it = classes_.find(std::pair<std::string, std::string>(module, qualname));
  return it == classes_.end() ? nullptr : it->second.get();
}

absl::StatusOr<ClassRegistry::FoundMethod> ClassRegistry::FindMethod(
    const ClassDef& cls, std::string_view name) const {
  std::vector<std::string> searched;
  for (const ClassDef* ancestor : cls.mro()) {
    if (const Method* method = ancestor->OwnMethod(name)) return FoundMethod{ancestor, method};
    searched.push_back(ancestor->FullName());
  }
  return absl::NotFoundError(absl::StrCat("'", cls.name(),
                                          "' object has no attribute '", std::string(name),
                                          "' (searched the MRO of ", cls.FullName(), ": ",
                                          absl::StrJoin(searched, ", "), ")"));
}

const SetState* ClassRegistry::FindSetState(const ClassDef& cls) const {
  for (const ClassDef* ancestor : cls.mro()) {
    if (const SetState* setstate = ancestor->OwnSetState()) return setstate;
  }
  return nullptr;
}

}  // namespace brine
