// ByteSource: where the streaming decoder (DecodeStream, DecodeFile in
// codec/decoder.h) gets its bytes, with implementations for a std::istream
// and a POSIX file descriptor. Implement it to decode from anything else
// (a socket, a decompressor):
//
//   class MySource : public brine::ByteSource {
//     absl::StatusOr<size_t> Read(char* dest, size_t min_bytes, size_t max_bytes) override;
//   };
//   MySource source(...);
//   absl::StatusOr<brine::Document> doc = brine::DecodeSource(source);
//
// The decoder asks for the bytes it needs next (`min_bytes`) and lets the
// source hand over more (up to `max_bytes`) when reading ahead is cheaper.
// When the pickle ends, it gives back what it read past STOP (Unread), so a
// source that can step back is left just after the pickle.
#ifndef BRINE_CODEC_BYTE_SOURCE_H_
#define BRINE_CODEC_BYTE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>

#include "absl/status/statusor.h"

namespace brine {

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Copies at least `min_bytes` bytes (fewer only at the end of the input)
  // and at most `max_bytes` into `dest`, and returns how many it copied.
  // 1 <= min_bytes <= max_bytes. Fails only on an I/O error.
  virtual absl::StatusOr<size_t> Read(char* dest, size_t min_bytes, size_t max_bytes) = 0;

  // The last `count` bytes Read returned lie past the pickle: step back over
  // them if the source can; otherwise they are lost to the caller.
  virtual void Unread(size_t count) { (void)count; }

  // How many bytes the source held before the first Read, when it can tell
  // cheaply (a regular file, a seekable stream). Lets the decoder refuse a
  // declared length longer than the input before allocating for it, with
  // the contiguous decoder's error.
  virtual std::optional<uint64_t> SizeAtStart() const { return std::nullopt; }
};

// Reads exactly what the decoder needs (never read-ahead), so the stream is
// left just after STOP and concatenated pickles can be read one after the
// other, as pickle.load does on a file.
class IstreamSource : public ByteSource {
 public:
  explicit IstreamSource(std::istream& stream);

  absl::StatusOr<size_t> Read(char* dest, size_t min_bytes, size_t max_bytes) override;
  void Unread(size_t count) override;
  std::optional<uint64_t> SizeAtStart() const override { return size_at_start_; }

 private:
  std::istream& stream_;
  std::optional<uint64_t> size_at_start_;
};

// Reads ahead from `fd` (which stays open and owned by the caller); when the
// pickle ends, seeks back over the bytes read past STOP if `fd` is seekable.
// On a pipe or socket those bytes are lost.
class FdSource : public ByteSource {
 public:
  explicit FdSource(int fd);

  absl::StatusOr<size_t> Read(char* dest, size_t min_bytes, size_t max_bytes) override;
  void Unread(size_t count) override;
  std::optional<uint64_t> SizeAtStart() const override { return size_at_start_; }

 private:
  int fd_;
  std::optional<uint64_t> size_at_start_;
};

}  // namespace brine

#endif  // BRINE_CODEC_BYTE_SOURCE_H_
