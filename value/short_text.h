// Short text read as machine words. Most text a decoder touches is short (dict
// keys, attribute and module names), and a library call or a byte loop costs
// more than the work on so few bytes. These helpers read a run of n bytes as
// two words from its two ends, which overlap in the middle when n is less
// than two words, so any length from one word to two takes the same two
// loads, without a branch on the exact length.
//
// EndWords: the two words. CopyBytes copies, SameText compares and TextHash
// (value/equality.h) hashes with them; ValidateUtf8 (codec/text_codecs.h)
// ORs them to test for ASCII.
#ifndef BRINE_VALUE_SHORT_TEXT_H_
#define BRINE_VALUE_SHORT_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace brine {

// The first and the last sizeof(Word) bytes of `n` bytes at `p`, for
// sizeof(Word) <= n <= 2 * sizeof(Word).
template <typename Word>
struct EndWords {
  Word head;
  Word tail;
};
template <typename Word>
[[gnu::always_inline]] inline EndWords<Word> LoadEnds(const char* p, size_t n) {
  EndWords<Word> ends;
  std::memcpy(&ends.head, p, sizeof(Word));
  std::memcpy(&ends.tail, p + n - sizeof(Word), sizeof(Word));
  return ends;
}

// Three bytes that together cover 1 to 3 bytes at `p` (the first, middle and
// last), zero-extended into one word; n > 0.
inline uint32_t LoadFewBytes(const char* p, size_t n) {
  return uint32_t{static_cast<uint8_t>(p[0])} | uint32_t{static_cast<uint8_t>(p[n / 2])} << 8 |
         uint32_t{static_cast<uint8_t>(p[n - 1])} << 16;
}

namespace short_text_internal {

struct Bytes16 {
  char bytes[16];
};

template <typename Word>
[[gnu::always_inline]] inline void CopyEnds(char* to, const char* from, size_t n) {
  const EndWords<Word> ends = LoadEnds<Word>(from, n);
  std::memcpy(to, &ends.head, sizeof(Word));
  std::memcpy(to + n - sizeof(Word), &ends.tail, sizeof(Word));
}

template <typename Word>
[[gnu::always_inline]] inline bool SameEnds(const char* a, const char* b, size_t n) {
  const EndWords<Word> a_ends = LoadEnds<Word>(a, n);
  const EndWords<Word> b_ends = LoadEnds<Word>(b, n);
  return ((a_ends.head ^ b_ends.head) | (a_ends.tail ^ b_ends.tail)) == 0;
}

}  // namespace short_text_internal

// std::memcpy(to, from, n); `from` may be null when `n` is 0. Up to 32 bytes
// are copied without a call: an inlined memcpy of unknown size compiles to
// `rep movs` (slow to start) or a call to the library's memcpy.
[[gnu::always_inline]] inline void CopyBytes(char* to, const char* from, size_t n) {
  using short_text_internal::CopyEnds;
  if (n > 32) {
    std::memcpy(to, from, n);
  } else if (n > 16) {
    CopyEnds<short_text_internal::Bytes16>(to, from, n);
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

// a == b, with texts of 4 to 16 bytes compared by their end words instead of
// a memcmp call.
inline bool SameText(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n >= 8 && n <= 16) return short_text_internal::SameEnds<uint64_t>(a.data(), b.data(), n);
  if (n >= 4 && n < 8) return short_text_internal::SameEnds<uint32_t>(a.data(), b.data(), n);
  return a == b;
}

}  // namespace brine

#endif  // BRINE_VALUE_SHORT_TEXT_H_
