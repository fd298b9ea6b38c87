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
#include <vector>

namespace brine {

template <typename T>
class UnpicklerStack {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return slots_.size(); }
  T* data() { return slots_.data(); }
  const T* data() const { return slots_.data(); }
  T& operator[](size_t i) { return slots_[i]; }
  const T& operator[](size_t i) const { return slots_[i]; }
  T& back() { return slots_[size_ - 1]; }
  const T& back() const { return slots_[size_ - 1]; }

  // By value: `value` may be an entry of this stack, which growing moves.
  void push_back(T value) {
    if (size_ == slots_.size()) [[unlikely]] Grow();
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
  [[gnu::noinline]] void Grow() { slots_.resize(std::max<size_t>(16, 2 * slots_.size())); }

  std::vector<T> slots_;  // the capacity; entries past size_ are unused
  size_t size_ = 0;
};

}  // namespace brine

#endif  // BRINE_CODEC_UNPICKLER_STACK_H_
