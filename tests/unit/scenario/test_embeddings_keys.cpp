// The embeddings keys as the loader reads them (docs/scenario.md ("Embeddings")): a target's kind,
// protocol and dimensions, workload.inputs and batch, input-only prices, and each misplaced key
// reported at its JSON pointer.
#include <catch2/catch.hpp>

#include "scenario/load.hpp"
#include "no_env.hpp"

using namespace ttft;

namespace {

const std::string kEdge =
    R"("edge": {"kind": "embeddings", "protocol": "workers-ai", "url": "sim://edge", "dimensions": 768,
        "pricing": {"neurons": {"input_per_mtok": 6058, "usd_per_1k_neurons": 0.011, "free_per_day": 10000}}})";
const std::string kCentral =
    R"("central": {"kind": "embeddings", "protocol": "openai", "url": "sim://central", "model": "m",
        "pricing": {"input_usd_per_mtok": 0.02}})";
const std::string kChat = R"("chat": {"protocol": "openai-chat", "url": "sim://central"})";

std::string scenario_text(const std::string& targets, const std::string& workload) {
  return R"({"name": "t", "targets": {)" + targets + R"(}, "workload": {)" + workload +
         R"(}, "phases": [{"name": "p", "requests": 1, "interval": "1s"}]})";
}

Result<scenario::Scenario> parse(const std::string& targets, const std::string& workload) {
  return scenario::parse_scenario(scenario_text(targets, workload), "s.json", test::no_env);
}

std::string error_of(const std::string& targets, const std::string& workload) {
  const auto result = parse(targets, workload);
  REQUIRE_FALSE(result);
  return result.error().where + ": " + result.error().message;
}

}  // namespace

TEST_CASE("embeddings targets, inputs and batch are read as written") {
  const auto s = parse(kEdge + "," + kCentral + "," + kChat, R"("inputs": ["one", "two", "three"], "batch": 2)");
  REQUIRE(s);
  CHECK(s->targets[0].embeds());
  CHECK(s->targets[0].protocol == "workers-ai");
  CHECK(s->targets[0].dimensions == 768);
  CHECK(s->targets[0].pricing.neurons->input_neurons_per_mtok == 6058);
  CHECK(s->targets[0].pricing.neurons->output_neurons_per_mtok == 0);
  CHECK(s->targets[1].pricing.tokens->input_uusd_per_mtok == 20'000);
  CHECK_FALSE(s->targets[1].dimensions);
  CHECK_FALSE(s->targets[2].embeds());
  CHECK(s->embedding_inputs == std::vector<std::string>{"one", "two", "three"});
  CHECK(s->batch == 2);
  // Inputs alone are the chat target's prompts too, one user message each.
  REQUIRE(s->prompts.size() == 3);
  CHECK(s->prompts[1].at(0).content == "two");
  CHECK(s->prompts[1].at(0).role == "user");
}

TEST_CASE("inputs beside another prompt source leave the prompts alone") {
  const auto s = parse(kEdge + "," + kChat, R"("messages": [{"role": "user", "content": "hi"}], "inputs": ["x"])");
  REQUIRE(s);
  REQUIRE(s->prompts.size() == 1);
  CHECK(s->prompts[0].at(0).content == "hi");
  CHECK(s->embedding_inputs == std::vector<std::string>{"x"});
}

TEST_CASE("misplaced embeddings keys are errors at their pointer") {
  const std::string inputs = R"("inputs": ["one"])";
  CHECK(error_of(R"("a": {"kind": "embeddings", "protocol": "openai-chat", "url": "sim://edge"},)" + kChat, inputs) ==
        "s.json: /targets/a/protocol: unknown embeddings protocol \"openai-chat\"");
  CHECK(error_of(R"("a": {"kind": "vectors", "protocol": "openai", "url": "sim://edge"},)" + kChat, inputs)
            .rfind("s.json: /targets/a/kind", 0) == 0);
  CHECK(error_of(R"("a": {"kind": "embeddings", "protocol": "openai", "url": "sim://edge", "stream": false},)" + kChat, inputs)
            .rfind("s.json: /targets/a/stream", 0) == 0);
  CHECK(error_of(R"("a": {"protocol": "openai-chat", "url": "sim://edge", "dimensions": 8},)" + kChat, inputs) ==
        "s.json: /targets/a/dimensions: \"dimensions\" applies to embeddings targets");
  CHECK(error_of(R"("a": {"kind": "embeddings", "protocol": "openai", "url": "sim://edge", "dimensions": 0},)" + kChat, inputs)
            .rfind("s.json: /targets/a/dimensions", 0) == 0);
  // A chat target's price needs both halves; an embeddings target's may stand on its input.
  CHECK(error_of(R"("a": {"protocol": "openai-chat", "url": "sim://edge", "pricing": {"input_usd_per_mtok": 1}},)" + kChat, inputs)
            .rfind("s.json: /targets/a/pricing", 0) == 0);
  CHECK(error_of(kChat + R"(, "b": {"protocol": "openai-chat", "url": "sim://edge"})", R"("inputs": ["one"], "batch": 4)") ==
        "s.json: /workload/batch: \"batch\" applies to embeddings targets, and none has \"kind\": \"embeddings\"");
  CHECK(error_of(kChat + R"(, "b": {"protocol": "openai-chat", "url": "sim://edge"})",
                 R"("messages": [{"role": "user", "content": "hi"}], "inputs": ["one"])") ==
        "s.json: /workload/inputs: \"inputs\" applies to embeddings targets, and none has \"kind\": \"embeddings\"");
  CHECK(error_of(kEdge + "," + kChat, R"("inputs": [""])") == "s.json: /workload/inputs/0: expected a text to embed, got an empty string");
  CHECK(error_of(kEdge + "," + kChat, R"("inputs": ["one"], "batch": 0)").rfind("s.json: /workload/batch", 0) == 0);
  CHECK(error_of(kEdge + "," + kChat, R"("inputs": ["one"], "conversation": {"turns": 2})")
            .rfind("s.json: /workload/conversation: a conversation needs chat targets", 0) == 0);
}
