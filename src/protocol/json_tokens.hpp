// The tokens of JSON text for json_scan: whitespace, strings (UTF-8 and escapes checked as
// nlohmann's lexer checks them), numbers and literals. Each skip_* function takes the position
// of a token's first byte and returns the position after it, or nullptr when the token is
// invalid or (numbers) one json_scan leaves to nlohmann. Inline: they run per token of every
// event, and json_scan.cpp is their only user.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ttft::protocol::json_scan::tokens {

// A number with at most this many integer digits plus exponent is below 10^308 < DBL_MAX, so
// strtod cannot overflow it (nlohmann rejects an infinite result: "number overflow parsing").
inline constexpr long kMaxDecimalMagnitude = 308;

inline unsigned char byte(const char* p) { return static_cast<unsigned char>(*p); }

// One comparison for the usual case: most bytes are above the space.
inline bool is_ws(char c) {
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline const char* skip_ws(const char* p, const char* end) {
  while (p != end && is_ws(*p)) ++p;
  return p;
}

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four hex digits at p (p + 4 <= end checked by the caller), or -1.
inline long hex4(const char* p) {
  long code = 0;
  for (int i = 0; i < 4; ++i) {
    const int digit = hex_value(p[i]);
    if (digit < 0) return -1;
    code = code * 16 + digit;
  }
  return code;
}

// Bytes that end the plain run of a string: the quote, the backslash, control characters
// (nlohmann rejects them unescaped) and non-ASCII bytes (checked as UTF-8).
inline constexpr std::array<bool, 256> kStringStop = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  for (int c = 0x80; c < 0x100; ++c) table[c] = true;
  table['"'] = true;
  table['\\'] = true;
  return table;
}();

// One UTF-8 character starting with a byte >= 0x80 (Unicode Table 3-7, as nlohmann checks it);
// the position after it, or nullptr.
inline const char* skip_utf8(const char* p, const char* end) {
  const unsigned char lead = byte(p);
  int continuation = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the first continuation byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuation = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    continuation = 2;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    continuation = 3;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return nullptr;
  }
  if (end - p <= continuation) return nullptr;
  if (byte(p + 1) < low || byte(p + 1) > high) return nullptr;
  for (int i = 2; i <= continuation; ++i) {
    if ((byte(p + i) & 0xC0) != 0x80) return nullptr;
  }
  return p + 1 + continuation;
}

// One escape after its backslash (p at the letter); the position after it, or nullptr. A high
// surrogate must be followed by an escaped low one, and a low one alone is an error (nlohmann).
inline const char* skip_escape(const char* p, const char* end) {
  if (p == end) return nullptr;
  switch (*p) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': return p + 1;
    case 'u': break;
    default: return nullptr;
  }
  if (end - p < 5) return nullptr;
  const long code = hex4(p + 1);
  if (code < 0 || (code >= 0xDC00 && code <= 0xDFFF)) return nullptr;
  if (code < 0xD800 || code > 0xDBFF) return p + 5;
  if (end - p < 11 || p[5] != '\\' || p[6] != 'u') return nullptr;
  const long low = hex4(p + 7);
  if (low < 0xDC00 || low > 0xDFFF) return nullptr;
  return p + 11;
}

// The first byte in [p, end) that ends a plain run (kStringStop), or end. Many bytes at a time,
// since strings are most of an event's bytes: 16 with SSE2, then 8 in a 64-bit word, where the
// lowest flagged byte is exact (the zero-byte trick only misflags bytes above a true hit).
inline const char* skip_plain(const char* p, const char* end) {
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 exists (every x86-64). The signed compare "< 0x20" also
  // flags the bytes >= 0x80, which are negative as signed chars.
  while (end - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i quote_or_backslash = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                                    _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')));
    const __m128i below_space = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
    const __m128i stops = _mm_or_si128(quote_or_backslash, below_space);
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stops));
    if (mask != 0) return p + std::countr_zero(mask);
    p += 16;
  }
#endif
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    const std::uint64_t quote = word ^ (kOnes * '"');
    const std::uint64_t backslash = word ^ (kOnes * '\\');
    const std::uint64_t control = (word - kOnes * 0x20) & ~word;  // bytes below 0x20
    const std::uint64_t quotes = (quote - kOnes) & ~quote;        // zero bytes of quote
    const std::uint64_t backslashes = (backslash - kOnes) & ~backslash;
    // `word` itself flags the non-ASCII bytes.
    const std::uint64_t stops = (control | quotes | backslashes | word) & kHighs;
    static_assert(std::endian::native == std::endian::little, "the lowest byte comes first");
    if (stops != 0) return p + (std::countr_zero(stops) >> 3);
    p += 8;
  }
  while (p != end && !kStringStop[byte(p)]) ++p;
  return p;
}

// A string from its opening quote; the position after the closing quote, or nullptr.
// Always inlined: called for every key and string, where a call's register saves would cost
// more than the scan of a short key.
[[gnu::always_inline]] inline const char* skip_string(const char* p, const char* end,
                                                      bool& has_escape) {
  ++p;
  for (;;) {
    p = skip_plain(p, end);
    if (p == end) return nullptr;
    const char c = *p;
    if (c == '"') return p + 1;
    if (c == '\\') {
      has_escape = true;
      p = skip_escape(p + 1, end);
    } else if (byte(p) >= 0x80) {
      p = skip_utf8(p, end);
    } else {
      return nullptr;  // an unescaped control character
    }
    if (p == nullptr) return nullptr;
  }
}

// A number (RFC 8259 grammar); the position after it, or nullptr when it is invalid or might
// overflow a double.
inline const char* skip_number(const char* p, const char* end) {
  if (*p == '-') ++p;
  if (p == end) return nullptr;
  long integer_digits = 0;
  if (*p == '0') {
    ++p;
    integer_digits = 1;
  } else if (is_digit(*p)) {
    while (p != end && is_digit(*p)) ++p, ++integer_digits;
  } else {
    return nullptr;
  }
  if (p != end && *p == '.') {
    ++p;
    if (p == end || !is_digit(*p)) return nullptr;
    while (p != end && is_digit(*p)) ++p;
  }
  long exponent = 0;
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool negative = false;
    if (p != end && (*p == '+' || *p == '-')) negative = *p++ == '-';
    if (p == end || !is_digit(*p)) return nullptr;
    for (; p != end && is_digit(*p); ++p) {
      if (exponent < 100000) exponent = exponent * 10 + (*p - '0');
    }
    if (negative) exponent = -exponent;  // underflow gives 0 or a subnormal: still finite
  }
  if (integer_digits > kMaxDecimalMagnitude || integer_digits + exponent > kMaxDecimalMagnitude) {
    return nullptr;
  }
  return p;
}

inline const char* skip_literal(const char* p, const char* end, std::string_view word) {
  if (static_cast<std::size_t>(end - p) < word.size() || std::string_view(p, word.size()) != word) {
    return nullptr;
  }
  return p + word.size();
}

}  // namespace ttft::protocol::json_scan::tokens
