// The samples.csv text form of one sample (RFC 4180): the header, one row, and the cell
// encodings the reader reverses. Formats only; never touches a file.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "samples/sample.hpp"

namespace ttft::samples {

/// The header line: the column names of column_names() joined by commas, ending with "\n".
std::string header_row();

/// One sample as a CSV line ending with "\n": text quoted per RFC 4180 when it holds a comma,
/// quote, CR or LF; times in ms with exactly 3 decimals; decode_tps with 3 decimals; cost_usd
/// exactly from pico-dollars with trailing zeros trimmed; other reals in shortest round-trip form;
/// bools as "true"/"false"; unmeasured values as empty cells.
std::string format_row(const Sample& sample);

/// As format_row, with only the cells of `columns` (indexes into column_names()), in that order:
/// a row for a file whose header is another layout (an older file, without appended columns).
std::string format_row(const Sample& sample, std::span<const std::size_t> columns);

/// `text` as one RFC 4180 field: verbatim, or quoted with inner quotes doubled when it contains
/// a comma, a quote, CR or LF.
std::string csv_quote(std::string_view text);

/// Nanoseconds as milliseconds with exactly 3 decimals, rounded half away from zero to the
/// microsecond ("50.312", "-0.004").
std::string format_ms(Nanos ns);

/// Pico-dollars as exact dollars, trailing zeros trimmed ("0.000123", "2", "-0.5").
std::string format_pusd_as_usd(std::int64_t pusd);

/// An exact decimal ("-12.3456") scaled by 10^decimals to an integer, rounding half away from
/// zero beyond `decimals` digits; nullopt for anything but [-]digits[.digits] or on overflow.
std::optional<std::int64_t> parse_scaled_decimal(std::string_view text, int decimals);

}  // namespace ttft::samples
