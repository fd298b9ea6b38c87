// OpenContainers: what the text writers (repr, JSON) know about the
// containers they have entered. It finds cycles (a container reached again
// while its own text is being written gets the writer's cycle marker) and
// keeps the text of shared containers, so that a DAG repeating a subtree
// costs one copy per repeat instead of one walk.
//
// A container whose text contained no cycle marker reaches no cycle, so its
// text is the same wherever it appears. The first time such a container's
// text is written its length is noted (when at least kMinNotedBytes); the
// second time, its text is kept (when at most kMaxKeptBytes, within a total of
// kKeptBudgetBytes); from the third time on the kept text is appended as is.
// Flat values with costly text (a big int's digits, a long str's repr, a flat
// tuple of many items) are kept the same way, up to kMaxKeptLeafBytes each.
// A 124-byte pickle whose value doubles 60 times thus writes its 256 MiB at
// memcpy speed.
//
//   switch (open.Enter(object)) {
//     case OpenContainers::kCycle: append the marker; break;
//     case OpenContainers::kCopied: break;          // its text was appended
//     case OpenContainers::kEntered: write it, then call open.Leave(object);
//   }
#ifndef BRINE_VALUE_OPEN_CONTAINERS_H_
#define BRINE_VALUE_OPEN_CONTAINERS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "brine/value/text_output.h"
#include "brine/value/value.h"

namespace brine {

class OpenContainers {
 public:
  static constexpr size_t kMinNotedBytes = 64;
  static constexpr size_t kMaxKeptBytes = size_t{1} << 20;
  // A leaf's may be longer: enough for the text of any one str or bytes of a
  // 1 MB pickle. (Containers keep less, so that the kept text they copy
  // stays in cache: 27 GB/s at 1 MiB, 5 GB/s at 8 MiB on the doubling DAG.)
  static constexpr size_t kMaxKeptLeafBytes = size_t{8} << 20;
  static constexpr size_t kKeptBudgetBytes = size_t{64} << 20;

  enum Entry {
    kEntered,  // write the container's text, then call Leave()
    kCycle,    // it is being written: write the cycle marker instead
    kCopied,   // its text, known from before, was appended to the output
  };

  explicit OpenContainers(TextOutput& output) : output_(output) {}

  // `max_kept_bytes`: the longest text of `object` to keep.
  Entry Enter(const Object* object, size_t max_kept_bytes = kMaxKeptBytes);
  // After the text of a container Enter() returned kEntered for.
  void Leave(const Object* object);

  // A flat heap object (value/flat_values.h: it holds no container, so is in
  // no cycle): its text, known from before, is appended; otherwise `write()`
  // appends it (a status-returning callable) and it is noted or kept as a
  // container's.
  template <typename Write>
  absl::Status WriteLeaf(const Object* object, Write write) {
    if (Enter(object, kMaxKeptLeafBytes) == kCopied) return absl::OkStatus();
    absl::Status status = write();
    Leave(object);
    return status;
  }

 private:
  struct State {
    const Object* object = nullptr;  // whose state this is; null: a free slot
    bool open = false;
    bool keeping = false;     // its text is being kept (output held)
    int32_t kept = -1;        // index into kept_ once kept
    uint64_t length = 0;      // its text's length, once known (0: unknown)
    uint64_t start = 0;       // output size when it was entered
    uint64_t cycles_at_entry = 0;
  };

  // Objects with ids below this have their state in by_id_, at their id: a
  // million-deep nest then costs no hash probes. Others, and objects of a
  // second Heap whose id is taken, are in others_.
  static constexpr uint32_t kMaxIndexedId = uint32_t{1} << 22;

  // The state of `object`, made (free) when it has none.
  State& StateOf(const Object* object);
  // Forgets the state of `object`.
  void Forget(State& state);

  TextOutput& output_;
  std::vector<State> by_id_;
  absl::flat_hash_map<const Object*, State> others_;
  std::vector<std::string> kept_;
  size_t kept_bytes_ = 0;  // kept, plus the noted lengths of texts being kept
  uint64_t cycles_ = 0;  // cycle markers written so far
};

}  // namespace brine

#endif  // BRINE_VALUE_OPEN_CONTAINERS_H_
