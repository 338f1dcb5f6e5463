// Embeddings requests on the wire (docs/protocols.md ("Embeddings")): the request body of each
// format and the reading of its one JSON response. Pure: no I/O, no clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ttft::protocol {

enum class EmbeddingsFormat { openai, workers_ai, ollama, gemini };

/// "openai", "workers-ai", "ollama", "gemini": the protocol names an embeddings target may use.
const std::vector<std::string>& embeddings_protocols();

/// The format of one of embeddings_protocols(); nullopt for any other name.
std::optional<EmbeddingsFormat> embeddings_format(std::string_view protocol);

struct EmbeddingsRequest {
  std::string model;                        // sent where the format carries it (not workers-ai: in the URL)
  std::vector<std::string> inputs;          // one vector is expected per input
  std::optional<std::int64_t> dimensions;   // asked for where the format can ask (openai `dimensions`,
                                            // gemini `outputDimensionality`, ollama `dimensions`), checked always
};

/// The JSON request body, compact; invalid UTF-8 in an input is sent as U+FFFD.
std::string embeddings_body(EmbeddingsFormat format, const EmbeddingsRequest& request);

/// What one embeddings response body says. At most one of `error` and `protocol_error` is set.
struct EmbeddingsReading {
  std::optional<std::int64_t> vectors;       // vectors in the body, once its shape was read
  std::optional<std::int64_t> dimensions;    // their common length (unset when they differ or none came)
  std::optional<std::int64_t> input_tokens;  // from usage, when the format reports it
  std::optional<std::string> error;           // the provider's error body
  std::optional<std::string> protocol_error;  // not JSON, cut short, another shape, or not what was asked
  bool complete() const { return !error && !protocol_error; }
};

/// Reads a whole 2xx embeddings body: counts the vectors and their length without building a
/// JSON value per number, and checks them against `expected_vectors` ("expected 8 vectors, got
/// 7") and, when given, `expected_dimensions` ("expected 512 dimensions, got 768").
EmbeddingsReading parse_embeddings(EmbeddingsFormat format, std::string_view body, std::size_t expected_vectors,
                                   std::optional<std::int64_t> expected_dimensions);

}  // namespace ttft::protocol
