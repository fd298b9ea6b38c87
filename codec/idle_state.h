// The one idle state each thread keeps between one-off Decode and Encode
// calls (decoder.cc, encoder.cc), so that a call on a small pickle does not
// build and free its stacks, memo, output buffer and name tables each time.
//
//   std::unique_ptr<State> state = IdleState<State>::Take();  // null: make one
//   ... use it ...
//   IdleState<State>::Keep(std::move(state), retained_bytes);
//
// A call made while the thread's state is in use (a hook that decodes or
// encodes) finds none and makes a fresh one, and its Keep is refused while
// another is kept.
#ifndef BRINE_CODEC_IDLE_STATE_H_
#define BRINE_CODEC_IDLE_STATE_H_

#include <cstddef>
#include <memory>
#include <utility>

namespace brine {

// A state holding more than this after a call (say, a large pickle's memo) is
// freed rather than kept.
inline constexpr size_t kMaxIdleStateBytes = size_t{1} << 20;

template <typename State>
class IdleState {
 public:
  // This thread's idle state, now in use by the caller; null when there is none.
  static std::unique_ptr<State> Take() { return std::move(Slot()); }

  // Keeps `state` as this thread's idle state, unless one is kept already or
  // it holds more than kMaxIdleStateBytes (`retained_bytes`).
  static void Keep(std::unique_ptr<State> state, size_t retained_bytes) {
    std::unique_ptr<State>& idle = Slot();
    if (idle == nullptr && retained_bytes <= kMaxIdleStateBytes) idle = std::move(state);
  }

 private:
  static std::unique_ptr<State>& Slot() {
    thread_local std::unique_ptr<State> idle;
    return idle;
  }
};

}  // namespace brine

#endif  // BRINE_CODEC_IDLE_STATE_H_
