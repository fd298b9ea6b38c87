// Latin-1 to and from brine's UTF-8 str text (see text_codecs.h): Latin1Size
// and EncodeLatin1 (str.encode('latin-1')), Latin1Utf8Size and DecodeLatin1
// (bytes.decode('latin-1')). This is how protocol 0-2 pickles carry bytes
// (_codecs.encode(text, 'latin1')), so a large payload goes through here:
// on x86-64 machines with BMI2, several bytes per step, PDEP and PEXT
// spreading and squeezing them.
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>

#include "brine/codec/text_codecs.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace brine {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080u;
// A lead byte's bits 5..1 are 00001 for 0xC2 and 0xC3, the leads of U+0080
// to U+00FF.
constexpr uint64_t kLatin1LeadBits = 0x0202020202020202u;
constexpr uint64_t kLeadPayloadBits = 0x3E3E3E3E3E3E3E3Eu;

// Bit 7 of each byte of `word` that is a UTF-8 lead byte (11xxxxxx), or a
// continuation byte (10xxxxxx).
uint64_t LeadBytes(uint64_t word) { return word & (word << 1) & kHighBits; }
uint64_t ContinuationBytes(uint64_t word) { return word & ~(word << 1) & kHighBits; }
// Nonzero when a lead byte of `word` (`leads`: LeadBytes(word)) is neither
// 0xC2 nor 0xC3, so starts a character above U+00FF.
uint64_t LeadsAboveLatin1(uint64_t word, uint64_t leads) {
  return (word ^ kLatin1LeadBits) & kLeadPayloadBits & ((leads >> 7) * 0xFF);
}

// EncodeLatin1 from utf8[i] and out[written] on, one character at a time.
bool EncodeLatin1From(std::string_view utf8, size_t i, std::span<char> out, size_t written) {
  for (; i < utf8.size(); ++i) {
    const uint8_t byte = static_cast<uint8_t>(utf8[i]);
    if (written == out.size()) return false;
    if (byte < 0x80) {
      out[written++] = static_cast<char>(byte);
    } else if ((byte == 0xC2 || byte == 0xC3) && i + 1 < utf8.size() &&
               (static_cast<uint8_t>(utf8[i + 1]) & 0xC0) == 0x80) {
      out[written++] = static_cast<char>(((byte & 0x03) << 6) | (static_cast<uint8_t>(utf8[i + 1]) & 0x3F));
      ++i;
    } else {
      return false;
    }
  }
  return written == out.size();
}

#if defined(__x86_64__)
// Eight input bytes per step: each lead byte (0xC2/0xC3) is combined with
// the byte after it, ASCII kept, and the continuation bytes squeezed out by
// PEXT; the step stores eight bytes, of which the characters' count are
// kept. A lead without its continuation, a continuation without its lead or
// a lead above 0xC3 fails, as it does one character at a time.
__attribute__((target("bmi2,popcnt"))) bool EncodeLatin1EightAtATime(std::string_view utf8, std::span<char> out) {
  constexpr uint64_t kLowTwoBits = 0x0303030303030303u;
  constexpr uint64_t kLowSixBits = 0x3F3F3F3F3F3F3F3Fu;
  const char* in = utf8.data();
  size_t i = 0;
  size_t written = 0;
  uint64_t malformed = 0;
  uint64_t lead_before = 0;  // 0x80 when the byte before this step's first is a lead
  // Nine bytes read (the step's and the one after) and eight written.
  for (; i + 9 <= utf8.size() && written + 8 <= out.size(); i += 8) {
    uint64_t word;
    uint64_t after;  // the bytes one further on: each byte's successor
    std::memcpy(&word, in + i, 8);
    std::memcpy(&after, in + i + 1, 8);
    const uint64_t leads = LeadBytes(word);
    const uint64_t continuations = ContinuationBytes(word);
    const uint64_t continuations_after = ContinuationBytes(after);
    const uint64_t lead_bytes = (leads >> 7) * 0xFF;
    malformed |= (leads & ~continuations_after) | (continuations & ~((leads << 8) | lead_before)) |
                 LeadsAboveLatin1(word, leads);
    lead_before = leads >> 56;
    const uint64_t combined = ((word & kLowTwoBits) << 6) | (after & kLowSixBits);
    const uint64_t characters = (combined & lead_bytes) | (word & ~lead_bytes);
    const uint64_t kept_bytes = ~((continuations >> 7) * 0xFF);
    const uint64_t packed = _pext_u64(characters, kept_bytes);
    std::memcpy(out.data() + written, &packed, 8);
    written += static_cast<size_t>(__builtin_popcountll(kept_bytes)) / 8;
  }
  if (malformed != 0) return false;
  // The continuation of a lead that ended the last step was used by it.
  if (lead_before != 0) ++i;
  return EncodeLatin1From(utf8, i, out, written);
}

bool HasBmi2() {
  static const bool has_bmi2 = __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
  return has_bmi2;
}
#endif

// DecodeLatin1 from data[i] and out[o] on. Both bytes of a two-byte
// character are stored for every byte, with the output advanced by one or
// two, so there is no branch on the data; the last bytes are written one
// character at a time to stay inside `out`.
void DecodeLatin1From(std::string_view data, size_t i, std::span<char> out, size_t o) {
  for (; i < data.size() && o + 2 <= out.size(); ++i) {
    const uint8_t byte = static_cast<uint8_t>(data[i]);
    const uint8_t high = byte >> 7;
    out[o] = static_cast<char>(high ? 0xC0 | (byte >> 6) : byte);
    out[o + 1] = static_cast<char>(0x80 | (byte & 0x3F));
    o += 1 + high;
  }
  if (i < data.size()) out[o] = data[i];  // the last character, an ASCII byte
}

#if defined(__x86_64__)
// Four input bytes per step, each spread to a 16-bit lane by PDEP: an ASCII
// byte stays, a byte from 0x80 up becomes its two UTF-8 bytes, and PEXT
// squeezes out the lanes' unused high bytes; the step stores eight bytes.
__attribute__((target("bmi2,popcnt"))) void DecodeLatin1FourAtATime(std::string_view data, std::span<char> out) {
  constexpr uint64_t kLaneLowBytes = 0x00FF00FF00FF00FFu;
  constexpr uint64_t kLaneHighBits = 0x0080008000800080u;
  constexpr uint64_t kLaneTopTwoBits = 0x0003000300030003u;
  constexpr uint64_t kLaneLowSixBits = 0x003F003F003F003Fu;
  constexpr uint64_t kLaneLeadBits = 0x00C000C000C000C0u;
  size_t i = 0;
  size_t o = 0;
  for (; i + 4 <= data.size() && o + 8 <= out.size(); i += 4) {
    uint32_t four;
    std::memcpy(&four, data.data() + i, 4);
    const uint64_t lanes = _pdep_u64(four, kLaneLowBytes);
    const uint64_t two_byte_lanes = ((lanes & kLaneHighBits) >> 7) * 0xFFFF;
    const uint64_t two_bytes = ((lanes >> 6) & kLaneTopTwoBits) | kLaneLeadBits |
                               (((lanes & kLaneLowSixBits) | kLaneHighBits) << 8);
    const uint64_t characters = (two_bytes & two_byte_lanes) | (lanes & ~two_byte_lanes);
    const uint64_t kept_bytes = kLaneLowBytes | (two_byte_lanes & ~kLaneLowBytes);
    const uint64_t packed = _pext_u64(characters, kept_bytes);
    std::memcpy(out.data() + o, &packed, 8);
    o += static_cast<size_t>(__builtin_popcountll(kept_bytes)) / 8;
  }
  DecodeLatin1From(data, i, out, o);
}
#endif

}  // namespace

std::optional<size_t> Latin1Size(std::string_view utf8) {
  // Eight bytes at a time: count continuation bytes (10xxxxxx) and flag any
  // lead byte (11xxxxxx) other than 0xC2/0xC3 (bits 5..1 not 00001).
  size_t continuation_bytes = 0;
  uint64_t non_latin1_leads = 0;
  size_t i = 0;
  for (; i + 8 <= utf8.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, utf8.data() + i, 8);
    const uint64_t continuations = ContinuationBytes(word);
    const uint64_t leads = LeadBytes(word);
    non_latin1_leads |= LeadsAboveLatin1(word, leads);
    // One bit per byte moved to bit 0 and summed into the top byte (at most 8,
    // so nothing carries); cheaper than std::popcount without -mpopcnt.
    continuation_bytes += static_cast<size_t>(((continuations >> 7) * 0x0101010101010101u) >> 56);
  }
  for (; i < utf8.size(); ++i) {
    const uint8_t byte = static_cast<uint8_t>(utf8[i]);
    continuation_bytes += (byte & 0xC0) == 0x80;
    non_latin1_leads |= byte >= 0xC0 && (byte & 0xFE) != 0xC2;
  }
  if (non_latin1_leads != 0) return std::nullopt;
  return utf8.size() - continuation_bytes;
}

bool EncodeLatin1(std::string_view utf8, std::span<char> out) {
#if defined(__x86_64__)
  if (HasBmi2()) return EncodeLatin1EightAtATime(utf8, out);
#endif
  return EncodeLatin1From(utf8, 0, out, 0);
}

std::string Latin1ToUtf8(std::string_view data) {
  std::string text(Latin1Utf8Size(data), '\0');
  DecodeLatin1(data, text);
  return text;
}

size_t Latin1Utf8Size(std::string_view data) {
  // Every byte from 0x80 up takes two: count their high bits a word at a time.
  size_t high_bytes = 0;
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, data.data() + i, 8);
    high_bytes += static_cast<size_t>((((word & kHighBits) >> 7) * 0x0101010101010101u) >> 56);
  }
  for (; i < data.size(); ++i) high_bytes += static_cast<uint8_t>(data[i]) >> 7;
  return data.size() + high_bytes;
}

void DecodeLatin1(std::string_view data, std::span<char> out) {
#if defined(__x86_64__)
  if (HasBmi2()) return DecodeLatin1FourAtATime(data, out);
#endif
  DecodeLatin1From(data, 0, out, 0);
}

}  // namespace brine
