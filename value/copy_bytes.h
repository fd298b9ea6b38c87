// CopyBytes: memcpy for the short runs a decoder copies most (str text, keys,
// names), inline. Up to 32 bytes are copied by two loads that may overlap,
// without a call; an inlined memcpy of unknown size compiles to `rep movs`
// (slow to start) or a call to the library's memcpy.
#ifndef BRINE_VALUE_COPY_BYTES_H_
#define BRINE_VALUE_COPY_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace brine {
namespace copy_bytes_internal {

// Two copies of sizeof(Word) bytes, at the start and at the end of `n`
// (sizeof(Word) <= n <= 2 * sizeof(Word)), overlapping in the middle.
template <typename Word>
inline void CopyEnds(char* to, const char* from, size_t n) {
  Word head, tail;
  std::memcpy(&head, from, sizeof(Word));
  std::memcpy(&tail, from + n - sizeof(Word), sizeof(Word));
  std::memcpy(to, &head, sizeof(Word));
  std::memcpy(to + n - sizeof(Word), &tail, sizeof(Word));
}

struct Bytes16 {
  char bytes[16];
};

}  // namespace copy_bytes_internal

// std::memcpy(to, from, n); `from` may be null when `n` is 0.
inline void CopyBytes(char* to, const char* from, size_t n) {
  using copy_bytes_internal::CopyEnds;
  if (n > 32) {
    std::memcpy(to, from, n);
  } else if (n > 16) {
    CopyEnds<copy_bytes_internal::Bytes16>(to, from, n);
  } else if (n >= 8) {
    CopyEnds<uint64_t>(to, from, n);
  } else if (n >= 4) {
    CopyEnds<uint32_t>(to, from, n);
  } else if (n > 0) {
    to[0] = from[0];
    to[n / 2] = from[n / 2];
    to[n - 1] = from[n - 1];
  }
}

}  // namespace brine

#endif  // BRINE_VALUE_COPY_BYTES_H_
