// Cutting an --assert path into names and checking each name's characters.
#include "gate/path_segments.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gate/assertion.hpp"

namespace ttft::gate {
namespace {

constexpr std::size_t kPhaseSegment = 1;

/// NAME@DIGITS so far: the next '.' followed by a digit continues the number.
bool in_sweep_integer(std::string_view segment) {
  const std::size_t at = segment.find('@');
  if (at == std::string_view::npos || at + 1 == segment.size()) return false;
  const std::string_view digits = segment.substr(at + 1);
  return std::all_of(digits.begin(), digits.end(), is_digit);
}

/// DIGITS ["." DIGITS].
bool is_number(std::string_view text) {
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "0" : text.substr(dot + 1);
  const auto digits = [](std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); };
  return digits(whole) && digits(fraction);
}

std::optional<PathMistake> check_sweep_value(const Segment& s, std::size_t index) {
  const std::size_t at = s.name.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  if (index != kPhaseSegment) {
    return PathMistake{s.offset + at, "\"@\" marks a sweep value and belongs to the phase",
                       "write TARGET.PHASE@VALUE..., e.g. edge.ramp@4.ttft.p95"};
  }
  if (at == 0) return PathMistake{s.offset, "expected a phase name before \"@\"", ""};
  const std::string_view value = s.name.substr(at + 1);
  if (!is_number(value)) {
    return PathMistake{s.offset + at + 1,
                       fmt::format("expected a sweep value (a number) after \"@\", got \"{}\"", value),
                       "sweep phases are named <name>@<value>, e.g. ramp@4 or rate@0.5"};
  }
  return std::nullopt;
}

}  // namespace

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_path_char(char c) { return is_name_char(c) || c == '.' || c == '*' || c == '@'; }

std::vector<Segment> split_path(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Segment> segments;
  for (std::size_t i = begin;; ++i) {
    if (i == end) {
      segments.push_back({text.substr(begin, i - begin), begin});
      return segments;
    }
    if (text[i] != '.') continue;
    if (in_sweep_integer(text.substr(begin, i - begin)) && i + 1 < end && is_digit(text[i + 1])) continue;
    segments.push_back({text.substr(begin, i - begin), begin});
    begin = i + 1;
  }
}

std::optional<PathMistake> check_segments(const std::vector<Segment>& segments, const char* shape) {
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    if (s.name.empty()) {
      return PathMistake{s.offset, i == 0 ? "expected a target name before \".\"" : "expected a name after \".\"",
                         shape};
    }
    const bool wildcard = s.name.find('*') != std::string_view::npos;
    if (wildcard && s.name != kWildcard) {
      return PathMistake{s.offset, fmt::format("\"{}\": a wildcard stands alone as \"*\"", s.name),
                         "\"*\" matches every target or every phase"};
    }
    if (wildcard && i >= 2) return PathMistake{s.offset, "a wildcard matches targets and phases only", ""};
    if (auto wrong = check_sweep_value(s, i)) return wrong;
  }
  return std::nullopt;
}

bool names_sweep_value(std::string_view phase) { return phase.find('@') != std::string_view::npos; }

}  // namespace ttft::gate
