// Tests for int conversions, checked against CPython's int, str() and
// pickle.encode_long (the LONG1/LONG4 payload) computed at test time.
#include "brine/value/bigint.h"

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "brine/tests/python_runner.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

std::string Hex(std::string_view bytes) { return absl::BytesToHexString(ToAbsl(bytes)); }
std::string Unhex(std::string_view hex) { return absl::HexStringToBytes(ToAbsl(hex)); }

// Runs a script printing whitespace-separated fields per line.
std::vector<std::vector<std::string>> PythonLines(const std::string& script) {
  absl::StatusOr<ProcessResult> result = RunPython(script);
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok()) return {};
  EXPECT_EQ(result->exit_code, 0) << result->stderr_text;
  std::vector<std::vector<std::string>> lines;
  std::istringstream in(result->stdout_text);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::vector<std::string> row;
    for (std::string field; fields >> field;) row.push_back(field);
    lines.push_back(row);
  }
  return lines;
}

constexpr char kIntCases[] = R"(
import pickle, random, sys
sys.set_int_max_str_digits(0)
random.seed(11)
values = [0, 1, -1, 127, 128, 255, 256, -128, -129, -255, -256, -257, 2**31, -2**31,
          2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64, -2**64, 2**64 - 1, 2**64 + 1, 2**72, -2**72]
for bits in range(1, 700):
    v = random.getrandbits(bits)
    values += [v, -v, 2**bits, -2**bits, 2**bits - 1, -(2**bits) + 1]
for v in values:
    print(v, pickle.encode_long(v).hex() or '-')
)";

TEST(BigIntTest, DecimalAndTwosComplementAgreeWithCPython) {
  std::vector<std::vector<std::string>> lines = PythonLines(kIntCases);
  ASSERT_GT(lines.size(), 4000u);
  Heap heap;
  for (const auto& line : lines) {
    ASSERT_EQ(line.size(), 2u);
    const std::string& decimal = line[0];
    std::string bytes = line[1] == "-" ? "" : Unhex(line[1]);
    absl::StatusOr<Value> parsed = IntFromDecimal(heap, decimal);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(Hex(TwosComplementOf(*parsed)), Hex(bytes)) << decimal;
    EXPECT_EQ(parsed->kind(), bytes.size() <= 8 ? Kind::kInt : Kind::kBigInt) << decimal;

    Value from_bytes = IntFromTwosComplement(heap, bytes);
    EXPECT_EQ(from_bytes.kind(), parsed->kind());
    absl::StatusOr<std::string> text = IntToDecimal(from_bytes);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, decimal);
    EXPECT_EQ(IntSign(from_bytes), decimal == "0" ? 0 : decimal[0] == '-' ? -1 : 1);

    // Redundant sign-extension bytes give the same canonical value.
    char extension = (!bytes.empty() && (bytes.back() & 0x80)) ? '\xff' : '\0';
    Value widened = IntFromTwosComplement(heap, bytes + std::string(9, extension));
    EXPECT_EQ(Hex(TwosComplementOf(widened)), Hex(bytes)) << decimal;
    EXPECT_EQ(widened.kind(), parsed->kind());
  }
}

TEST(BigIntTest, PlusSignAndLeadingZerosParse) {
  Heap heap;
  absl::StatusOr<Value> v = IntFromDecimal(heap, "+000123");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->as_int(), 123);
  v = IntFromDecimal(heap, "-0");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->kind(), Kind::kInt);
  EXPECT_EQ(v->as_int(), 0);
}

TEST(BigIntTest, RejectsMalformedText) {
  Heap heap;
  for (std::string_view bad : {"", "-", "+", "1_000", " 1", "1 ", "0x10", "1.0", "--1", "١"}) {
    EXPECT_FALSE(IntFromDecimal(heap, bad).ok()) << bad;
  }
}

TEST(BigIntTest, DigitLimitMessagesMatchCPython) {
  std::vector<std::vector<std::string>> expected = PythonLines(R"(
for f in (lambda: repr(10**5000), lambda: int('1' * 5000)):
    try:
        f()
    except ValueError as e:
        print(e)
)");
  ASSERT_EQ(expected.size(), 2u);
  auto join = [](const std::vector<std::string>& words) {
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
    return text;
  };
  Heap heap;
  absl::StatusOr<Value> big = IntFromDecimal(heap, "1" + std::string(5000, '0'));
  ASSERT_TRUE(big.ok());
  absl::StatusOr<std::string> text = IntToDecimal(*big, 4300);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(std::string(text.status().message()), join(expected[0]));
  absl::StatusOr<Value> parsed = IntFromDecimal(heap, std::string(5000, '1'), 4300);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(std::string(parsed.status().message()), join(expected[1]));

  // Exactly at the limit is fine both ways; one more digit is not.
  EXPECT_TRUE(IntFromDecimal(heap, std::string(4300, '9'), 4300).ok());
  EXPECT_FALSE(IntFromDecimal(heap, std::string(4301, '9'), 4300).ok());
  absl::StatusOr<Value> at_limit = IntFromDecimal(heap, "-" + std::string(4300, '9'));
  ASSERT_TRUE(at_limit.ok());
  EXPECT_TRUE(IntToDecimal(*at_limit, 4300).ok());
  absl::StatusOr<Value> over = IntFromDecimal(heap, "1" + std::string(4300, '0'));
  ASSERT_TRUE(over.ok());
  EXPECT_FALSE(IntToDecimal(*over, 4300).ok());
}

TEST(BigIntTest, HundredThousandDigitsConvertQuicklyBothWays) {
  std::vector<std::vector<std::string>> lines = PythonLines(R"(
import pickle, random, sys
sys.set_int_max_str_digits(0)
random.seed(5)
v = -random.randrange(10**99999, 10**100000)
print(v, pickle.encode_long(v).hex())
)");
  ASSERT_EQ(lines.size(), 1u);
  Heap heap;
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<Value> parsed = IntFromDecimal(heap, lines[0][0]);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Hex(TwosComplementOf(*parsed)), lines[0][1]);
  absl::StatusOr<std::string> text = IntToDecimal(IntFromTwosComplement(heap, Unhex(lines[0][1])));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, lines[0][0]);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 5.0);
}

TEST(BigIntTest, SizesAcrossTheDivideAndConquerThresholdsAgreeWithCPython) {
  // Schoolbook below 64 limbs, divide and conquer with Karatsuba above: sizes
  // from a few hundred to 40,000 digits, powers of ten and their neighbours
  // (all-nines, carries across every limb) included.
  std::vector<std::vector<std::string>> lines = PythonLines(R"(
import pickle, random, sys
sys.set_int_max_str_digits(0)
random.seed(7)
values = []
for digits in [600, 617, 618, 1200, 2466, 2467, 5000, 9999, 10000, 20001, 40000]:
    values += [random.randrange(10**(digits - 1), 10**digits), 10**digits, 10**digits - 1, -(10**digits) - 1]
for bits in [2048, 2049, 4096, 65536, 65537]:
    values += [2**bits, 2**bits - 1, -random.getrandbits(bits)]
for v in values:
    print(v, pickle.encode_long(v).hex())
)");
  ASSERT_EQ(lines.size(), 59u);
  Heap heap;
  for (const std::vector<std::string>& line : lines) {
    absl::StatusOr<Value> parsed = IntFromDecimal(heap, line[0]);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(Hex(TwosComplementOf(*parsed)), line[1]) << line[0].size() << " digits";
    absl::StatusOr<std::string> text = IntToDecimal(IntFromTwosComplement(heap, Unhex(line[1])));
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, line[0]) << line[0].size() << " digits";
  }
}

TEST(BigIntTest, QuarterMillionDigitsRoundTripInSubQuadraticTime) {
  // The schoolbook loops took 15 s at this size in an optimized build (a
  // million digits: 4 minutes); divide and conquer takes 0.1 s (0.6 s).
  Heap heap;
  std::string digits(250000, '0');
  for (size_t i = 0; i < digits.size(); ++i) digits[i] = static_cast<char>('1' + (i * 7919 + i / 13) % 9);
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<Value> parsed = IntFromDecimal(heap, digits);
  ASSERT_TRUE(parsed.ok());
  absl::StatusOr<std::string> text = IntToDecimal(*parsed);
  ASSERT_TRUE(text.ok());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(*text == digits);
  EXPECT_LT(seconds, 10.0);
}

TEST(BigIntTest, OverTheLimitIsRefusedFromTheBitLengthAtOnce) {
  // A 1 MB LONG4 payload: about 2.5 million digits, refused without
  // converting, with CPython's message.
  Heap heap;
  Value huge = IntFromTwosComplement(heap, std::string(1 << 20, '\x01'));
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<std::string> text = IntToDecimal(huge, kDefaultMaxIntDigits);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(text.status().message(),
            "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to "
            "increase the limit");
  EXPECT_LT(seconds, 0.05);
}

TEST(BigIntTest, IntegralDoublesMatchCPythonsInt) {
  std::vector<std::vector<std::string>> lines = PythonLines(R"(
import pickle, random, struct
random.seed(3)
values = [0.0, -0.0, 1.0, -1.0, 2.0**63, -2.0**63, 2.0**64, 1e300, -1e300, 2.0**1023 * 1.5, 4503599627370497.0]
for _ in range(3000):
    d = struct.unpack('<d', random.getrandbits(64).to_bytes(8, 'little'))[0]
    if d == d and abs(d) != float('inf'):
        values.append(float(int(d)))
for d in values:
    print(d.hex(), pickle.encode_long(int(d)).hex() or '-')
)");
  ASSERT_GT(lines.size(), 2000u);
  for (const auto& line : lines) {
    double d = std::strtod(line[0].c_str(), nullptr);
    EXPECT_EQ(Hex(TwosComplementOfIntegralDouble(d)), line[1] == "-" ? "" : line[1]) << line[0];
  }
}

}  // namespace
}  // namespace brine
