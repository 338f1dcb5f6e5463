// The four embeddings wire formats (docs/protocols.md ("Embeddings")): request bodies, and the
// response's vectors counted and checked against what was asked. Pure: never reads a clock.
#include "protocol/embeddings.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "protocol/adapter_json.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/vector_body_reader.hpp"
#include "protocol/workers_ai.hpp"

namespace ttft::protocol {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr std::array<std::string_view, 3> kOpenAiVectors{"data", kAnyElement, "embedding"};
constexpr std::array<std::string_view, 3> kWorkersAiVectors{"result", "data", kAnyElement};
constexpr std::array<std::string_view, 2> kOllamaVectors{"embeddings", kAnyElement};
constexpr std::array<std::string_view, 3> kGeminiVectors{"embeddings", kAnyElement, "values"};

std::span<const std::string_view> vector_path(EmbeddingsFormat format) {
  switch (format) {
    case EmbeddingsFormat::openai: return kOpenAiVectors;
    case EmbeddingsFormat::workers_ai: return kWorkersAiVectors;
    case EmbeddingsFormat::ollama: return kOllamaVectors;
    case EmbeddingsFormat::gemini: return kGeminiVectors;
  }
  return kOpenAiVectors;
}

std::string_view format_name(EmbeddingsFormat format) {
  return embeddings_protocols()[static_cast<std::size_t>(format)];
}

OrderedJson inputs_json(const EmbeddingsRequest& request) {
  OrderedJson inputs = OrderedJson::array();
  for (const std::string& input : request.inputs) inputs.push_back(input);
  return inputs;
}

OrderedJson gemini_body(const EmbeddingsRequest& request) {
  const std::string model = request.model.starts_with("models/") ? request.model : "models/" + request.model;
  OrderedJson requests = OrderedJson::array();
  for (const std::string& input : request.inputs) {
    OrderedJson one{{"model", model}, {"content", {{"parts", OrderedJson::array({{{"text", input}}})}}}};
    if (request.dimensions) one["outputDimensionality"] = *request.dimensions;
    requests.push_back(std::move(one));
  }
  return OrderedJson{{"requests", std::move(requests)}};
}

// The vector lengths of `items`: each item is a vector (member nullptr) or an object whose
// `member` is one. False for any other shape.
bool collect_lengths(const Json* items, const char* member, std::vector<std::int64_t>& lengths) {
  if (items == nullptr || !items->is_array()) return false;
  for (const Json& item : *items) {
    const Json* vector = &item;
    if (member != nullptr) {
      const auto it = item.is_object() ? item.find(member) : item.end();
      if (!item.is_object() || it == item.end()) return false;
      vector = &*it;
    }
    if (!is_vector_marker(*vector)) return false;
    lengths.push_back(vector_marker_length(*vector));
  }
  return true;
}

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// OpenAI's data may come in any order: each index, where given, names one input, once.
std::optional<std::string> check_openai_indexes(const Json& data) {
  std::vector<bool> seen(data.size(), false);
  for (const Json& item : data) {
    if (!item.contains("index")) continue;
    const auto index = find_count(item, "index");
    if (!index || static_cast<std::size_t>(*index) >= seen.size() || seen[static_cast<std::size_t>(*index)]) {
      return "data index " + item["index"].dump() + " is repeated or beyond " + std::to_string(data.size()) +
             " vectors";
    }
    seen[static_cast<std::size_t>(*index)] = true;
  }
  return std::nullopt;
}

// Workers AI's result.shape, where given, is [vectors, dimensions] of result.data.
std::optional<std::string> check_workers_ai_shape(const Json& result, const std::vector<std::int64_t>& lengths) {
  const Json* shape = member(result, "shape");
  if (shape == nullptr) return std::nullopt;
  const std::string said = shape->dump();
  if (!shape->is_array() || shape->size() != 2 || !(*shape)[0].is_number_unsigned() ||
      !(*shape)[1].is_number_unsigned()) {
    return "result.shape " + said + " is not [vectors, dimensions]";
  }
  const bool count_agrees = (*shape)[0].get<std::int64_t>() == static_cast<std::int64_t>(lengths.size());
  const bool length_agrees = std::all_of(lengths.begin(), lengths.end(), [&](std::int64_t length) {
    return length == (*shape)[1].get<std::int64_t>();
  });
  if (count_agrees && length_agrees) return std::nullopt;
  return "result.shape " + said + " disagrees with result.data (" + std::to_string(lengths.size()) + " vectors)";
}

// The provider's error in the body, if it holds one.
std::optional<std::string> provider_error(EmbeddingsFormat format, const Json& root) {
  if (format == EmbeddingsFormat::workers_ai) {
    if (auto errors = cloudflare_errors(root)) return errors;
    const auto success = root.find("success");
    if (success != root.end() && *success == false) return "success: false";
  }
  return openai_error(root);
}

// Reads the vectors where the format keeps them; a protocol error text for another shape.
std::optional<std::string> read_vectors(EmbeddingsFormat format, std::string_view body, const Json& root,
                                        EmbeddingsReading& out, std::vector<std::int64_t>& lengths) {
  bool shaped = false;
  std::optional<std::string> problem;
  switch (format) {
    case EmbeddingsFormat::openai:
      shaped = collect_lengths(member(root, "data"), "embedding", lengths);
      if (shaped) problem = check_openai_indexes(root["data"]);
      out.input_tokens = find_nested_count(root, "usage", "prompt_tokens");
      break;
    case EmbeddingsFormat::workers_ai: {
      const Json* result = member(root, "result");
      shaped = result != nullptr && collect_lengths(member(*result, "data"), nullptr, lengths);
      if (shaped) problem = check_workers_ai_shape(*result, lengths);
      break;
    }
    case EmbeddingsFormat::ollama:
      shaped = collect_lengths(member(root, "embeddings"), nullptr, lengths);
      out.input_tokens = find_count(root, "prompt_eval_count");
      break;
    case EmbeddingsFormat::gemini: shaped = collect_lengths(member(root, "embeddings"), "values", lengths); break;
  }
  if (!shaped) return "expected a " + std::string(format_name(format)) + " embeddings response, got: " + preview(body);
  return problem;
}

// Counts and common length against what was asked.
std::optional<std::string> check_counts(const std::vector<std::int64_t>& lengths, std::size_t expected_vectors,
                                        std::optional<std::int64_t> expected_dimensions, EmbeddingsReading& out) {
  out.vectors = static_cast<std::int64_t>(lengths.size());
  const auto [shortest, longest] = std::minmax_element(lengths.begin(), lengths.end());
  if (shortest != lengths.end() && *shortest != *longest) {
    return "vectors of unequal length: " + std::to_string(*shortest) + " and " + std::to_string(*longest);
  }
  if (shortest != lengths.end()) out.dimensions = *shortest;
  if (lengths.size() != expected_vectors) {
    return "expected " + std::to_string(expected_vectors) + " vectors, got " + std::to_string(lengths.size());
  }
  if (expected_dimensions && out.dimensions && *out.dimensions != *expected_dimensions) {
    return "expected " + std::to_string(*expected_dimensions) + " dimensions, got " + std::to_string(*out.dimensions);
  }
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& embeddings_protocols() {
  // In EmbeddingsFormat order.
  static const std::vector<std::string> names = {"openai", "workers-ai", "ollama", "gemini"};
  return names;
}

std::optional<EmbeddingsFormat> embeddings_format(std::string_view protocol) {
  const auto& names = embeddings_protocols();
  const auto it = std::find(names.begin(), names.end(), protocol);
  if (it == names.end()) return std::nullopt;
  return static_cast<EmbeddingsFormat>(it - names.begin());
}

std::string embeddings_body(EmbeddingsFormat format, const EmbeddingsRequest& request) {
  OrderedJson body = OrderedJson::object();
  switch (format) {
    case EmbeddingsFormat::openai:
    case EmbeddingsFormat::ollama:
      if (!request.model.empty()) body["model"] = request.model;
      body["input"] = inputs_json(request);
      if (request.dimensions) body["dimensions"] = *request.dimensions;
      break;
    case EmbeddingsFormat::workers_ai: body["text"] = inputs_json(request); break;
    case EmbeddingsFormat::gemini: body = gemini_body(request); break;
  }
  return body.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

EmbeddingsReading parse_embeddings(EmbeddingsFormat format, std::string_view body, std::size_t expected_vectors,
                                   std::optional<std::int64_t> expected_dimensions) {
  EmbeddingsReading out;
  VectorBody read = read_vector_body(body, vector_path(format));
  if (read.failure || !read.root.is_object()) {
    out.protocol_error = "response body is not a " + std::string(format_name(format)) +
                         " embeddings JSON object (" + read.failure.value_or("not an object") + "): " + preview(body);
    return out;
  }
  if (auto error = provider_error(format, read.root)) {
    out.error = std::move(error);
    return out;
  }
  std::vector<std::int64_t> lengths;
  if (auto problem = read_vectors(format, body, read.root, out, lengths)) {
    out.protocol_error = std::move(problem);
    return out;
  }
  out.protocol_error = check_counts(lengths, expected_vectors, expected_dimensions, out);
  return out;
}

}  // namespace ttft::protocol
