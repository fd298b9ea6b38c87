// The Unpickler's stacks (values, and the stack sizes at each open MARK): a
// vector whose push keeps only a compare inline and its growth out of line.
// With std::vector the growth path is compiled into every opcode that pushes,
// and the registers it saves kept those opcodes from being compiled into the
// interpreter loop (codec/unpickler_buffer.cc).
//
// Internal to the decoder target.
#ifndef BRINE_CODEC_UNPICKLER_STACK_H_
#define BRINE_CODEC_UNPICKLER_STACK_H_

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace brine {

template <typename T>
class UnpicklerStack {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return capacity_; }
  T* data() { return slots_.data(); }
  const T* data() const { return slots_.data(); }
  T& operator[](size_t i) { return slots_[i]; }
  const T& operator[](size_t i) const { return slots_[i]; }
  T& back() { return slots_[size_ - 1]; }
  const T& back() const { return slots_[size_ - 1]; }

  // Sets `*exceeded` to true when a push takes the stack past `max_size`
  // entries (checked out of line, where the push meets `trigger_`).
  void set_limit(size_t max_size, bool* exceeded) {
    max_size_ = max_size;
    exceeded_ = exceeded;
    trigger_ = std::min(capacity_, max_size_);
  }

  // By value: `value` may be an entry of this stack, which growing moves.
  void push_back(T value) {
    if (size_ == trigger_) [[unlikely]] Grow();
    slots_[size_++] = value;
  }
  void pop_back() { --size_; }
  // Keeps the first `size` entries (no more than there are).
  void truncate(size_t size) {
    assert(size <= size_);
    size_ = size;
  }
  // Empties the stack, keeping its storage.
  void clear() { size_ = 0; }

 private:
  // A push at `trigger_`: past the limit, or out of room.
  [[gnu::noinline]] void Grow() {
    if (size_ >= max_size_ && exceeded_ != nullptr) *exceeded_ = true;
    if (size_ == capacity_) {
      slots_.resize(std::max<size_t>(16, 2 * slots_.size()));
      capacity_ = slots_.size();
    }
    trigger_ = size_ < max_size_ ? std::min(capacity_, max_size_) : capacity_;
  }

  std::vector<T> slots_;  // entries past size_ are unused
  size_t size_ = 0;
  size_t capacity_ = 0;  // slots_.size(), kept so that a push loads no vector bounds
  size_t max_size_ = SIZE_MAX;
  bool* exceeded_ = nullptr;
  // The size at which a push calls Grow: the capacity, or the limit if lower.
  size_t trigger_ = 0;
};

}  // namespace brine

#endif  // BRINE_CODEC_UNPICKLER_STACK_H_
