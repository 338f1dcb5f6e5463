// SHA-256 (FIPS 180-4) of a byte string, for the scenario fingerprint `report` uses to decide
// whether folders may be merged. Pure; no I/O.
#pragma once

#include <string>
#include <string_view>

namespace ttft {

/// Lower-case hex SHA-256 of `bytes` (64 characters); "" hashes to e3b0c442...b855.
std::string sha256_hex(std::string_view bytes);

}  // namespace ttft
