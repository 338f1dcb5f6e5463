// Reads a JSON body into a nlohmann::json value, except the number arrays at one path (an
// embeddings response's vectors), which it only counts: a 100 × 3072 body builds a few hundred
// values, not 300 000. Pure: no I/O, no clock, no exceptions out.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ttft::protocol {

/// One step of a path from the root: an object member's key, or kAnyElement for any element of
/// an array.
inline constexpr std::string_view kAnyElement = "[]";

/// The body read, with each array at `vector_path` replaced by a vector marker holding its length.
struct VectorBody {
  nlohmann::json root;
  std::optional<std::string> failure;  // not one JSON value, or a vector holding a non-number
};

/// Parses `body` (strict: one value, nothing after it). `vector_path` names the vector arrays,
/// e.g. {"data", kAnyElement, "embedding"}.
VectorBody read_vector_body(std::string_view body, std::span<const std::string_view> vector_path);

/// True for a vector marker (parsing JSON text never makes a binary value).
bool is_vector_marker(const nlohmann::json& value);

/// The length of a vector marker.
std::int64_t vector_marker_length(const nlohmann::json& value);

}  // namespace ttft::protocol
