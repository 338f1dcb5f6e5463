// UTF-8 validation and lossy decoding of complete lines, as the WHATWG Encoding Standard's UTF-8
// decoder does it. Works on bytes only; never called on a partial line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ttft::protocol {

/// True when `bytes` is well-formed UTF-8 (Unicode Table 3-7: no overlongs, no surrogates,
/// nothing above U+10FFFF, no truncated sequence).
bool is_valid_utf8(std::string_view bytes);

/// Replaces `out` with `bytes` where each maximal invalid subsequence becomes one U+FFFD
/// (EF BF BD), matching browsers ("U+FFFD substitution of maximal subparts").
void decode_utf8_lossy(std::string_view bytes, std::string& out);

/// The number of bytes (0-3) at the end of `bytes` that begin a multi-byte character whose
/// remaining bytes have not arrived yet; 0 when `bytes` ends on a character boundary or with
/// bytes that can never become a character.
std::size_t incomplete_utf8_tail(std::string_view bytes);

}  // namespace ttft::protocol
