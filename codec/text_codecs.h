// The text conversions the pickle string opcodes need, with CPython's
// results and error messages:
//
// - UTF-8 as BINUNICODE/SHORT_BINUNICODE/BINUNICODE8 carry it: validated with
//   CPython's 'surrogatepass' rules (lone surrogates allowed, nothing else).
// - raw-unicode-escape, the encoding of the protocol 0 UNICODE opcode.
// - codecs.escape_decode, which unescapes the Python bytes literal inside a
//   STRING argument.
// - Unpickler(encoding=, errors=) for Python 2 str (STRING, BINSTRING,
//   SHORT_BINSTRING): ASCII, Latin-1 or UTF-8 with the error handlers
//   strict, replace, ignore, surrogateescape, backslashreplace and
//   surrogatepass, or "bytes" to keep the bytes.
//
// Text results are brine's str representation: UTF-8 in which a lone
// surrogate is three bytes (value/value.h, struct Str).
#ifndef BRINE_CODEC_TEXT_CODECS_H_
#define BRINE_CODEC_TEXT_CODECS_H_

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "brine/value/short_text.h"

namespace brine {

// The result of a conversion that often leaves its input unchanged: when
// `same_as_input` is true the caller may keep the input bytes (zero-copy);
// otherwise `text` holds the result.
struct ConvertedText {
  bool same_as_input = true;
  std::string text;
};

// Appends the UTF-8 form of `code_point` (<= 0x10FFFF; surrogates as three
// bytes) to `out`.
void AppendUtf8(uint32_t code_point, std::string& out);

// bytes.decode('latin-1') as brine str text (UTF-8): what CPython's pickler
// passes to _codecs.encode for bytes below protocol 3, and how pickletools
// shows a Python 2 STRING.
std::string Latin1ToUtf8(std::string_view data);
// The same in two steps, so the caller can write the text straight into its
// own buffer: Latin1Utf8Size is its length, DecodeLatin1 writes it into
// `out`, which must be that long.
size_t Latin1Utf8Size(std::string_view data);
void DecodeLatin1(std::string_view data, std::span<char> out);

// OK when `data` is UTF-8 that CPython decodes with errors='strict' (or, when
// `allow_surrogates`, with errors='surrogatepass'); otherwise CPython's
// message, e.g. "'utf-8' codec can't decode byte 0xff in position 0: invalid
// start byte". Short ASCII text, most of what pickles hold (dict keys,
// attribute names), is accepted inline; the rest is checked out of line.
absl::Status ValidateUtf8OutOfLine(std::string_view data, bool allow_surrogates);
inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status ValidateUtf8(std::string_view data, bool allow_surrogates) {
  constexpr size_t kInlineMax = 32;  // past this the out-of-line check is as quick
  if (data.size() <= kInlineMax) {
    // Every byte ORed in, from at most four words that may overlap.
    const char* p = data.data();
    const size_t n = data.size();
    uint64_t bytes_or = 0;
    if (n >= 16) {
      const EndWords<uint64_t> front = LoadEnds<uint64_t>(p, 16);
      const EndWords<uint64_t> back = LoadEnds<uint64_t>(p + n - 16, 16);
      bytes_or = front.head | front.tail | back.head | back.tail;
    } else if (n >= 8) {
      const EndWords<uint64_t> ends = LoadEnds<uint64_t>(p, n);
      bytes_or = ends.head | ends.tail;
    } else if (n >= 4) {
      const EndWords<uint32_t> ends = LoadEnds<uint32_t>(p, n);
      bytes_or = ends.head | ends.tail;
    } else if (n > 0) {
      bytes_or = LoadFewBytes(p, n);
    }
    if ((bytes_or & 0x8080808080808080u) == 0) return absl::OkStatus();
  }
  return ValidateUtf8OutOfLine(data, allow_surrogates);
}

// True when `encoding` names Latin-1 under Python's codec aliases
// ("latin1", "latin-1", "iso-8859-1", "L1", ...).
bool IsLatin1CodecName(std::string_view encoding);

// str.encode('latin-1') of brine str text in two steps, so the caller can
// write the result straight into its own buffer. Latin1Size: the encoded
// length of well-formed text, nullopt when a character is above U+00FF.
// EncodeLatin1 writes the Latin-1 bytes into `out`, which must be
// Latin1Size(utf8) long; false when the text turns out not to be Latin-1
// UTF-8 after all (a malformed str) or does not fill `out` exactly.
std::optional<size_t> Latin1Size(std::string_view utf8);
bool EncodeLatin1(std::string_view utf8, std::span<char> out);

// bytes.decode('raw_unicode_escape'): bytes are Latin-1 characters except the
// escapes \uXXXX and \UXXXXXXXX.
absl::StatusOr<ConvertedText> DecodeRawUnicodeEscape(std::string_view data);

// codecs.escape_decode(data)[0]: the bytes a Python bytes literal's body
// stands for (\n, \x41, \101, \\, \', backslash-newline, unknown escapes kept).
// Errors: "invalid \x escape at position N", "Trailing \ in string".
absl::StatusOr<ConvertedText> UnescapeBytesLiteral(std::string_view data);

// How Python 2 str bytes become a value: Unpickler(encoding=, errors=).
class StringDecoder {
 public:
  // Resolves a codec name (Python's aliases, case and '-'/'_' insensitive,
  // e.g. "ASCII", "latin-1", "iso-8859-1", "UTF8") and an error handler name.
  // "bytes" (exactly) keeps bytes. Fails with "unknown encoding: X" or
  // "unknown error handler name 'X'".
  static absl::StatusOr<StringDecoder> Create(std::string_view encoding, std::string_view errors);

  // True for encoding "bytes": STRING values stay bytes objects.
  bool keeps_bytes() const { return codec_ == Codec::kBytes; }

  // data.decode(encoding, errors). Fails with CPython's UnicodeDecodeError
  // message, e.g. "'ascii' codec can't decode byte 0xe9 in position 1:
  // ordinal not in range(128)".
  absl::StatusOr<ConvertedText> Decode(std::string_view data) const;

 private:
  enum class Codec { kBytes, kAscii, kLatin1, kUtf8 };
  enum class Handler { kStrict, kReplace, kIgnore, kSurrogateEscape, kBackslashReplace, kSurrogatePass };
  StringDecoder(Codec codec, Handler handler) : codec_(codec), handler_(handler) {}

  absl::StatusOr<ConvertedText> DecodeAscii(std::string_view data) const;
  absl::StatusOr<ConvertedText> DecodeUtf8(std::string_view data) const;
  // Applies the error handler to the undecodable bytes data[start, end).
  void HandleError(std::string_view data, size_t start, size_t end, std::string& out) const;

  Codec codec_;
  Handler handler_;
};

}  // namespace brine

#endif  // BRINE_CODEC_TEXT_CODECS_H_
