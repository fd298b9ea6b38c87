// Encoder: value graph -> pickle bytes, byte for byte what CPython 3.11's
// pickle.dumps writes for the same objects.
//
//   brine::Heap heap;
//   brine::Builder b(heap);
//   absl::StatusOr<std::string> bytes =
//       brine::Encode(b.List({1, "a", b.Dict({{"k", 1.5}})}), {.protocol = 2});
//   if (!bytes.ok()) return bytes.status();
//
// Protocols 0 to 5; the default is 4, as in CPython 3.8 to 3.13. Opcode
// choices follow CPython's C pickler: ints by size, text forms at protocol 0,
// memoization of every object CPython memoizes (with PUT, BINPUT,
// LONG_BINPUT or MEMOIZE) and GET for repeats, recursive tuples, batches of
// 1000 for APPENDS/SETITEMS/ADDITEMS, 64 KiB frames at protocol 4+, large
// payloads outside frames. Kinds without an opcode at the chosen protocol are
// written the way CPython writes them (bytes below 3 via _codecs.encode, sets
// below 4 via builtins.set, instances below 2 via copyreg._reconstructor...).
// Python 3 names are mapped to Python 2 ones below protocol 3 when
// `fix_imports` is on, and registered extension codes become EXT1/2/4.
//
// Identity: an object reached twice is written once and fetched from the memo
// the second time. Heap objects are identified by address, except where
// CPython itself cannot have two equal objects: two Global objects with the
// same name are one object (the class they name), and so are equal strs that
// are '' or one character below U+0100, and equal bytes of length 0 or 1
// (CPython's singletons). The name strings STACK_GLOBAL and bound methods
// write are memoized by content, as CPython's interned names are.
//
// The graph may be cyclic and arbitrarily deep: nothing recurses on the
// native stack. The graph must not change while it is being encoded.
#ifndef BRINE_CODEC_ENCODER_H_
#define BRINE_CODEC_ENCODER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "brine/codec/sink.h"
#include "brine/codec/extension_codes.h"
#include "brine/codec/hooks.h"
#include "brine/value/value.h"

namespace brine {

inline constexpr int kHighestProtocol = 5;
inline constexpr int kDefaultProtocol = 4;

struct EncodeOptions {
  // 0 to 5; a negative number means kHighestProtocol, as in pickle.dumps.
  int protocol = kDefaultProtocol;
  // Below protocol 3, write Python 2 names (`__builtin__.set`,
  // `copy_reg._reconstructor`) for Python 3 ones.
  bool fix_imports = true;
  // Extension codes (copyreg.add_extension); nullptr means none registered.
  const ExtensionRegistry* extensions = nullptr;
  // Protocol 5 buffers (Buffer values). When this is set, every Buffer is
  // written out-of-band (NEXT_BUFFER, READONLY_BUFFER if read-only) and its
  // data appended here in stream order, like pickle.dumps(...,
  // buffer_callback=list.append); pass these to the decoder's `buffers`.
  // (A Buffer decoded without its data contributes an empty view.)
  // When null, a Buffer holding data is written in-band (as bytes if
  // read-only, else as bytearray), like pickle.dumps without a callback, and
  // a Buffer without data (decoded without its buffers) stays out-of-band.
  // Buffers cannot be pickled below protocol 5.
  std::vector<std::string_view>* out_of_band_buffers = nullptr;
  // When set, the graph first goes through hooks->BeforeEncode; the hooks'
  // extension codes serve when `extensions` is null. facade/registry_codec.h's
  // Encode sets this to a Registry (persistent_id, reducer_override, dispatch
  // tables, registered C++ types, bound-method form).
  const EncodeHooks* hooks = nullptr;
};

// Encodes `value` into a new string.
absl::StatusOr<std::string> Encode(Value value, const EncodeOptions& options = {});

// An encoder to reuse for many values, the counterpart of Decoder: between
// calls it keeps its output buffer, work stack and memo tables, so a small
// value costs little more than its opcodes and the string handed back.
// Encode(value, options) is an Encoder used once. Not for use from two
// threads at once; an Encoder per thread is cheap.
//
//   brine::Encoder encoder({.protocol = 5});
//   for (brine::Value reply : replies) {
//     absl::StatusOr<std::string> bytes = encoder.Encode(reply);
//     if (!bytes.ok()) { ... }   // the encoder stays usable after an error
//   }
class Encoder {
 public:
  explicit Encoder(const EncodeOptions& options = {});
  ~Encoder();
  Encoder(Encoder&&) noexcept;
  Encoder& operator=(Encoder&&) noexcept;

  // Encode(value, options) with this encoder's options.
  absl::StatusOr<std::string> Encode(Value value);
  // EncodeTo(value, sink, options) with this encoder's options.
  absl::Status EncodeTo(Value value, Sink& sink);

 private:
  // Encode and EncodeTo keep one idle State per thread (encoder.cc).
  friend absl::StatusOr<std::string> Encode(Value value, const EncodeOptions& options);
  friend absl::Status EncodeTo(Value value, Sink& sink, const EncodeOptions& options);
  struct State;
  explicit Encoder(std::unique_ptr<State> state);
  static std::unique_ptr<State> TakeThreadState(const EncodeOptions& options);
  static void ReturnThreadState(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Encodes `value` and writes it to `sink`. The whole pickle is encoded in
// memory before the first byte goes to the sink, so an encoding error (say, a
// Buffer below protocol 5) writes nothing at all. Only a failure of the sink
// itself (disk full, closed pipe) can leave part of the pickle written; the
// returned status then says how many bytes were written. Payloads of 1 MiB
// or more (bytes, str) are not copied into that memory: the sink gets them
// straight from the graph, so encoding a 1 GiB payload needs no second GiB.
absl::Status EncodeTo(Value value, Sink& sink, const EncodeOptions& options = {});

}  // namespace brine

#endif  // BRINE_CODEC_ENCODER_H_
