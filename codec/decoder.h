// Decoder: pickle bytes -> Document (value graph), running nothing.
//
// From bytes in memory (the fast path; with borrow_input, strings and bytes
// point into `bytes` instead of being copied):
//
//   absl::StatusOr<brine::Document> doc = brine::Decode(bytes);
//   if (!doc.ok()) { std::cerr << doc.status() << "\n"; return 1; }
//   brine::Value root = doc->root();
//
// From a stream, reading as it goes through a bounded window (large payloads
// go straight into the Document, copied once), stopping right after STOP so
// that concatenated pickles come out one by one, as pickle.load reads them:
//
//   std::ifstream in("data.pkl", std::ios::binary);
//   while (in.peek() != EOF) {
//     absl::StatusOr<brine::Document> doc = brine::DecodeStream(in);
//     if (!doc.ok()) { std::cerr << doc.status() << "\n"; return 1; }
//     ...
//   }
//
// DecodeFile(fd) does the same on a file descriptor; DecodeSource takes any
// ByteSource (codec/byte_source.h).
//
// Every opcode of protocols 0 to 5 is understood. Names a pickle mentions
// (GLOBAL, STACK_GLOBAL, INST, OBJ, REDUCE, NEWOBJ, NEWOBJ_EX, BUILD) become
// Global/Instance/Reduce nodes; only the few constructors CPython's own
// pickler uses for built-in types (builtins.set, frozenset, bytearray,
// complex, bytes, _codecs.encode, copyreg._reconstructor, and below protocol
// 3 their Python 2 spellings) and NEWOBJ of built-in types are rebuilt into
// the real kinds. What CPython would refuse whatever it imports is refused:
// a name builtins, copyreg or _codecs lacks, NEWOBJ of one that is not a
// class, NEXT_BUFFER without buffers, an unregistered EXT code (the last two
// have options to keep placeholders instead).
//
// Errors: an absl::Status whose message names the byte offset and opcode, e.g.
// "BINUNICODE at offset 17: length 4611686018427387904 exceeds the 3 bytes
// left". Bad input never crashes, hangs or allocates beyond `limits`. The
// streaming functions give the same errors, offsets counted from where they
// started reading, with one exception: when the source cannot tell its size
// (a pipe, a non-seekable stream), a declared length beyond max_total_bytes
// is refused as a limit (RESOURCE_EXHAUSTED) instead of against the bytes
// left, and truncation is reported when the input ends.
#ifndef BRINE_CODEC_DECODER_H_
#define BRINE_CODEC_DECODER_H_

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/codec/extension_codes.h"
#include "brine/codec/hooks.h"
#include "brine/value/bigint.h"
#include "brine/value/document.h"

namespace brine {

class ByteSource;  // codec/byte_source.h

// Resource limits for untrusted input. Defaults suit data of up to a few
// hundred MiB; raise them for bigger trusted pickles.
struct DecodeLimits {
  // Deepest nesting of MARKs (open tuples/lists/dicts under construction).
  size_t max_mark_depth = 100000;
  // Most values on the unpickling stack at once.
  size_t max_stack_size = size_t{1} << 26;
  // Most memo entries (of any keys: LONG_BINPUT 0xFFFFFFFF is one entry).
  size_t max_memo_entries = size_t{1} << 26;
  // Most bytes the document's arena may take from the system.
  size_t max_total_bytes = size_t{4} << 30;
  // Most decimal digits in an INT/LONG text argument (0 = unlimited).
  // CPython 3.11 refuses more than kDefaultMaxIntDigits.
  size_t max_int_digits = kDefaultMaxIntDigits;
};

struct DecodeOptions {
  DecodeLimits limits;
  // How Python 2 STRING/BINSTRING/SHORT_BINSTRING bytes become values, as
  // Unpickler(encoding=, errors=): a codec name ("ASCII", "latin1",
  // "utf-8", ...) or "bytes" to keep them as bytes.
  std::string encoding = "ASCII";
  std::string errors = "strict";
  // Map Python 2 names (__builtin__, copy_reg, ...) to Python 3 ones.
  bool fix_imports = true;
  // Strings/bytes point into the input instead of being copied; the caller
  // promises the input outlives the Document. Decode only (a stream's
  // window is reused).
  bool borrow_input = false;
  // Out-of-band buffers for NEXT_BUFFER/READONLY_BUFFER (protocol 5), as
  // Unpickler(buffers=). Without them NEXT_BUFFER fails, as pickle.loads
  // does, unless `buffer_placeholders` is set.
  std::span<const std::string_view> buffers;
  // Without `buffers`, NEXT_BUFFER yields a Buffer node carrying only its
  // index, which the encoder writes back as NEXT_BUFFER at protocol 5 (brine
  // transcode keeps them so).
  bool buffer_placeholders = false;
  // Extension codes for EXT1/EXT2/EXT4; nullptr means none registered.
  const ExtensionRegistry* extensions = nullptr;
  // An EXT code registered nowhere fails, as pickle.loads fails; with this
  // set it becomes a Global holding the code (see Global::extension_code),
  // which the encoder writes back as the same EXT opcode (brine transcode).
  bool keep_unregistered_extensions = false;
  // When set, global names are checked at their opcode and the decoded
  // document goes through hooks->AfterDecode; the hooks' extension codes
  // serve when `extensions` is null. facade/registry_codec.h's Decode sets
  // this to a Registry (registered reconstructors and classes, bound methods,
  // persistent_load, the policy for unregistered names).
  const DecodeHooks* hooks = nullptr;
};

// Decodes one pickle (up to its STOP opcode). Bytes after STOP are ignored,
// as pickle.loads ignores them.
absl::StatusOr<Document> Decode(std::string_view data, const DecodeOptions& options = {});

// A decoder to reuse for many pickles, like simdjson's parser: between calls
// it keeps its unpickling machine's stack, MARK stack, memo and name table,
// so a small pickle costs little more than its opcodes. Decode(data, options)
// is a Decoder used once. Not for use from two threads at once; a Decoder
// per thread is cheap.
//
//   brine::Decoder decoder({.borrow_input = false});
//   for (const std::string& message : queue) {
//     absl::StatusOr<brine::Document> task = decoder.Decode(message);
//     if (!task.ok()) { ... }   // the decoder stays usable after an error
//   }
class Decoder {
 public:
  explicit Decoder(const DecodeOptions& options = {});
  ~Decoder();
  Decoder(Decoder&&) noexcept;
  Decoder& operator=(Decoder&&) noexcept;

  // Decode(data, options) with this decoder's options.
  absl::StatusOr<Document> Decode(std::string_view data);

 private:
  // Decode(data, options) keeps one idle State per thread.
  friend absl::StatusOr<Document> Decode(std::string_view data, const DecodeOptions& options);
  struct State;
  std::unique_ptr<State> state_;
};

// Decodes one pickle from `stream`, reading no byte past its STOP: the stream
// is left at the next pickle, if any. (A malformed FRAME that claims bytes
// past STOP has them read; a seekable stream is then stepped back.) After an
// error the position is unspecified.
absl::StatusOr<Document> DecodeStream(std::istream& stream, const DecodeOptions& options = {});

// Decodes one pickle read from `fd` (left open). Reads ahead, then seeks back
// to just after STOP when `fd` is seekable; on a pipe the bytes read past
// STOP are lost.
absl::StatusOr<Document> DecodeFile(int fd, const DecodeOptions& options = {});

// Decodes one pickle from any ByteSource, handing back to it what was read
// past STOP (ByteSource::Unread).
absl::StatusOr<Document> DecodeSource(ByteSource& source, const DecodeOptions& options = {});

}  // namespace brine

#endif  // BRINE_CODEC_DECODER_H_
