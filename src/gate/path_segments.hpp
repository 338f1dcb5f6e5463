// The left-hand side of an --assert expression cut into its dotted names, and the checks every
// name must pass whatever the path's shape: wildcards stand alone, "@VALUE" only on a phase.
// Pure text work; it knows no metric or stat names.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ttft::gate {

struct Segment {
  std::string_view name;
  std::size_t offset = 0;  // in bytes, into the whole expression
};

/// A mistake in one name: its byte offset, what is wrong and an optional hint.
struct PathMistake {
  std::size_t offset = 0;
  std::string message, hint;
};

bool is_name_char(char c);
bool is_digit(char c);
/// Characters a path may hold: name characters, '.', '*' and '@'.
bool is_path_char(char c);

/// text[begin, end) split at each '.', except a '.' inside a sweep value: in "ramp@0.5" the
/// segment so far is NAME@DIGITS and a digit follows, so the '.' is the value's decimal point
/// (metric and stat names never start with a digit, so this cannot be a separator).
std::vector<Segment> split_path(std::string_view text, std::size_t begin, std::size_t end);

/// The first segment that is empty, holds a misplaced or partial wildcard, or an "@" anywhere
/// but in the phase (segment 1) or not followed there by a number; nullopt when all are fine.
std::optional<PathMistake> check_segments(const std::vector<Segment>& segments, const char* shape);

/// True for a sweep value's phase name: "ramp@4", "ramp@0.5".
bool names_sweep_value(std::string_view phase);

}  // namespace ttft::gate
