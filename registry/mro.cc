// C3 merge in the order CPython's mro_implementation (Objects/typeobject.c)
// runs it, so the error lists the same blocked heads in the same order.
#include "brine/registry/mro.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace brine {
namespace {

// True when `candidate` appears in `sequence` after position `head`.
bool InTail(const std::vector<std::string>& sequence, size_t head, const std::string& candidate) {
  return std::find(sequence.begin() + std::min(head + 1, sequence.size()), sequence.end(),
                   candidate) != sequence.end();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> C3Linearization(
    std::string_view cls, std::span<const std::vector<std::string>> base_mros,
    const std::function<std::string(std::string_view)>& display_name) {
  std::vector<std::string> bases;
  for (const std::vector<std::string>& mro : base_mros) {
    if (mro.empty()) return absl::InvalidArgumentError("a base class has an empty MRO");
    if (std::find(bases.begin(), bases.end(), mro.front()) != bases.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("duplicate base class ", display_name(mro.front())));
    }
    bases.push_back(mro.front());
  }
  std::vector<std::string> result = {std::string(cls)};
  if (base_mros.size() == 1) {  // CPython's single-inheritance shortcut
    result.insert(result.end(), base_mros[0].begin(), base_mros[0].end());
    return result;
  }

  std::vector<const std::vector<std::string>*> to_merge;
  for (const std::vector<std::string>& mro : base_mros) to_merge.push_back(&mro);
  to_merge.push_back(&bases);
  std::vector<size_t> heads(to_merge.size(), 0);

  while (true) {
    size_t exhausted = 0;
    bool advanced = false;
    for (size_t i = 0; i < to_merge.size() && !advanced; ++i) {
      if (heads[i] >= to_merge[i]->size()) {
        ++exhausted;
        continue;
      }
      const std::string& candidate = (*to_merge[i])[heads[i]];
      bool blocked = false;
      for (size_t j = 0; j < to_merge.size() && !blocked; ++j) {
        blocked = InTail(*to_merge[j], heads[j], candidate);
      }
      if (blocked) continue;
      result.push_back(candidate);
      for (size_t j = 0; j < to_merge.size(); ++j) {
        if (heads[j] < to_merge[j]->size() && (*to_merge[j])[heads[j]] == result.back()) {
          ++heads[j];
        }
      }
      advanced = true;
    }
    if (advanced) continue;
    if (exhausted == to_merge.size()) return result;
    // Blocked: name each remaining head once, in merge order.
    std::vector<std::string> blocked_heads;
    for (size_t i = 0; i < to_merge.size(); ++i) {
      if (heads[i] >= to_merge[i]->size()) continue;
      const std::string& head = (*to_merge[i])[heads[i]];
      if (std::find(blocked_heads.begin(), blocked_heads.end(), head) == blocked_heads.end()) {
        blocked_heads.push_back(head);
      }
    }
    std::vector<std::string> names;
    for (const std::string& head : blocked_heads) names.push_back(display_name(head));
    return absl::InvalidArgumentError(
        absl::StrCat("Cannot create a consistent method resolution\norder (MRO) for bases ",
                     absl::StrJoin(names, ", ")));
  }
}

}  // namespace brine
