// OpenContainers (see open_containers.h).
#include "brine/value/open_containers.h"

namespace brine {

OpenContainers::Entry OpenContainers::Enter(const Object* object) {
  auto [it, inserted] = states_.try_emplace(object);
  State& state = it->second;
  if (!inserted) {
    if (state.open) {
      ++cycles_;
      return kCycle;
    }
    if (state.kept >= 0) {
      output_.Append(kept_[state.kept]);
      return kCopied;
    }
    if (state.length <= kMaxKeptBytes && kept_bytes_ + state.length <= kKeptBudgetBytes) {
      state.keeping = true;
      output_.Hold();
    }
  }
  state.open = true;
  state.start = output_.size();
  state.cycles_at_entry = cycles_;
  return kEntered;
}

void OpenContainers::Leave(const Object* object) {
  auto it = states_.find(object);
  if (it == states_.end()) return;
  State& state = it->second;
  const uint64_t length = output_.size() - state.start;
  const bool context_free = cycles_ == state.cycles_at_entry;
  state.open = false;
  if (state.keeping) {
    state.keeping = false;
    const std::string& buffer = output_.buffer();
    if (context_free && length <= buffer.size()) {
      state.kept = static_cast<int32_t>(kept_.size());
      kept_.push_back(buffer.substr(buffer.size() - length));
      kept_bytes_ += length;
    }
    output_.Release();
    if (state.kept >= 0) return;
  }
  if (context_free && length >= kMinNotedBytes) {
    state.length = length;
  } else {
    states_.erase(it);
  }
}

}  // namespace brine
