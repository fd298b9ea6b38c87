// Registry: the built-in reconstructor sets (adding, switching, lookup).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "brine/registry/default_sets.h"
#include "brine/registry/registry.h"

namespace brine {

Registry::Registry() {
  for (ReconstructorSet& set : DefaultReconstructorSets()) {
    absl::Status added = AddReconstructorSet(std::move(set));
    (void)added;  // the default sets have distinct names (default_sets_test)
  }
}

absl::Status Registry::AddReconstructorSet(ReconstructorSet set) {
  for (const InstalledSet& installed : sets_) {
    if (installed.set.name == set.name) {
      return absl::AlreadyExistsError(
          absl::StrCat("a reconstructor set named '", set.name, "' is already added"));
    }
  }
  for (const SetReconstructor& entry : set.reconstructors) {
    if (set_names_.contains(NameKey(entry.module, entry.qualname))) {
      return absl::AlreadyExistsError(absl::StrCat("reconstructor set '", set.name, "': ",
                                                   entry.module, ".", entry.qualname,
                                                   " is already rebuilt by another set"));
    }
  }
  const size_t index = sets_.size();
  for (size_t i = 0; i < set.reconstructors.size(); ++i) {
    const SetReconstructor& entry = set.reconstructors[i];
    set_names_[NameKey(entry.module, entry.qualname)] = SetEntry(index, i);
  }
  for (size_t i = 0; i < set.reducers.size(); ++i) {
    set_reducers_.try_emplace(set.reducers[i].native_tag, SetEntry(index, i));
  }
  sets_.push_back({std::move(set), SetMode::kDefault});
  return absl::OkStatus();
}

absl::Status Registry::SetReconstructorSetMode(std::string_view name, SetMode mode) {
  for (InstalledSet& installed : sets_) {
    if (installed.set.name == name) {
      installed.mode = mode;
      return absl::OkStatus();
    }
  }
  return absl::NotFoundError(absl::StrCat("no reconstructor set named '", std::string(name), "'"));
}

bool Registry::ReconstructorSetActive(std::string_view name) const {
  for (const InstalledSet& installed : sets_) {
    if (installed.set.name == name) return SetActive(installed);
  }
  return false;
}

std::vector<const ReconstructorSet*> Registry::reconstructor_sets() const {
  std::vector<const ReconstructorSet*> sets;
  for (const InstalledSet& installed : sets_) sets.push_back(&installed.set);
  return sets;
}

bool Registry::SetActive(const InstalledSet& installed) const {
  switch (installed.mode) {
    case SetMode::kOn: return true;
    case SetMode::kOff: return false;
    case SetMode::kDefault: return !RestrictsGlobalNames();
  }
  return false;
}

const SetRebuild* Registry::FindSetRebuild(std::string_view module,
                                           std::string_view qualname) const {
  if (sets_.empty()) return nullptr;
  auto found = set_names_.find(NameKey(module, qualname));
  if (found == set_names_.end()) return nullptr;
  const InstalledSet& installed = sets_[found->second.first];
  if (!SetActive(installed)) return nullptr;
  return &installed.set.reconstructors[found->second.second].rebuild;
}

const NativeReducer* Registry::FindSetReducer(const void* native_tag) const {
  auto found = set_reducers_.find(native_tag);
  if (found == set_reducers_.end()) return nullptr;
  return &sets_[found->second.first].set.reducers[found->second.second].reduce;
}

}  // namespace brine
