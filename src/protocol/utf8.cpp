// UTF-8 validation and U+FFFD substitution (WHATWG Encoding Standard, "UTF-8 decoder").
// Pure byte code: no locale, no allocation beyond the output string.
#include "protocol/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace ttft::protocol {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

struct Sequence {
  std::size_t length;  // bytes consumed: the whole character, or the maximal invalid subpart
  bool valid;
};

// Reads one character at s[0]. The first continuation byte's range depends on the lead byte
// (E0: A0-BF, ED: 80-9F, F0: 90-BF, F4: 80-8F); that rules out overlongs, surrogates and
// code points above U+10FFFF. A bad byte ends the subpart and is read again as a new lead.
Sequence next_sequence(const unsigned char* s, std::size_t n) {
  const unsigned char lead = s[0];
  if (lead < 0x80) return {1, true};
  std::size_t need = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lo = 0xA0;
    if (lead == 0xED) hi = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;
  } else {
    return {1, false};
  }
  for (std::size_t i = 1; i <= need; ++i) {
    if (i >= n || s[i] < lo || s[i] > hi) return {i, false};
    lo = 0x80;
    hi = 0xBF;
  }
  return {need + 1, true};
}

// Length of the leading all-ASCII run, 8 bytes at a time.
std::size_t ascii_prefix(const unsigned char* s, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s + i, sizeof word);
    if ((word & 0x8080808080808080ULL) != 0) break;
  }
  while (i < n && s[i] < 0x80) ++i;
  return i;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = ascii_prefix(s, n);
  while (i < n) {
    const Sequence seq = next_sequence(s + i, n - i);
    if (!seq.valid) return false;
    i += seq.length;
    i += ascii_prefix(s + i, n - i);
  }
  return true;
}

void decode_utf8_lossy(std::string_view bytes, std::string& out) {
  out.clear();
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    const Sequence seq = next_sequence(s + i, n - i);
    if (seq.valid) {
      out.append(bytes.data() + i, seq.length);
    } else {
      out.append(kReplacement);
    }
    i += seq.length;
  }
}

std::size_t incomplete_utf8_tail(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  // A character is at most 4 bytes, so an unfinished one starts in the last 3.
  for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
    const unsigned char byte = s[n - back];
    if (byte < 0x80) return 0;
    if (byte < 0xC0) continue;  // a continuation byte: its lead is further back
    if (byte < 0xC2 || byte > 0xF4) return 0;  // never a lead byte
    // The lead of the last character: unfinished when its bytes so far are valid but too few.
    const Sequence seq = next_sequence(s + n - back, back);
    return !seq.valid && seq.length == back ? back : 0;
  }
  return 0;
}

}  // namespace ttft::protocol
