// MemoWriter: the pickler's memo, keyed by object identity, and the
// PUT/BINPUT/LONG_BINPUT/MEMOIZE and GET/BINGET/LONG_BINGET opcodes that
// maintain it, chosen by protocol as CPython's memo_put/memo_get choose them.
//
// Memo indices are handed out in order (0, 1, 2, ...), one per Put.
#ifndef BRINE_CODEC_MEMO_WRITER_H_
#define BRINE_CODEC_MEMO_WRITER_H_

#include <cstdint>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "brine/codec/output_buffer.h"

namespace brine {

class MemoWriter {
 public:
  MemoWriter(int protocol, OutputBuffer& out) : protocol_(protocol), out_(out) {}

  // The memo index of `key`, or nullptr when it was not memoized.
  const uint64_t* Find(const void* key) const {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &it->second;
  }
  // Memoizes `key` under the next index and writes the opcode that stores it.
  absl::Status Put(const void* key);
  // Writes the opcode fetching memo slot `index`.
  absl::Status Get(uint64_t index);

 private:
  int protocol_;
  OutputBuffer& out_;
  absl::flat_hash_map<const void*, uint64_t> index_;
};

}  // namespace brine

#endif  // BRINE_CODEC_MEMO_WRITER_H_
