// The simulator's embeddings endpoints (docs/simulator.md ("Embeddings")): reading each format's
// request and writing its response, one deterministic unit vector per input. Pure: bytes only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "sim/routes.hpp"

namespace ttft::sim {

/// The most dimensions a request may ask for.
inline constexpr std::int64_t kMaxEmbeddingDimensions = 65'536;

struct EmbeddingsRequestBody {
  EmbeddingsProtocol protocol = EmbeddingsProtocol::kOpenAi;
  std::vector<std::string> inputs;         // one vector each
  std::optional<std::int64_t> dimensions;  // asked for: openai/ollama `dimensions`, gemini's
                                           // first request's `outputDimensionality`
  std::string model;                       // "" when the body names none
};

/// Reads an embeddings request: openai and ollama `input` (a string or strings), workers-ai
/// `text` (likewise), gemini `requests[].content.parts[].text` (each request's parts joined). An
/// error, meant for a 400 body, for invalid JSON, no input, or dimensions outside 1 to
/// kMaxEmbeddingDimensions.
[[nodiscard]] Result<EmbeddingsRequestBody> parse_embeddings_request(EmbeddingsProtocol protocol,
                                                                     std::string_view body);

/// Input tokens of the inputs: ceil(bytes / 4) each, summed.
std::int64_t embeddings_input_tokens(const std::vector<std::string>& inputs);

/// The vector of one input: `dimensions` values, deterministic from the input's bytes, of unit length.
std::vector<double> embedding_values(std::string_view input, std::int64_t dimensions);

/// The whole JSON response: one vector of `dimensions` per input, values with 6 significant
/// digits, `model` echoed where the format names it, usage where it reports it (openai
/// usage.prompt_tokens, ollama prompt_eval_count; ollama's total_duration is `duration_ns`).
std::string emit_embeddings(const EmbeddingsRequestBody& request, std::int64_t dimensions, std::string_view model,
                            Nanos duration_ns);

}  // namespace ttft::sim
