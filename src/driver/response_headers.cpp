#include "driver/response_headers.hpp"

#include <algorithm>
#include <cctype>

namespace ttft::driver {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string header_value(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

bool split_header_line(std::string_view line, std::string& name, std::string& value) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || line.rfind("HTTP/", 0) == 0) return false;
  name = std::string(trim(line.substr(0, colon)));
  value = std::string(trim(line.substr(colon + 1)));
  return !name.empty();
}

std::string pop_from_headers(const HeaderList& headers) {
  // cf-ray: "<ray id>-<IATA code of the colo>"
  if (const auto ray = header_value(headers, "cf-ray"); !ray.empty()) {
    if (const auto dash = ray.rfind('-'); dash != std::string::npos) return ray.substr(dash + 1);
  }
  if (auto fly = header_value(headers, "fly-region"); !fly.empty()) return fly;
  if (auto amz = header_value(headers, "x-amz-cf-pop"); !amz.empty()) return amz;
  // x-vercel-id: "iad1::sfo1::abcde-123" — the first part is the edge region
  if (const auto vercel = header_value(headers, "x-vercel-id"); !vercel.empty()) {
    return vercel.substr(0, vercel.find("::"));
  }
  // x-served-by (Fastly): "cache-sjc10025-SJC, cache-fra-12-FRA" — the last node served it
  if (const auto served = header_value(headers, "x-served-by"); !served.empty()) {
    std::string_view last = served;
    if (const auto comma = last.rfind(','); comma != std::string_view::npos) last = last.substr(comma + 1);
    return std::string(trim(last));
  }
  return {};
}

}  // namespace ttft::driver
