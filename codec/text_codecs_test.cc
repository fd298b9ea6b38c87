// Text conversions against CPython: the same byte strings go through
// bytes.decode(...), codecs.escape_decode and brine, and the results (or
// error messages) must match exactly.
#include "brine/codec/text_codecs.h"

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

using std::string_literals::operator""s;

// Inputs chosen to hit every branch: ASCII, Latin-1, valid and broken UTF-8
// (truncated, overlong, surrogates, above U+10FFFF), escapes of every kind.
std::vector<std::string> Inputs() {
  return {
      "",
      "plain ascii",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
      "\xe9t\xe9",
      "a\xff",
      "\xed\xa0\x80",
      "\xed\xb0\x80\xed\xa0\x80",
      "\xed\xa0",
      "\xed\xa0x",
      "\xe2\x82",
      "a\xe0\x80\x80",
      "\xf0\x9f\x98",
      "\xf0\x9f\x98x",
      "\xc0\xaf",
      "\xf4\x90\x80\x80",
      "\x80\xbf",
      "\\u0041\\U0001F600\\u00e9\xe9",
      "\\ud83d\\ude00",
      "\\u12",
      "\\U0011",
      "ab\\U00110000",
      "a\\\\u0041",
      "\\",
      "\\x41\\x4a\\n\\t\\r\\'\\\"\\\\",
      "\\101\\0\\08\\777\\1234",
      "a\\\nb",
      "\\q\\N{DASH}",
      "\\x4",
      "ab\\x",
      "\\xgg",
      "\\a\\b\\f\\v",
  };
}

constexpr const char* kPythonScript = R"(
import codecs, sys
def show(text):
    return text.encode('utf-8', 'surrogatepass').hex()
def run(label, fn):
    try:
        print(label, show(fn()))
    except (UnicodeDecodeError, ValueError) as e:
        print(label, 'ERR', e)
for line in sys.stdin.read().split('\n'):
    data = bytes.fromhex(line)
    print('#', line)
    for enc in ('ascii', 'latin-1', 'utf-8'):
        for err in ('strict', 'replace', 'ignore', 'surrogateescape', 'backslashreplace', 'surrogatepass'):
            if enc != 'utf-8' and err == 'surrogatepass':
                continue
            run(enc + '/' + err, lambda: data.decode(enc, err))
    run('raw_unicode_escape', lambda: data.decode('raw_unicode_escape'))
    run('escape_decode', lambda: codecs.escape_decode(data)[0].decode('latin-1'))
    run('utf8_surrogatepass', lambda: data.decode('utf-8', 'surrogatepass'))
    run('utf8_strict', lambda: data.decode('utf-8'))
)";

std::string Show(const absl::StatusOr<ConvertedText>& result, std::string_view input) {
  if (!result.ok()) return "ERR " + std::string(result.status().message());
  return absl::BytesToHexString(result->same_as_input ? ToAbsl(input)
                                                      : absl::string_view(result->text));
}

TEST(TextCodecsTest, MatchesCPython) {
  std::vector<std::string> hex_inputs;
  for (const std::string& input : Inputs()) hex_inputs.push_back(absl::BytesToHexString(input));
  absl::StatusOr<ProcessResult> python =
      RunPython(kPythonScript, {}, absl::StrJoin(hex_inputs, "\n"));
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;

  std::ostringstream ours;
  for (const std::string& input : Inputs()) {
    ours << "# " << absl::BytesToHexString(input) << "\n";
    for (std::string enc : {"ascii", "latin-1", "utf-8"}) {
      for (std::string err : {"strict", "replace", "ignore", "surrogateescape", "backslashreplace", "surrogatepass"}) {
        if (enc != "utf-8" && err == "surrogatepass") continue;
        absl::StatusOr<StringDecoder> decoder = StringDecoder::Create(enc, err);
        ASSERT_TRUE(decoder.ok()) << decoder.status();
        ours << enc << "/" << err << " " << Show(decoder->Decode(input), input) << "\n";
      }
    }
    ours << "raw_unicode_escape " << Show(DecodeRawUnicodeEscape(input), input) << "\n";
    absl::StatusOr<ConvertedText> unescaped = UnescapeBytesLiteral(input);
    if (unescaped.ok()) {
      std::string bytes = unescaped->same_as_input ? input : unescaped->text;
      ConvertedText as_text{false, Latin1ToUtf8(bytes)};
      ours << "escape_decode " << Show(as_text, "") << "\n";
    } else {
      ours << "escape_decode " << Show(unescaped, input) << "\n";
    }
    for (bool allow_surrogates : {true, false}) {
      absl::Status valid = ValidateUtf8(input, allow_surrogates);
      ours << (allow_surrogates ? "utf8_surrogatepass " : "utf8_strict ")
           << (valid.ok() ? absl::BytesToHexString(input) : "ERR " + std::string(valid.message())) << "\n";
    }
  }
  std::vector<std::string> our_lines = absl::StrSplit(ours.str(), '\n');
  std::vector<std::string> python_lines = absl::StrSplit(python->stdout_text, '\n');
  ASSERT_EQ(our_lines.size(), python_lines.size());
  std::string input_line;
  for (size_t i = 0; i < our_lines.size(); ++i) {
    if (python_lines[i].rfind("# ", 0) == 0) input_line = python_lines[i];
    EXPECT_EQ(our_lines[i], python_lines[i]) << "input " << input_line;
  }
}

// ValidateUtf8 takes short ASCII text inline, reading it in words that may
// overlap: a byte at or above 0x80 anywhere in text of any length up to and
// past the inline limit must still reach the full check (a lone 0x80 or 0xff
// is refused).
TEST(TextCodecsTest, ValidateUtf8SeesEveryByteOfShortText) {
  for (size_t length = 0; length <= 40; ++length) {
    const std::string ascii(length, 'a');
    EXPECT_TRUE(ValidateUtf8(ascii, /*allow_surrogates=*/false).ok()) << length;
    for (size_t at = 0; at < length; ++at) {
      for (char high : {'\x80', '\xff'}) {
        std::string text = ascii;
        text[at] = high;
        EXPECT_FALSE(ValidateUtf8(text, /*allow_surrogates=*/true).ok()) << length << " " << at;
      }
    }
  }
}

TEST(TextCodecsTest, CodecNamesAndAliases) {
  for (std::string name : {"ASCII", "us-ascii", "646", "latin1", "Latin-1", "ISO-8859-1", "iso8859_1", "L1", "utf8",
                           "UTF-8", "utf_8", "U8", "bytes"}) {
    EXPECT_TRUE(StringDecoder::Create(name, "strict").ok()) << name;
  }
  EXPECT_TRUE(StringDecoder::Create("bytes", "strict")->keeps_bytes());
  EXPECT_FALSE(StringDecoder::Create("latin1", "strict")->keeps_bytes());
  EXPECT_EQ(StringDecoder::Create("koi8-r", "strict").status().message(), "unknown encoding: koi8-r");
  EXPECT_EQ(StringDecoder::Create("ascii", "nope").status().message(), "unknown error handler name 'nope'");
  EXPECT_TRUE(IsLatin1CodecName("latin-1"));
  EXPECT_TRUE(IsLatin1CodecName("ISO_8859-1"));
  EXPECT_FALSE(IsLatin1CodecName("utf-8"));
}

// Latin1Size then EncodeLatin1, as a caller writing into its own buffer does.
std::optional<std::string> EncodeLatin1ToString(std::string_view utf8) {
  std::optional<size_t> size = Latin1Size(utf8);
  if (!size) return std::nullopt;
  std::string out(*size, '?');
  if (!EncodeLatin1(utf8, std::span<char>(out.data(), out.size()))) return std::nullopt;
  return out;
}

TEST(TextCodecsTest, EncodeLatin1) {
  EXPECT_EQ(EncodeLatin1ToString("ab\xc3\xbf\xc2\x80"), "ab\xff\x80"s);
  EXPECT_EQ(EncodeLatin1ToString(""), ""s);
  EXPECT_EQ(EncodeLatin1ToString("\xe2\x82\xac"), std::nullopt);
  EXPECT_EQ(EncodeLatin1ToString("a\xc3"), std::nullopt);
  EXPECT_EQ(EncodeLatin1ToString("\x80"), std::nullopt);
  EXPECT_EQ(EncodeLatin1ToString("\xc3\xbf\xbf"), std::nullopt);
  EXPECT_EQ(EncodeLatin1ToString("\xc2" "A"), std::nullopt);
  EXPECT_EQ(EncodeLatin1ToString("0123456789abcdef\xc3\xa9\xe2\x82\xac" "0123456789"), std::nullopt);
  EXPECT_EQ(EncodeLatin1ToString("0123456789abcdef\xc3\xa9\xc2\xa0" "0123456789"), "0123456789abcdef\xe9\xa0" "0123456789"s);
  EXPECT_EQ(EncodeLatin1ToString("\xc1\xbf"), std::nullopt);
  EXPECT_EQ(EncodeLatin1ToString("\xc4\x80"), std::nullopt);
  EXPECT_EQ(EncodeLatin1ToString("0123456789abcdef\xc4\x80" "0123456789"), std::nullopt);
  EXPECT_EQ(EncodeLatin1ToString("\xed\xa0\x80"), std::nullopt);  // lone surrogate U+D800
  std::string every_code_point;
  std::string every_byte;
  for (int code_point = 0; code_point < 256; ++code_point) {
    AppendUtf8(static_cast<uint32_t>(code_point), every_code_point);
    every_byte.push_back(static_cast<char>(code_point));
  }
  EXPECT_EQ(EncodeLatin1ToString(every_code_point), every_byte);
}

// Long text, where EncodeLatin1 takes eight bytes at a time: every length up
// to 80 with the characters at every alignment, and each way of breaking it
// (a lead without its continuation, a stray continuation, a lead above 0xC3)
// at every position.
TEST(TextCodecsTest, EncodeLatin1EightBytesAtATime) {
  for (size_t length = 0; length <= 80; ++length) {
    std::string bytes;
    std::string utf8;
    for (size_t i = 0; i < length; ++i) {
      const uint8_t byte = static_cast<uint8_t>((i * 37 + length * 11) % 256);
      bytes.push_back(static_cast<char>(byte));
      AppendUtf8(byte, utf8);
    }
    ASSERT_EQ(EncodeLatin1ToString(utf8), bytes) << length;
    for (size_t at = 0; at < utf8.size(); ++at) {
      const uint8_t byte = static_cast<uint8_t>(utf8[at]);
      std::string broken = utf8;
      if (byte >= 0xC0) {
        broken[at] = 'x';  // its continuation is left stray
      } else if (byte >= 0x80) {
        broken[at] = 'x';  // its lead is left alone
      } else {
        broken.insert(at, "\x80");  // a stray continuation
      }
      EXPECT_EQ(EncodeLatin1ToString(broken), std::nullopt) << length << " at " << at;
      std::string too_high = utf8;
      too_high.replace(at, byte >= 0xC0 ? 2 : 1, "\xc4\x80");
      EXPECT_EQ(EncodeLatin1ToString(too_high), std::nullopt) << length << " at " << at;
    }
  }
}

// Latin1ToUtf8 (Latin1Utf8Size + DecodeLatin1) against AppendUtf8 of each
// byte, for every byte value at every position of inputs of every length up
// to 24 (word-at-a-time counting, the last character written on its own).
TEST(TextCodecsTest, DecodeLatin1) {
  for (size_t length = 0; length <= 24; ++length) {
    for (int byte = 0; byte < 256; ++byte) {
      for (size_t at = 0; at < std::max<size_t>(length, 1); ++at) {
        std::string data(length, 'a');
        if (length > 0) data[at] = static_cast<char>(byte);
        std::string expected;
        for (char c : data) AppendUtf8(static_cast<uint8_t>(c), expected);
        ASSERT_EQ(Latin1ToUtf8(data), expected) << "length " << length << ", byte " << byte << " at " << at;
        ASSERT_EQ(Latin1Utf8Size(data), expected.size());
      }
    }
  }
  EXPECT_EQ(Latin1ToUtf8("\xff\xff\x7f\x80"), "\xc3\xbf\xc3\xbf\x7f\xc2\x80"s);
}

TEST(TextCodecsTest, UnchangedInputIsNotCopied) {
  EXPECT_TRUE(DecodeRawUnicodeEscape("plain")->same_as_input);
  EXPECT_TRUE(UnescapeBytesLiteral("plain \xff")->same_as_input);
  EXPECT_TRUE(StringDecoder::Create("utf-8", "strict")->Decode("caf\xc3\xa9")->same_as_input);
  EXPECT_FALSE(StringDecoder::Create("latin1", "strict")->Decode("caf\xe9")->same_as_input);
}

}  // namespace
}  // namespace brine
