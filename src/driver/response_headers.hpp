// Pure readings of response headers: where the response was served (pop), Retry-After.
#pragma once

#include <string>
#include <string_view>

#include "driver/request.hpp"

namespace ttft::driver {

/// The serving location when a header says it: Cloudflare's cf-ray suffix ("8a1b-SJC" → "SJC"),
/// fly-region, x-vercel-id's first part, x-amz-cf-pop, x-served-by's last cache node; else "".
std::string pop_from_headers(const HeaderList& headers);

/// Whether two header names are the same, ignoring case.
bool iequals(std::string_view a, std::string_view b);

/// The first value of header `name` (case-insensitive), or "".
std::string header_value(const HeaderList& headers, std::string_view name);

/// Splits one raw header line "Name: value\r\n" into (name, value); false for status/blank lines.
bool split_header_line(std::string_view line, std::string& name, std::string& value);

}  // namespace ttft::driver
