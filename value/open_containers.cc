// OpenContainers (see open_containers.h).
#include "brine/value/open_containers.h"

#include <algorithm>

namespace brine {

OpenContainers::State& OpenContainers::StateOf(const Object* object) {
  const uint32_t id = object->id;
  if (id < kMaxIndexedId) {
    if (id >= by_id_.size()) by_id_.resize(std::max<size_t>(id + 1, 2 * by_id_.size()));
    State& slot = by_id_[id];
    if (slot.object == nullptr || slot.object == object) {
      slot.object = object;
      return slot;
    }
  }
  State& state = others_[object];
  state.object = object;
  return state;
}

void OpenContainers::Forget(State& state) {
  const Object* object = state.object;
  if (object->id < by_id_.size() && &by_id_[object->id] == &state) {
    state = State();
  } else {
    others_.erase(object);
  }
}

OpenContainers::Entry OpenContainers::Enter(const Object* object, size_t max_kept_bytes) {
  State& state = StateOf(object);
  if (state.open) {
    ++cycles_;
    return kCycle;
  }
  if (state.kept >= 0) {
    output_.Append(kept_[state.kept]);
    return kCopied;
  }
  // The budget is taken when keeping begins, not when the text is kept: the
  // nested containers of a deep shared subtree all begin before any ends.
  if (state.length != 0 && state.length <= max_kept_bytes && kept_bytes_ + state.length <= kKeptBudgetBytes) {
    state.keeping = true;
    kept_bytes_ += state.length;
    output_.Hold();
  }
  state.open = true;
  state.start = output_.size();
  state.cycles_at_entry = cycles_;
  return kEntered;
}

void OpenContainers::Leave(const Object* object) {
  State& state = StateOf(object);
  const uint64_t length = output_.size() - state.start;
  const bool context_free = cycles_ == state.cycles_at_entry;
  state.open = false;
  if (state.keeping) {
    state.keeping = false;
    kept_bytes_ -= state.length;  // taken at Enter; what is kept counts below
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
    Forget(state);
  }
}

}  // namespace brine
