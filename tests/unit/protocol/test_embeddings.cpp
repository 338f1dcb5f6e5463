// Embeddings on the wire: each format's request body, parse_embeddings over each format's
// response, its error body, every shape it must refuse and every cut of a small body, and the
// embeddings StreamDecoder fed in pieces (docs/protocols.md ("Embeddings")).
#include <catch2/catch.hpp>

#include <array>

#include "protocol/embeddings.hpp"
#include "protocol/stream_decoder.hpp"
#include "protocol/vector_body_reader.hpp"

using namespace ttft::protocol;

namespace {

EmbeddingsRequest two_inputs(std::optional<std::int64_t> dimensions = std::nullopt) {
  return EmbeddingsRequest{"m", {"a \"quoted\"\nline", "b"}, dimensions};
}

const char* const kOpenAi =
    R"({"object":"list","data":[{"object":"embedding","index":1,"embedding":[0.5,-1e-3,2]},)"
    R"({"object":"embedding","index":0,"embedding":[1,0.25,-3.5]}],"model":"m",)"
    R"("usage":{"prompt_tokens":7,"total_tokens":7}})";
const char* const kWorkersAi =
    R"({"result":{"shape":[2,3],"data":[[0.1,0.2,0.3],[0.4,0.5,0.6]],"pooling":"mean"},)"
    R"("success":true,"errors":[],"messages":[]})";
const char* const kOllama =
    R"({"model":"m","embeddings":[[0.1,0.2,0.3],[0.4,0.5,0.6]],"total_duration":14143917,)"
    R"("load_duration":1019500,"prompt_eval_count":8})";
const char* const kGemini = R"({"embeddings":[{"values":[0.1,0.2,0.3]},{"values":[0.4,0.5,0.6]}]})";

struct Case {
  EmbeddingsFormat format;
  const char* body;
  std::optional<std::int64_t> input_tokens;
};

const Case kCases[] = {{EmbeddingsFormat::openai, kOpenAi, 7},
                       {EmbeddingsFormat::workers_ai, kWorkersAi, std::nullopt},
                       {EmbeddingsFormat::ollama, kOllama, 8},
                       {EmbeddingsFormat::gemini, kGemini, std::nullopt}};

}  // namespace

TEST_CASE("embeddings: the protocol names and their formats") {
  CHECK(embeddings_protocols() == std::vector<std::string>{"openai", "workers-ai", "ollama", "gemini"});
  CHECK(embeddings_format("openai") == EmbeddingsFormat::openai);
  CHECK(embeddings_format("workers-ai") == EmbeddingsFormat::workers_ai);
  CHECK(embeddings_format("ollama") == EmbeddingsFormat::ollama);
  CHECK(embeddings_format("gemini") == EmbeddingsFormat::gemini);
  CHECK_FALSE(embeddings_format("openai-chat").has_value());
}

TEST_CASE("embeddings: request bodies without dimensions, inputs JSON-escaped") {
  CHECK(embeddings_body(EmbeddingsFormat::openai, two_inputs()) ==
        R"({"model":"m","input":["a \"quoted\"\nline","b"]})");
  CHECK(embeddings_body(EmbeddingsFormat::ollama, two_inputs()) ==
        R"({"model":"m","input":["a \"quoted\"\nline","b"]})");
  CHECK(embeddings_body(EmbeddingsFormat::workers_ai, two_inputs()) == R"({"text":["a \"quoted\"\nline","b"]})");
  CHECK(embeddings_body(EmbeddingsFormat::gemini, two_inputs()) ==
        R"({"requests":[{"model":"models/m","content":{"parts":[{"text":"a \"quoted\"\nline"}]}},)"
        R"({"model":"models/m","content":{"parts":[{"text":"b"}]}}]})");
}

TEST_CASE("embeddings: request bodies ask for dimensions where the format can") {
  CHECK(embeddings_body(EmbeddingsFormat::openai, two_inputs(256)) ==
        R"({"model":"m","input":["a \"quoted\"\nline","b"],"dimensions":256})");
  CHECK(embeddings_body(EmbeddingsFormat::ollama, two_inputs(256)) ==
        R"({"model":"m","input":["a \"quoted\"\nline","b"],"dimensions":256})");
  CHECK(embeddings_body(EmbeddingsFormat::workers_ai, two_inputs(256)) == R"({"text":["a \"quoted\"\nline","b"]})");
  EmbeddingsRequest request{"models/e", {"x"}, 64};
  CHECK(embeddings_body(EmbeddingsFormat::gemini, request) ==
        R"({"requests":[{"model":"models/e","content":{"parts":[{"text":"x"}]},"outputDimensionality":64}]})");
  request.model.clear();
  CHECK(embeddings_body(EmbeddingsFormat::openai, request) == R"({"input":["x"],"dimensions":64})");
}

TEST_CASE("embeddings: invalid UTF-8 in an input is sent as U+FFFD") {
  const EmbeddingsRequest request{"m", {std::string("a\xff")}, std::nullopt};
  CHECK(embeddings_body(EmbeddingsFormat::workers_ai, request) == "{\"text\":[\"a\xef\xbf\xbd\"]}");
}

TEST_CASE("embeddings: each format's response gives its vectors, dimensions and usage") {
  for (const Case& c : kCases) {
    INFO(c.body);
    const EmbeddingsReading reading = parse_embeddings(c.format, c.body, 2, 3);
    CHECK(reading.complete());
    CHECK_FALSE(reading.protocol_error.has_value());
    CHECK(reading.vectors == 2);
    CHECK(reading.dimensions == 3);
    CHECK(reading.input_tokens == c.input_tokens);
    // Without dimensions asked for, any common length is fine.
    CHECK(parse_embeddings(c.format, c.body, 2, std::nullopt).complete());
  }
}

TEST_CASE("embeddings: a wrong count or dimension is a protocol error that keeps what came") {
  for (const Case& c : kCases) {
    INFO(c.body);
    const EmbeddingsReading fewer = parse_embeddings(c.format, c.body, 3, std::nullopt);
    CHECK(fewer.protocol_error == "expected 3 vectors, got 2");
    CHECK(fewer.vectors == 2);
    CHECK(fewer.dimensions == 3);
    CHECK(parse_embeddings(c.format, c.body, 2, 512).protocol_error == "expected 512 dimensions, got 3");
  }
}

TEST_CASE("embeddings: vectors of unequal length are a protocol error") {
  const auto reading =
      parse_embeddings(EmbeddingsFormat::ollama, R"({"embeddings":[[1,2,3],[1,2]]})", 2, std::nullopt);
  CHECK(reading.protocol_error == "vectors of unequal length: 2 and 3");
  CHECK(reading.vectors == 2);
  CHECK_FALSE(reading.dimensions.has_value());
}

TEST_CASE("embeddings: workers-ai's shape must agree with its data") {
  const auto wrong_count = parse_embeddings(
      EmbeddingsFormat::workers_ai, R"({"result":{"shape":[3,2],"data":[[1,2],[3,4]]},"success":true})", 2, 2);
  CHECK(wrong_count.protocol_error == "result.shape [3,2] disagrees with result.data (2 vectors)");
  const auto wrong_length = parse_embeddings(
      EmbeddingsFormat::workers_ai, R"({"result":{"shape":[2,768],"data":[[1,2],[3,4]]},"success":true})", 2, 2);
  CHECK(wrong_length.protocol_error == "result.shape [2,768] disagrees with result.data (2 vectors)");
  const auto not_a_shape = parse_embeddings(EmbeddingsFormat::workers_ai,
                                            R"({"result":{"shape":"2x2","data":[[1,2],[3,4]]}})", 2, 2);
  CHECK(not_a_shape.protocol_error == R"(result.shape "2x2" is not [vectors, dimensions])");
  // No shape at all is fine.
  CHECK(parse_embeddings(EmbeddingsFormat::workers_ai, R"({"result":{"data":[[1,2]]}})", 1, 2).complete());
}

TEST_CASE("embeddings: openai indexes must each name one input") {
  const auto repeated = parse_embeddings(
      EmbeddingsFormat::openai, R"({"data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}]})", 2, 1);
  CHECK(repeated.protocol_error == "data index 0 is repeated or beyond 2 vectors");
  const auto beyond =
      parse_embeddings(EmbeddingsFormat::openai, R"({"data":[{"index":1,"embedding":[1]}]})", 1, 1);
  CHECK(beyond.protocol_error == "data index 1 is repeated or beyond 1 vectors");
}

TEST_CASE("embeddings: provider error bodies are the provider's error") {
  const auto openai = parse_embeddings(
      EmbeddingsFormat::openai, R"({"error":{"message":"bad input","type":"invalid_request_error"}})", 1, {});
  CHECK(openai.error == "bad input");
  CHECK_FALSE(openai.protocol_error.has_value());
  const auto cloudflare = parse_embeddings(
      EmbeddingsFormat::workers_ai, R"({"success":false,"errors":[{"code":5006,"message":"too long"}]})", 1, {});
  CHECK(cloudflare.error == "5006: too long");
  CHECK(parse_embeddings(EmbeddingsFormat::workers_ai, R"({"success":false,"errors":[]})", 1, {}).error ==
        "success: false");
  CHECK(parse_embeddings(EmbeddingsFormat::ollama, R"({"error":"model not found"})", 1, {}).error ==
        "model not found");
  const auto gemini = parse_embeddings(
      EmbeddingsFormat::gemini, R"({"error":{"code":400,"message":"bad dims","status":"INVALID_ARGUMENT"}})", 1, {});
  CHECK(gemini.error == "bad dims");
  CHECK_FALSE(gemini.complete());
}

TEST_CASE("embeddings: bodies of another shape are protocol errors") {
  const auto check_shape_error = [](EmbeddingsFormat format, const std::string& body) {
    INFO(body);
    const auto reading = parse_embeddings(format, body, 1, std::nullopt);
    REQUIRE(reading.protocol_error.has_value());
    CHECK_FALSE(reading.vectors.has_value());
    CHECK_FALSE(reading.error.has_value());
    return *reading.protocol_error;
  };
  CHECK(check_shape_error(EmbeddingsFormat::openai, R"({"data":[{"embedding":"abc"}]})")
            .starts_with("expected a openai embeddings response, got: {\"data\""));
  CHECK(check_shape_error(EmbeddingsFormat::openai, R"({"embeddings":[[1]]})").starts_with("expected a openai"));
  CHECK(check_shape_error(EmbeddingsFormat::openai, R"({"data":[{"embedding":[1,"x"]}]})")
            .find("a vector holds a value that is not a number") != std::string::npos);
  CHECK(check_shape_error(EmbeddingsFormat::ollama, R"({"embeddings":[[[1]]]})")
            .find("not a number") != std::string::npos);
  CHECK(check_shape_error(EmbeddingsFormat::gemini, R"({"embeddings":[[1,2]]})").starts_with("expected a gemini"));
  CHECK(check_shape_error(EmbeddingsFormat::workers_ai, R"({"result":{"response":"hi"}})")
            .starts_with("expected a workers-ai"));
  CHECK(check_shape_error(EmbeddingsFormat::ollama, "[[1]]").find("not an object") != std::string::npos);
  CHECK(check_shape_error(EmbeddingsFormat::ollama, "").starts_with("response body is not a ollama embeddings"));
  CHECK(check_shape_error(EmbeddingsFormat::ollama, R"({"embeddings":[[1]]} x)").find("not JSON at byte") !=
        std::string::npos);
}

TEST_CASE("embeddings: a body cut at any point is a protocol error") {
  for (const Case& c : kCases) {
    const std::string body = c.body;
    for (std::size_t cut = 0; cut < body.size(); ++cut) {
      INFO(body.substr(0, cut));
      const auto reading = parse_embeddings(c.format, body.substr(0, cut), 2, 3);
      CHECK(reading.protocol_error.has_value());
      CHECK_FALSE(reading.complete());
    }
  }
}

TEST_CASE("embeddings: the decoder keeps the body in pieces and reads it at finish") {
  for (const Case& c : kCases) {
    const std::string body = c.body;
    for (std::size_t split = 0; split <= body.size(); split += 7) {
      INFO(body << " split at " << split);
      StreamDecoder decoder = StreamDecoder::embeddings(c.format, 2, 3);
      CHECK(decoder.reads_whole_body());
      CHECK(decoder.feed(std::string_view(body).substr(0, split), 100));
      CHECK(decoder.feed(std::string_view(body).substr(split), 200));
      CHECK_FALSE(decoder.record().terminated);  // nothing is read before the body ends
      decoder.finish(300);
      const StreamRecord& record = decoder.record();
      CHECK(record.terminated);
      CHECK(decoder.complete());
      CHECK(record.vectors == 2);
      CHECK(record.dimensions == 3);
      CHECK(record.input_tokens == c.input_tokens);
      CHECK(record.end_ns == 300);
      CHECK_FALSE(record.first_event_ns.has_value());
      CHECK_FALSE(record.first_token_ns.has_value());
      CHECK(record.events == 0);
    }
  }
}

TEST_CASE("embeddings: the decoder's errors and its size bound") {
  StreamDecoder short_body = StreamDecoder::embeddings(EmbeddingsFormat::ollama, 3, std::nullopt);
  CHECK(short_body.feed(kOllama, 10));
  short_body.finish(20);
  CHECK(short_body.record().protocol_error == "expected 3 vectors, got 2");
  CHECK(short_body.record().vectors == 2);
  CHECK_FALSE(short_body.record().terminated);

  StreamDecoder provider = StreamDecoder::embeddings(EmbeddingsFormat::ollama, 1, std::nullopt);
  CHECK(provider.feed(R"({"error":"busy"})", 10));
  provider.finish(20);
  CHECK(provider.record().stream_error == "busy");

  StreamDecoder bounded = StreamDecoder::embeddings(EmbeddingsFormat::gemini, 2, 3, 16);
  CHECK(bounded.feed(std::string_view(kGemini).substr(0, 16), 10));
  CHECK_FALSE(bounded.feed(std::string_view(kGemini).substr(16), 20));
  bounded.finish(30);
  CHECK(bounded.record().protocol_error == "response body larger than 16 bytes");
  CHECK_FALSE(bounded.record().vectors.has_value());
}

TEST_CASE("embeddings: the vector reader counts vectors and keeps everything else") {
  constexpr std::array<std::string_view, 2> kPath{"embeddings", kAnyElement};
  const VectorBody body =
      read_vector_body(R"( {"embeddings":[[1,2.5e-3,-4E+2],[ 1 , 2 , 3 ],[]],"x":[1,2],"s":"[9]"} )", kPath);
  REQUIRE_FALSE(body.failure.has_value());
  const auto& vectors = body.root["embeddings"];
  REQUIRE(vectors.size() == 3);
  CHECK(vector_marker_length(vectors[0]) == 3);
  CHECK(vector_marker_length(vectors[1]) == 3);
  CHECK(vector_marker_length(vectors[2]) == 0);
  CHECK(is_vector_marker(vectors[2]));
  CHECK(body.root["x"] == nlohmann::json::array({1, 2}));  // off the path: an ordinary array
  CHECK_FALSE(is_vector_marker(body.root["x"]));
  CHECK(body.root["s"] == "[9]");
}

TEST_CASE("embeddings: what the fast scan leaves to nlohmann reads the same") {
  constexpr std::array<std::string_view, 2> kPath{"embeddings", kAnyElement};
  // An escaped key that spells the path's key.
  const VectorBody escaped = read_vector_body(R"({"embeddin\u0067s":[[1,2]]})", kPath);
  REQUIRE_FALSE(escaped.failure.has_value());
  CHECK(vector_marker_length(escaped.root["embeddings"][0]) == 2);
  // Nesting deeper than the scan goes, off the path.
  const std::string deep = std::string(70, '[') + std::string(70, ']');
  const VectorBody nested = read_vector_body(R"({"embeddings":[[5]],"d":)" + deep + "}", kPath);
  REQUIRE_FALSE(nested.failure.has_value());
  CHECK(vector_marker_length(nested.root["embeddings"][0]) == 1);
  // Numbers neither reader takes.
  CHECK(read_vector_body(R"({"embeddings":[[1e400]]})", kPath).failure.has_value());
  CHECK(read_vector_body(R"({"embeddings":[[01]]})", kPath).failure.has_value());
  CHECK(read_vector_body(R"({"embeddings":[[1,]]})", kPath).failure.has_value());
  CHECK(read_vector_body(R"({"embeddings":[[1]]}{})", kPath).failure.has_value());
}
