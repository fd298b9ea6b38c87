// repr() and ascii() of str, repr() of bytes, and str.isprintable() per code
// point, all as CPython 3.11 writes them.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>

#include "brine/value/repr.h"

namespace brine {
namespace {

struct CodePointRange {
  uint32_t first;
  uint32_t last;
};

constexpr CodePointRange kPrintableRanges[] = {
#include "brine/value/printable_table.inc"
};

constexpr char kHexDigits[] = "0123456789abcdef";

// Decodes one code point of UTF-8 in which surrogates are allowed. A byte that
// starts no valid sequence decodes as U+DC80..U+DCFF ('surrogateescape'), so
// malformed text still prints visibly.
uint32_t DecodeNext(std::string_view utf8, size_t& pos) {
  uint8_t lead = static_cast<uint8_t>(utf8[pos]);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
  if (length == 1) {
    ++pos;
    return lead;
  }
  if (length == 0 || pos + length > utf8.size()) {
    ++pos;
    return 0xdc00 + lead;
  }
  uint32_t code_point = lead & (0x7f >> length);
  for (int i = 1; i < length; ++i) {
    uint8_t continuation = static_cast<uint8_t>(utf8[pos + i]);
    if ((continuation & 0xc0) != 0x80) {
      ++pos;
      return 0xdc00 + lead;
    }
    code_point = (code_point << 6) | (continuation & 0x3f);
  }
  static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kMinimum[length] || code_point > 0x10ffff) {
    ++pos;
    return 0xdc00 + lead;
  }
  pos += length;
  return code_point;
}

void AppendUtf8(std::string& out, std::string_view utf8, size_t begin, size_t end) {
  out.append(utf8.substr(begin, end - begin));
}

void AppendHexEscape(std::string& out, char kind, uint32_t value, int digits) {
  out += '\\';
  out += kind;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += kHexDigits[(value >> shift) & 0xf];
}

// The escapes str and bytes reprs share: the chosen quote and the backslash
// get a backslash, tab/newline/return their letters. False when `c` needs
// none of them.
bool AppendCommonEscape(std::string& out, uint32_t c, char quote) {
  switch (c) {
    case '\\': out += "\\\\"; return true;
    case '\t': out += "\\t"; return true;
    case '\n': out += "\\n"; return true;
    case '\r': out += "\\r"; return true;
    default:
      if (c != static_cast<uint8_t>(quote)) return false;
      out += '\\';
      out += quote;
      return true;
  }
}

// CPython's quote choice: single quotes unless the text has a single quote
// and no double quote.
char ChooseQuote(std::string_view text) {
  bool has_single = text.find('\'') != std::string_view::npos;
  bool has_double = text.find('"') != std::string_view::npos;
  return has_single && !has_double ? '"' : '\'';
}

// True for the ASCII characters a str repr copies as they are.
bool IsPlainAscii(char c, char quote) { return c >= 0x20 && c < 0x7f && c != '\\' && c != quote; }

void AppendQuotedStr(std::string& out, std::string_view utf8, bool ascii_only) {
  char quote = ChooseQuote(utf8);
  out += quote;
  for (size_t pos = 0; pos < utf8.size();) {
    size_t run_end = pos;
    while (run_end < utf8.size() && IsPlainAscii(utf8[run_end], quote)) ++run_end;
    out.append(utf8.data() + pos, run_end - pos);  // a run of plain ASCII at once
    pos = run_end;
    if (pos == utf8.size()) break;
    size_t start = pos;
    uint32_t c = DecodeNext(utf8, pos);
    if (AppendCommonEscape(out, c, quote)) continue;
    if (c < 0x20 || c == 0x7f) {
      AppendHexEscape(out, 'x', c, 2);
    } else if (c < 0x7f) {
      out += static_cast<char>(c);
    } else if (!ascii_only && IsPrintable(c)) {
      AppendUtf8(out, utf8, start, pos);
    } else if (c <= 0xff) {
      AppendHexEscape(out, 'x', c, 2);
    } else if (c <= 0xffff) {
      AppendHexEscape(out, 'u', c, 4);
    } else {
      AppendHexEscape(out, 'U', c, 8);
    }
  }
  out += quote;
}

std::string QuoteStr(std::string_view utf8, bool ascii_only) {
  std::string out;
  out.reserve(utf8.size() + 2);
  AppendQuotedStr(out, utf8, ascii_only);
  return out;
}

}  // namespace

bool IsPrintable(uint32_t code_point) {
  auto after = std::upper_bound(std::begin(kPrintableRanges), std::end(kPrintableRanges), code_point,
                                [](uint32_t c, const CodePointRange& range) { return c < range.first; });
  return after != std::begin(kPrintableRanges) && code_point <= std::prev(after)->last;
}

std::string ReprStr(std::string_view utf8) { return QuoteStr(utf8, false); }

void AppendReprStr(std::string& out, std::string_view utf8) { AppendQuotedStr(out, utf8, false); }

std::string AsciiStr(std::string_view utf8) { return QuoteStr(utf8, true); }

namespace {

// b'...' with the given escaping of single quotes (bytes escape only the
// chosen quote; bytearray always escapes ').
std::string QuoteBytes(std::string_view data, bool always_escape_single_quote) {
  char quote = ChooseQuote(data);
  std::string out = "b";
  out.reserve(data.size() + 3);
  out += quote;
  for (char ch : data) {
    uint8_t c = static_cast<uint8_t>(ch);
    if (always_escape_single_quote && c == '\'') {
      out += "\\'";
      continue;
    }
    if (AppendCommonEscape(out, c, quote)) continue;
    if (c < 0x20 || c >= 0x7f) {
      AppendHexEscape(out, 'x', c, 2);
    } else {
      out += ch;
    }
  }
  out += quote;
  return out;
}

}  // namespace

std::string ReprBytes(std::string_view data) { return QuoteBytes(data, false); }

std::string ReprByteArray(std::string_view data) { return "bytearray(" + QuoteBytes(data, true) + ")"; }

}  // namespace brine
