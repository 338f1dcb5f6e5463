// The simulator's embeddings requests and vectors: what each format's request asks for, and
// vectors that are deterministic per input and of unit length (docs/simulator.md ("Embeddings")).
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/embeddings.hpp"

using namespace ttft::sim;

TEST_CASE("sim embeddings request: inputs, dimensions and model of each format") {
  const auto openai = parse_embeddings_request(EmbeddingsProtocol::kOpenAi,
                                               R"({"model":"m","input":["a","bb"],"dimensions":8})");
  REQUIRE(openai.has_value());
  CHECK(openai->inputs == std::vector<std::string>{"a", "bb"});
  CHECK(openai->dimensions == 8);
  CHECK(openai->model == "m");
  const auto ollama = parse_embeddings_request(EmbeddingsProtocol::kOllama, R"({"model":"m","input":"one"})");
  REQUIRE(ollama.has_value());
  CHECK(ollama->inputs == std::vector<std::string>{"one"});
  CHECK_FALSE(ollama->dimensions.has_value());
  // Workers AI cannot ask for a length: a "dimensions" key is not read as one.
  const auto workers = parse_embeddings_request(EmbeddingsProtocol::kWorkersAi, R"({"text":["x"],"dimensions":8})");
  REQUIRE(workers.has_value());
  CHECK_FALSE(workers->dimensions.has_value());
  const auto gemini = parse_embeddings_request(
      EmbeddingsProtocol::kGemini,
      R"({"requests":[{"model":"models/e","content":{"parts":[{"text":"ab"},{"text":"c"}]},"outputDimensionality":4},)"
      R"({"model":"models/e","content":{"parts":[{"text":"d"}]}}]})");
  REQUIRE(gemini.has_value());
  CHECK(gemini->inputs == std::vector<std::string>{"abc", "d"});
  CHECK(gemini->dimensions == 4);
  CHECK(gemini->model == "models/e");
}

TEST_CASE("sim embeddings request: what a provider would refuse is an error") {
  CHECK(parse_embeddings_request(EmbeddingsProtocol::kOpenAi, "nope").error().message ==
        "request body is not valid JSON");
  CHECK(parse_embeddings_request(EmbeddingsProtocol::kOpenAi, R"({"input":[1,2]})").error().message ==
        "input must be a string or an array of strings");
  CHECK(parse_embeddings_request(EmbeddingsProtocol::kOllama, R"({"input":[]})").error().message ==
        "the request holds no input to embed");
  CHECK(parse_embeddings_request(EmbeddingsProtocol::kOpenAi, R"({"input":"a","dimensions":0})").error().message ==
        "dimensions must be a whole number from 1 to 65536, got 0");
  CHECK(parse_embeddings_request(EmbeddingsProtocol::kGemini, R"({"requests":[{}]})").error().message ==
        "each request needs content.parts");
}

TEST_CASE("sim embeddings: vectors are deterministic per input and of unit length") {
  const auto a = embedding_values("hello", 768);
  REQUIRE(a.size() == 768);
  CHECK(a == embedding_values("hello", 768));
  CHECK(a != embedding_values("hellp", 768));
  double squares = 0;
  for (const double value : a) {
    CHECK(std::abs(value) < 1);
    squares += value * value;
  }
  CHECK(squares == Approx(1.0).epsilon(1e-12));
  CHECK(embeddings_input_tokens({"hello", "the world", ""}) == 2 + 3 + 0);
}
