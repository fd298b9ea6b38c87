// Text conversions for the pickle string opcodes (see text_codecs.h).
#include "brine/codec/text_codecs.h"
#include "brine/value/string_views.h"

#include <cctype>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "simdjson.h"

namespace brine {
namespace {

// Text this long is first checked by simdjson's SIMD validator, which accepts
// strict UTF-8 (what CPython writes); only text it refuses (surrogates, which
// pickles may carry, or an error to word) takes the byte-at-a-time path.
// Shorter text is not worth the call.
constexpr size_t kSimdValidationMin = 64;


// One undecodable stretch of input, as CPython's UnicodeDecodeError reports it.
struct DecodeProblem {
  size_t start = 0;
  size_t end = 0;
  const char* reason = "";
};

std::string DecodeErrorMessage(std::string_view codec, std::string_view data, const DecodeProblem& problem) {
  if (problem.end - problem.start == 1) {
    return absl::StrFormat("'%s' codec can't decode byte 0x%02x in position %d: %s", ToAbsl(codec),
                           static_cast<uint8_t>(data[problem.start]), problem.start, problem.reason);
  }
  return absl::StrFormat("'%s' codec can't decode bytes in position %d-%d: %s", ToAbsl(codec), problem.start,
                         problem.end - 1, problem.reason);
}

bool IsContinuation(uint8_t byte) { return byte >= 0x80 && byte <= 0xBF; }

// Length of the valid UTF-8 sequence starting at data[pos] (pos < size), or 0
// with `problem` set to the maximal invalid stretch CPython reports. Encoded
// surrogates (ED A0..BF xx) are valid only when `allow_surrogates`.
size_t Utf8SequenceLength(std::string_view data, size_t pos, bool allow_surrogates, DecodeProblem& problem) {
  uint8_t lead = static_cast<uint8_t>(data[pos]);
  if (lead < 0x80) return 1;
  size_t length;
  uint8_t second_low = 0x80, second_high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_low = 0xA0;
    if (lead == 0xED) second_high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_low = 0x90;
    if (lead == 0xF4) second_high = 0x8F;
  } else {
    problem = {pos, pos + 1, "invalid start byte"};
    return 0;
  }
  for (size_t i = 1; i < length; ++i) {
    if (pos + i >= data.size()) {
      problem = {pos, data.size(), "unexpected end of data"};
      return 0;
    }
    uint8_t byte = static_cast<uint8_t>(data[pos + i]);
    bool valid = i == 1 ? byte >= second_low && byte <= second_high : IsContinuation(byte);
    if (!valid) {
      // 'surrogatepass' accepts a complete encoded surrogate where strict
      // decoding stopped at its second byte.
      if (allow_surrogates && lead == 0xED && i == 1 && byte >= 0xA0 && byte <= 0xBF && pos + 2 < data.size() &&
          IsContinuation(static_cast<uint8_t>(data[pos + 2]))) {
        return 3;
      }
      problem = {pos, pos + i, "invalid continuation byte"};
      return 0;
    }
  }
  return length;
}

// Position of the first byte >= 0x80 at or after `pos`, or data.size().
// The position of the first non-ASCII byte at or after `pos` (or the end),
// eight bytes at a time.
size_t SkipAscii(std::string_view data, size_t pos) {
  constexpr uint64_t kHighBits = 0x8080808080808080u;
  for (; pos + 8 <= data.size(); pos += 8) {
    uint64_t word;
    std::memcpy(&word, data.data() + pos, 8);
    if ((word & kHighBits) != 0) break;
  }
  while (pos < data.size() && static_cast<uint8_t>(data[pos]) < 0x80) ++pos;
  return pos;
}

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Python's codec-name normalisation: lower case, runs of anything but
// letters, digits and '.' become one '_'.
std::string NormalizeEncodingName(std::string_view name) {
  std::string normalized;
  bool pending_underscore = false;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') {
      if (pending_underscore && !normalized.empty()) normalized.push_back('_');
      pending_underscore = false;
      normalized.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else {
      pending_underscore = true;
    }
  }
  return normalized;
}

constexpr std::string_view kLatin1Aliases[] = {"latin_1", "latin1", "latin", "l1", "iso_8859_1", "iso8859_1",
                                               "8859", "cp819", "ibm819", "iso_ir_100", "csisolatin1",
                                               "iso_8859_1_1987"};

}  // namespace

void AppendUtf8(uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

absl::Status ValidateUtf8OutOfLine(std::string_view data, bool allow_surrogates) {
  if (data.size() >= kSimdValidationMin && simdjson::validate_utf8(data.data(), data.size())) {
    return absl::OkStatus();
  }
  size_t pos = SkipAscii(data, 0);
  while (pos < data.size()) {
    DecodeProblem problem;
    size_t length = Utf8SequenceLength(data, pos, allow_surrogates, problem);
    if (length == 0) return absl::InvalidArgumentError(DecodeErrorMessage("utf-8", data, problem));
    pos = SkipAscii(data, pos + length);
  }
  return absl::OkStatus();
}

bool IsLatin1CodecName(std::string_view encoding) {
  if (encoding == "latin1") return true;  // what CPython's pickler writes
  std::string name = NormalizeEncodingName(encoding);
  for (std::string_view alias : kLatin1Aliases) {
    if (name == alias) return true;
  }
  return false;
}

absl::StatusOr<ConvertedText> DecodeRawUnicodeEscape(std::string_view data) {
  ConvertedText result;
  if (data.find('\\') == std::string_view::npos && SkipAscii(data, 0) == data.size()) return result;
  result.same_as_input = false;
  std::string& out = result.text;
  out.reserve(data.size());
  size_t i = 0;
  while (i < data.size()) {
    uint8_t c = static_cast<uint8_t>(data[i]);
    if (c != '\\' || i + 1 >= data.size()) {
      AppendUtf8(c, out);
      ++i;
      continue;
    }
    if (data[i + 1] != 'u' && data[i + 1] != 'U') {
      // A backslash before anything but u/U is literal and takes the next
      // byte with it: backslash, backslash, "u0041" is no escape.
      AppendUtf8(c, out);
      AppendUtf8(static_cast<uint8_t>(data[i + 1]), out);
      i += 2;
      continue;
    }
    size_t start = i;
    int digits = data[i + 1] == 'u' ? 4 : 8;
    const char* truncated = digits == 4 ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
    i += 2;
    uint32_t code_point = 0;
    for (int d = 0; d < digits; ++d, ++i) {
      int value = i < data.size() ? HexDigitValue(data[i]) : -1;
      if (value < 0) {
        return absl::InvalidArgumentError(DecodeErrorMessage("rawunicodeescape", data, {start, i, truncated}));
      }
      code_point = (code_point << 4) | static_cast<uint32_t>(value);
    }
    if (code_point > 0x10FFFF) {
      return absl::InvalidArgumentError(
          DecodeErrorMessage("rawunicodeescape", data, {start, i, "\\Uxxxxxxxx out of range"}));
    }
    AppendUtf8(code_point, out);
  }
  return result;
}

absl::StatusOr<ConvertedText> UnescapeBytesLiteral(std::string_view data) {
  ConvertedText result;
  if (data.find('\\') == std::string_view::npos) return result;
  result.same_as_input = false;
  std::string& out = result.text;
  out.reserve(data.size());
  size_t i = 0;
  while (i < data.size()) {
    char c = data[i];
    if (c != '\\') {
      out.push_back(c);
      ++i;
      continue;
    }
    size_t backslash = i++;
    if (i >= data.size()) return absl::InvalidArgumentError("Trailing \\ in string");
    char e = data[i++];
    switch (e) {
      case '\n': break;
      case '\\': out.push_back('\\'); break;
      case '\'': out.push_back('\''); break;
      case '"': out.push_back('"'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 'v': out.push_back('\v'); break;
      case 'a': out.push_back('\a'); break;
      case 'x': {
        int high = i < data.size() ? HexDigitValue(data[i]) : -1;
        int low = i + 1 < data.size() ? HexDigitValue(data[i + 1]) : -1;
        if (high < 0 || low < 0) {
          return absl::InvalidArgumentError(absl::StrCat("invalid \\x escape at position ", backslash));
        }
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          int value = e - '0';
          for (int more = 0; more < 2 && i < data.size() && data[i] >= '0' && data[i] <= '7'; ++more, ++i) {
            value = value * 8 + (data[i] - '0');
          }
          out.push_back(static_cast<char>(value & 0xFF));
        } else {
          // Unknown escapes stay as written (CPython warns and keeps them).
          out.push_back('\\');
          out.push_back(e);
        }
    }
  }
  return result;
}

absl::StatusOr<StringDecoder> StringDecoder::Create(std::string_view encoding, std::string_view errors) {
  Handler handler;
  if (errors == "strict") {
    handler = Handler::kStrict;
  } else if (errors == "replace") {
    handler = Handler::kReplace;
  } else if (errors == "ignore") {
    handler = Handler::kIgnore;
  } else if (errors == "surrogateescape") {
    handler = Handler::kSurrogateEscape;
  } else if (errors == "backslashreplace") {
    handler = Handler::kBackslashReplace;
  } else if (errors == "surrogatepass") {
    handler = Handler::kSurrogatePass;
  } else {
    return absl::InvalidArgumentError(absl::StrCat("unknown error handler name '", ToAbsl(errors), "'"));
  }
  if (encoding == "bytes") return StringDecoder(Codec::kBytes, handler);
  std::string name = NormalizeEncodingName(encoding);
  static constexpr std::string_view kAscii[] = {"ascii", "646", "us_ascii", "us", "ansi_x3.4_1968", "cp367",
                                                "csascii", "ibm367", "iso646_us", "iso_ir_6"};
  static constexpr std::string_view kUtf8[] = {"utf_8", "utf8", "u8", "utf", "cp65001", "utf8_ucs2", "utf8_ucs4"};
  for (std::string_view alias : kAscii) {
    if (name == alias) return StringDecoder(Codec::kAscii, handler);
  }
  for (std::string_view alias : kLatin1Aliases) {
    if (name == alias) return StringDecoder(Codec::kLatin1, handler);
  }
  for (std::string_view alias : kUtf8) {
    if (name == alias) return StringDecoder(Codec::kUtf8, handler);
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown encoding: ", ToAbsl(encoding)));
}

void StringDecoder::HandleError(std::string_view data, size_t start, size_t end, std::string& out) const {
  switch (handler_) {
    case Handler::kReplace:
      AppendUtf8(0xFFFD, out);
      return;
    case Handler::kSurrogateEscape:
      for (size_t i = start; i < end; ++i) AppendUtf8(0xDC00 + static_cast<uint8_t>(data[i]), out);
      return;
    case Handler::kBackslashReplace:
      for (size_t i = start; i < end; ++i) out += absl::StrFormat("\\x%02x", static_cast<uint8_t>(data[i]));
      return;
    case Handler::kIgnore:
    case Handler::kStrict:
    case Handler::kSurrogatePass:
      return;
  }
}

absl::StatusOr<ConvertedText> StringDecoder::DecodeAscii(std::string_view data) const {
  ConvertedText result;
  size_t pos = SkipAscii(data, 0);
  if (pos == data.size()) return result;
  bool strict = handler_ == Handler::kStrict || handler_ == Handler::kSurrogatePass;
  if (strict) {
    return absl::InvalidArgumentError(
        DecodeErrorMessage("ascii", data, {pos, pos + 1, "ordinal not in range(128)"}));
  }
  result.same_as_input = false;
  result.text.assign(data.substr(0, pos));
  while (pos < data.size()) {
    HandleError(data, pos, pos + 1, result.text);
    size_t next = SkipAscii(data, pos + 1);
    result.text.append(data.substr(pos + 1, next - pos - 1));
    pos = next;
  }
  return result;
}

absl::StatusOr<ConvertedText> StringDecoder::DecodeUtf8(std::string_view data) const {
  ConvertedText result;
  bool allow_surrogates = handler_ == Handler::kSurrogatePass;
  bool strict = handler_ == Handler::kStrict || handler_ == Handler::kSurrogatePass;
  size_t pos = SkipAscii(data, 0);
  size_t copied_up_to = 0;  // data[0, copied_up_to) is already in result.text
  while (pos < data.size()) {
    DecodeProblem problem;
    size_t length = Utf8SequenceLength(data, pos, allow_surrogates, problem);
    if (length == 0) {
      if (strict) return absl::InvalidArgumentError(DecodeErrorMessage("utf-8", data, problem));
      result.same_as_input = false;
      result.text.append(data.substr(copied_up_to, problem.start - copied_up_to));
      HandleError(data, problem.start, problem.end, result.text);
      copied_up_to = problem.end;
      pos = SkipAscii(data, problem.end);
      continue;
    }
    pos = SkipAscii(data, pos + length);
  }
  if (!result.same_as_input) result.text.append(data.substr(copied_up_to));
  return result;
}

absl::StatusOr<ConvertedText> StringDecoder::Decode(std::string_view data) const {
  switch (codec_) {
    case Codec::kBytes:
      return ConvertedText{};
    case Codec::kAscii:
      return DecodeAscii(data);
    case Codec::kUtf8:
      return DecodeUtf8(data);
    case Codec::kLatin1: {
      ConvertedText result;
      if (SkipAscii(data, 0) == data.size()) return result;
      result.same_as_input = false;
      result.text.reserve(data.size() * 2);
      for (char c : data) AppendUtf8(static_cast<uint8_t>(c), result.text);
      return result;
    }
  }
  return ConvertedText{};
}

}  // namespace brine
