// The simulator's embeddings endpoints over real HTTP on 127.0.0.1 (docs/simulator.md
// ("Embeddings")): each format's request, built by the client's embeddings_body, answered with
// one vector per input and read back by parse_embeddings; byte-exact bodies, the latency rule,
// error statuses and the request log.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "protocol/embeddings.hpp"
#include "sim/routes.hpp"
#include "sim_fixture.hpp"

using ttft::protocol::EmbeddingsFormat;
using ttft::protocol::EmbeddingsRequest;
using ttft::test::HttpRequest;
using ttft::test::perform;
using ttft::test::start_sim;

namespace {

struct EmbeddingsCase {
  const char* protocol;
  EmbeddingsFormat format;
  std::optional<std::int64_t> input_tokens;  // usage, where the format reports it
  bool asks_dimensions;                      // the format can ask for a length
};

// Inputs of 5 and 9 bytes: 2 + 3 = 5 input tokens.
constexpr EmbeddingsCase kEmbeddingsCases[] = {
    {"openai", EmbeddingsFormat::openai, 5, true},
    {"workers-ai", EmbeddingsFormat::workers_ai, std::nullopt, false},
    {"ollama", EmbeddingsFormat::ollama, 5, true},
    {"gemini", EmbeddingsFormat::gemini, std::nullopt, true},
};

HttpRequest embeddings_request(const EmbeddingsCase& c, std::optional<std::int64_t> dimensions,
                               std::vector<std::string> headers = {"x-sim-first-event-ms: 0"}) {
  HttpRequest request;
  request.path = ttft::sim::embeddings_path_for_protocol(c.protocol);
  request.body = embeddings_body(c.format, EmbeddingsRequest{"embed-model", {"hello", "the world"}, dimensions});
  request.headers = std::move(headers);
  return request;
}

ttft::sim::Profile profile_with_dimensions(std::int64_t dimensions) {
  auto profile = ttft::sim::builtin_profile("fast").value();
  profile.embedding_dimensions = dimensions;
  return profile;
}

}  // namespace

TEST_CASE("sim embeddings: each format round-trips count, dimensions and usage") {
  auto server = start_sim();
  for (const EmbeddingsCase& c : kEmbeddingsCases) {
    INFO(c.protocol);
    const auto response = perform(server->port(), embeddings_request(c, std::nullopt));
    REQUIRE(response.code == CURLE_OK);
    REQUIRE(response.status == 200);
    CHECK(response.header("Content-Type") == "application/json");
    const auto reading = ttft::protocol::parse_embeddings(c.format, response.body, 2, 768);
    INFO(response.body.substr(0, 200));
    CHECK(reading.complete());
    CHECK(reading.vectors == 2);
    CHECK(reading.dimensions == 768);  // the profile's default
    CHECK(reading.input_tokens == c.input_tokens);
  }
}

TEST_CASE("sim embeddings: a requested length is honoured where the format can ask") {
  auto server = start_sim("", profile_with_dimensions(1024));
  for (const EmbeddingsCase& c : kEmbeddingsCases) {
    INFO(c.protocol);
    const auto response = perform(server->port(), embeddings_request(c, 256));
    REQUIRE(response.status == 200);
    const auto reading = ttft::protocol::parse_embeddings(c.format, response.body, 2, std::nullopt);
    CHECK(reading.complete());
    CHECK(reading.dimensions == (c.asks_dimensions ? 256 : 1024));
  }
}

TEST_CASE("sim embeddings: the bodies are the providers' shapes, byte for byte") {
  auto server = start_sim("", profile_with_dimensions(2));
  const auto body_of = [&](const EmbeddingsCase& c) {
    HttpRequest request = embeddings_request(c, std::nullopt);
    request.body = embeddings_body(c.format, EmbeddingsRequest{"embed-model", {"hello"}, std::nullopt});
    return perform(server->port(), request).body;
  };
  CHECK(body_of(kEmbeddingsCases[0]) ==
        R"({"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.978402,-0.206712]}],)"
        R"("model":"embed-model","usage":{"prompt_tokens":2,"total_tokens":2}})");
  CHECK(body_of(kEmbeddingsCases[1]) ==
        R"({"result":{"shape":[1,2],"data":[[0.978402,-0.206712]],"pooling":"mean"},"success":true,)"
        R"("errors":[],"messages":[]})");
  CHECK(body_of(kEmbeddingsCases[2]) == R"({"model":"embed-model","embeddings":[[0.978402,-0.206712]],)"
                              R"("total_duration":0,"load_duration":0,"prompt_eval_count":2})");
  CHECK(body_of(kEmbeddingsCases[3]) == R"({"embeddings":[{"values":[0.978402,-0.206712]}]})");
}

TEST_CASE("sim embeddings: the whole response leaves after the first-event delay") {
  auto server = start_sim();
  const auto response = perform(server->port(), embeddings_request(kEmbeddingsCases[2], std::nullopt, {"x-sim-first-event-ms: 60"}));
  REQUIRE(response.status == 200);
  CHECK(response.first_byte_ns - response.started_ns >= 60 * ttft::kNanosPerMs);
  // The profile's prefill time grows with the input tokens of every input.
  auto profile = ttft::sim::builtin_profile("fast").value();
  profile.warm = {0, 0};
  profile.prefill_ms_per_input_token = 10;  // 5 input tokens: 50 ms
  auto slow_server = start_sim("", profile);
  const auto slow = perform(slow_server->port(), embeddings_request(kEmbeddingsCases[0], std::nullopt, {}));
  REQUIRE(slow.status == 200);
  CHECK(slow.first_byte_ns - slow.started_ns >= 50 * ttft::kNanosPerMs);
}

TEST_CASE("sim embeddings: error statuses in the provider's shape, malformed requests a 400") {
  auto server = start_sim();
  for (const EmbeddingsCase& c : kEmbeddingsCases) {
    INFO(c.protocol);
    const auto limited = perform(server->port(), embeddings_request(c, std::nullopt, {"x-sim-status: 429"}));
    CHECK(limited.status == 429);
    CHECK(ttft::protocol::parse_embeddings(c.format, limited.body, 2, std::nullopt).error.has_value());
    HttpRequest bad = embeddings_request(c, std::nullopt);
    bad.body = R"({"model":"m"})";
    const auto refused = perform(server->port(), bad);
    CHECK(refused.status == 400);
    CHECK(ttft::protocol::parse_embeddings(c.format, refused.body, 1, std::nullopt).error.has_value());
  }
}

TEST_CASE("sim embeddings: workers-ai embeds for @cf/baai models and chats for the others") {
  CHECK(ttft::sim::embeddings_protocol_for_path("/client/v4/accounts/x/ai/run/@cf/baai/bge-m3") ==
        ttft::sim::EmbeddingsProtocol::kWorkersAi);
  CHECK_FALSE(ttft::sim::embeddings_protocol_for_path("/ai/run/@cf/meta/llama-3.1-8b-instruct-fast").has_value());
  CHECK(ttft::sim::embeddings_protocol_for_path("/v1beta/models/gemini-embedding-001:batchEmbedContents") ==
        ttft::sim::EmbeddingsProtocol::kGemini);
  CHECK_FALSE(ttft::sim::embeddings_protocol_for_path("/v1/chat/completions").has_value());
  CHECK(ttft::sim::embeddings_path_for_protocol("openai-chat").empty());
}

TEST_CASE("sim embeddings: the request log records the protocol, vectors and dimensions") {
  ttft::test::TempDir dir;
  const auto log = dir / "sim.log";
  {
    auto server = start_sim(log.string());
    REQUIRE(perform(server->port(), embeddings_request(kEmbeddingsCases[2], 64)).status == 200);
  }
  const auto records = ttft::test::read_log(log);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["protocol"] == "ollama");
  CHECK(records[0]["path"] == "/api/embed");
  CHECK(records[0]["status"] == 200);
  CHECK(records[0]["vectors"] == 2);
  CHECK(records[0]["dimensions"] == 64);
  CHECK(records[0]["tokens"] == 0);
}
