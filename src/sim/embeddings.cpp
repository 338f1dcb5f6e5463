// Embeddings requests and responses of the simulator, in each provider's documented shape
// (docs/protocols.md ("Embeddings")). The vectors are written by hand, not through a JSON value:
// a 100 × 3072 response is 300 000 numbers.
#include "sim/embeddings.hpp"

#include <cmath>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/random.hpp"

namespace ttft::sim {

namespace {

using BodyJson = nlohmann::json;

// A string or an array of strings, appended to `inputs`; false for anything else.
bool read_inputs(const BodyJson& value, std::vector<std::string>& inputs) {
  if (value.is_string()) {
    inputs.push_back(value.get<std::string>());
    return true;
  }
  if (!value.is_array()) return false;
  for (const BodyJson& item : value) {
    if (!item.is_string()) return false;
    inputs.push_back(item.get<std::string>());
  }
  return true;
}

Result<std::optional<std::int64_t>> read_dimensions(const BodyJson& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::optional<std::int64_t>{};
  if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > kMaxEmbeddingDimensions) {
    return fail(key, fmt::format("{} must be a whole number from 1 to {}, got {}", key, kMaxEmbeddingDimensions,
                                 it->dump()));
  }
  return std::optional<std::int64_t>{it->get<std::int64_t>()};
}

// Gemini's batchEmbedContents: one EmbedContentRequest per input.
Result<void> read_gemini(const BodyJson& body, EmbeddingsRequestBody& out) {
  const auto requests = body.find("requests");
  if (requests == body.end() || !requests->is_array()) return fail("requests", "requests must be an array");
  for (const BodyJson& request : *requests) {
    const BodyJson* parts = request.is_object() && request.contains("content") && request["content"].is_object() &&
                                request["content"].contains("parts")
                            ? &request["content"]["parts"]
                            : nullptr;
    if (parts == nullptr || !parts->is_array()) return fail("requests", "each request needs content.parts");
    std::string text;
    for (const BodyJson& part : *parts) {
      if (part.is_object() && part.contains("text") && part["text"].is_string()) text += part["text"].get<std::string>();
    }
    out.inputs.push_back(std::move(text));
    if (out.inputs.size() > 1) continue;
    auto dimensions = read_dimensions(request, "outputDimensionality");
    if (!dimensions) return tl::unexpected(dimensions.error());
    out.dimensions = *dimensions;
    if (request.contains("model") && request["model"].is_string()) out.model = request["model"].get<std::string>();
  }
  return {};
}

// Appends `[v0,v1,…]` with 6 significant digits.
void append_vector(std::string& out, std::string_view input, std::int64_t dimensions) {
  out += '[';
  bool first = true;
  for (const double value : embedding_values(input, dimensions)) {
    if (!first) out += ',';
    first = false;
    fmt::format_to(std::back_inserter(out), "{:.6g}", value);
  }
  out += ']';
}

// The vectors as the format lists them: `before` and `after` wrap each one.
std::string vectors_text(const EmbeddingsRequestBody& request, std::int64_t dimensions, bool openai_items,
                         std::string_view before, std::string_view after) {
  std::string out = "[";
  for (std::size_t i = 0; i < request.inputs.size(); ++i) {
    if (i > 0) out += ',';
    if (openai_items) out += fmt::format(R"({{"object":"embedding","index":{},"embedding":)", i);
    out += before;
    append_vector(out, request.inputs[i], dimensions);
    out += after;
  }
  return out + "]";
}

}  // namespace

Result<EmbeddingsRequestBody> parse_embeddings_request(EmbeddingsProtocol protocol, std::string_view body) {
  const BodyJson json = BodyJson::parse(body, nullptr, false);
  if (json.is_discarded()) return fail("", "request body is not valid JSON");
  if (!json.is_object()) return fail("", "request body must be a JSON object");
  EmbeddingsRequestBody out;
  out.protocol = protocol;
  if (protocol == EmbeddingsProtocol::kGemini) {
    if (auto read = read_gemini(json, out); !read) return tl::unexpected(read.error());
  } else {
    const char* key = protocol == EmbeddingsProtocol::kWorkersAi ? "text" : "input";
    const auto inputs = json.find(key);
    if (inputs == json.end() || !read_inputs(*inputs, out.inputs)) {
      return fail(key, fmt::format("{} must be a string or an array of strings", key));
    }
    auto dimensions = read_dimensions(json, "dimensions");
    if (!dimensions) return tl::unexpected(dimensions.error());
    if (protocol != EmbeddingsProtocol::kWorkersAi) out.dimensions = *dimensions;
    if (const auto model = json.find("model"); model != json.end() && model->is_string()) {
      out.model = model->get<std::string>();
    }
  }
  if (out.inputs.empty()) return fail("", "the request holds no input to embed");
  return out;
}

std::int64_t embeddings_input_tokens(const std::vector<std::string>& inputs) {
  std::int64_t tokens = 0;
  for (const std::string& input : inputs) tokens += (static_cast<std::int64_t>(input.size()) + 3) / 4;
  return tokens;
}

std::vector<double> embedding_values(std::string_view input, std::int64_t dimensions) {
  std::uint64_t seed = 0xcbf29ce484222325ULL;  // FNV-1a of the input's bytes
  for (const char c : input) seed = (seed ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  std::vector<double> values(static_cast<std::size_t>(dimensions));
  double squares = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    // Uniform in [-1, 1) from the top 53 bits of each mixed index.
    values[i] = static_cast<double>(splitmix64(seed + i) >> 11) * 0x1.0p-52 - 1.0;
    squares += values[i] * values[i];
  }
  const double norm = std::sqrt(squares);
  if (norm > 0) {
    for (double& value : values) value /= norm;
  }
  return values;
}

std::string emit_embeddings(const EmbeddingsRequestBody& request, std::int64_t dimensions, std::string_view model,
                            Nanos duration_ns) {
  const std::string model_json = BodyJson(std::string(model)).dump(-1, ' ', false, BodyJson::error_handler_t::replace);
  const std::int64_t tokens = embeddings_input_tokens(request.inputs);
  switch (request.protocol) {
    case EmbeddingsProtocol::kOpenAi:  // openai-python types/create_embedding_response.py
      return R"({"object":"list","data":)" + vectors_text(request, dimensions, true, "", "}") +
             R"(,"model":)" + model_json +
             fmt::format(R"(,"usage":{{"prompt_tokens":{},"total_tokens":{}}}}})", tokens, tokens);
    case EmbeddingsProtocol::kWorkersAi:
      return fmt::format(R"({{"result":{{"shape":[{},{}],"data":)", request.inputs.size(), dimensions) +
             vectors_text(request, dimensions, false, "", "") +
             R"(,"pooling":"mean"},"success":true,"errors":[],"messages":[]})";
    case EmbeddingsProtocol::kOllama:
      return R"({"model":)" + model_json + R"(,"embeddings":)" + vectors_text(request, dimensions, false, "", "") +
             fmt::format(R"(,"total_duration":{},"load_duration":0,"prompt_eval_count":{}}})", duration_ns, tokens);
    case EmbeddingsProtocol::kGemini:
      return R"({"embeddings":)" + vectors_text(request, dimensions, false, R"({"values":)", "}") + "}";
  }
  return {};
}

}  // namespace ttft::sim
