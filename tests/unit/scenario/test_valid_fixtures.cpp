// Valid scenario fixtures load into the structs the rest of ttftbench runs from.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/sha256.hpp"
#include "scenario/load.hpp"
#include "support/fake_env.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace ttft;
using ttft::test::fake_env;

namespace {

const fs::path kValidDir = fs::path(TTFT_FIXTURES_DIR) / "scenarios" / "valid";

scenario::Scenario load_valid(const std::string& name, const scenario::Getenv& env = fake_env({})) {
  const auto result = scenario::load_scenario((kValidDir / name).string(), env);
  if (!result) FAIL(render_error(result.error()));
  return *result;
}

}  // namespace

TEST_CASE("comments are stripped everywhere except inside strings") {
  const scenario::Scenario s = load_valid("comments.json");
  CHECK(s.name == "comments");
  REQUIRE(s.targets.size() == 2);
  CHECK(s.targets[1].url == "http://127.0.0.1:9/v1/chat/completions");
  CHECK(s.targets[1].model == "gpt-4o-mini");
  REQUIRE(s.prompts.size() == 1);
  CHECK(s.prompts[0][0].content == "say \"hi\" // not a comment /* nor this */");
  CHECK(s.redacted["description"] == "a // inside a string is kept, and so is /* this */");
  CHECK(s.sha256 == sha256_hex(test::read_file(kValidDir / "comments.json")));
  CHECK(s.path == (kValidDir / "comments.json").string());
}

TEST_CASE("environment substitution with defaults, header secrets are recorded and redacted") {
  const scenario::Scenario s =
      load_valid("env.json", fake_env({{"CF_ACCOUNT_ID", "acct42"},
                                       {"CF_API_TOKEN", "cf-token-0123456789"},
                                       {"OPENAI_API_KEY", "sk-test-abcdefgh"},
                                       {"MODEL", ""}}));
  const scenario::Target& edge = s.targets[0];
  CHECK(edge.url ==
        "https://api.cloudflare.com/client/v4/accounts/acct42/ai/run/@cf/meta/"
        "llama-3.1-8b-instruct-fast");
  using Headers = std::vector<std::pair<std::string, std::string>>;
  CHECK(edge.headers ==
        Headers{{"Authorization", "Bearer cf-token-0123456789"}, {"X-Region", "eu-west"}});
  CHECK(s.targets[1].model == "gpt-4o-mini");  // empty variable: the default applies, as in sh
  CHECK(s.prompts[0][0].content == "costs ${HOME} literally");

  CHECK(std::find(s.secrets.begin(), s.secrets.end(), "cf-token-0123456789") != s.secrets.end());
  CHECK(std::find(s.secrets.begin(), s.secrets.end(), "sk-test-abcdefgh") != s.secrets.end());
  CHECK(std::find(s.secrets.begin(), s.secrets.end(), "literal-key-value") != s.secrets.end());
  CHECK(std::find(s.secrets.begin(), s.secrets.end(), "eu-west") == s.secrets.end());  // a default
  const auto& redacted = s.redacted["targets"];
  CHECK(redacted["edge"]["headers"]["Authorization"] == "***");
  CHECK(redacted["edge"]["headers"]["X-Region"] == "***");  // had a ${...}, even if defaulted
  CHECK(redacted["edge"]["url"] == edge.url);
  CHECK(redacted["central"]["headers"]["x-api-key"] == "***");
  CHECK(redacted["central"]["headers"]["Accept"] == "text/event-stream");
  CHECK(redacted["central"]["url"] == "https://api.openai.com/v1/chat/completions?key=***");
  CHECK(s.redacted.dump().find("sk-test-abcdefgh") == std::string::npos);
  CHECK(s.redacted.dump().find("cf-token-0123456789") == std::string::npos);
}

TEST_CASE("targets keep file order, phases, sweeps and top-level options are read") {
  const scenario::Scenario s = load_valid("ordered_targets.json");
  REQUIRE(s.targets.size() == 3);
  CHECK(s.targets[0].name == "zeta");
  CHECK(s.targets[1].name == "alpha");
  CHECK(s.targets[2].name == "mid");
  REQUIRE(s.targets[2].sim_profile);
  CHECK(s.targets[2].sim_profile->token_interval_ms == 900);
  CHECK(s.targets[2].sim_profile->time_scale == 0.01);
  CHECK(s.targets[0].reuse_connections);
  CHECK(s.time_scale == 0.01);
  CHECK(s.seed == std::uint64_t{18446744073709551615ULL});
  CHECK(s.request_id_header.empty());
  CHECK(s.max_tokens == 64);
  CHECK(s.prompts[0].size() == 2);
  REQUIRE(s.phases.size() == 3);
  CHECK(s.phases[0].cold());
  CHECK(s.phases[0].requests == 3);  // one per gap
  CHECK(s.phases[0].idle_ns ==
        std::vector<Nanos>{60 * kNanosPerSecond, 300 * kNanosPerSecond, 1800 * kNanosPerSecond});
  CHECK_FALSE(s.phases[1].requests);
  CHECK(s.phases[1].duration_ns == 120 * kNanosPerSecond);
  CHECK(s.phases[1].rate_per_s == 2.5);
  CHECK(s.phases[1].arrival == scenario::Arrival::poisson);
  CHECK(s.phases[1].order == scenario::Order::blocks);
  CHECK(s.phases[2].concurrency == 4);
  CHECK(s.phases[2].order == scenario::Order::sequential);
}

TEST_CASE("every pricing kind is read into integer money") {
  const scenario::Scenario s = load_valid("pricing.json");
  const cost::Pricing& edge = s.targets[0].pricing;
  REQUIRE(edge.neurons);
  CHECK(edge.neurons->input_neurons_per_mtok == 4119);
  CHECK(edge.neurons->output_neurons_per_mtok == 34868);
  CHECK(edge.neurons->uusd_per_1k_neurons == 11'000);
  CHECK(edge.neurons->free_neurons_per_day == 10'000);
  CHECK_FALSE(edge.tokens);
  const cost::Pricing& central = s.targets[1].pricing;
  REQUIRE(central.tokens);
  CHECK(central.tokens->input_uusd_per_mtok == 150'000);
  CHECK(central.tokens->output_uusd_per_mtok == 600'000);
  CHECK(central.per_request_uusd == 1);
  const scenario::Target& gpu = s.targets[2];
  REQUIRE(gpu.pricing.gpu_hour);
  CHECK(gpu.pricing.gpu_hour->uusd_per_hour == 2'490'000);
  CHECK(gpu.pricing.gpu_hour->tokens_per_s == 1500.5);
  CHECK(gpu.follow_redirects);
  CHECK(gpu.tls.insecure);
  CHECK(gpu.tls.cacert == (kValidDir / "certs/ca.pem").string());
  CHECK(s.timeouts.connect_ns == 5 * kNanosPerSecond);
  CHECK(s.timeouts.first_event_ns == 20 * kNanosPerSecond);
  CHECK(s.timeouts.total_ns == 120 * kNanosPerSecond);
  CHECK(s.request_id_header == "X-Request-Id");
  CHECK_FALSE(s.seed);
  CHECK(s.max_tokens == 256);
}

TEST_CASE("prompt-cache prices are read beside the token prices, absent, they are unset") {
  const scenario::Scenario s = load_valid("pricing_cache.json");
  const cost::Pricing& anthropic = s.targets[0].pricing;
  REQUIRE(anthropic.tokens);
  CHECK(anthropic.tokens->input_uusd_per_mtok == 1'000'000);
  CHECK(anthropic.tokens->output_uusd_per_mtok == 5'000'000);
  CHECK(anthropic.tokens->cached_input_uusd_per_mtok == 100'000);
  CHECK(anthropic.tokens->cache_write_uusd_per_mtok == 1'250'000);
  const cost::Pricing& openai = s.targets[1].pricing;
  REQUIRE(openai.tokens);
  CHECK_FALSE(openai.tokens->cached_input_uusd_per_mtok);  // the input price applies
  CHECK_FALSE(openai.tokens->cache_write_uusd_per_mtok);
}

TEST_CASE("a prompts file gives one prompt per non-blank line") {
  const scenario::Scenario s = load_valid("prompts_file.json");
  CHECK(s.prompts_file == (kValidDir / "prompts.jsonl").string());
  REQUIRE(s.prompts.size() == 4);
  CHECK(s.prompts[0].size() == 1);
  CHECK(s.prompts[0][0].role == "user");
  CHECK(s.prompts[0][0].content == "What is the capital of France?");
  REQUIRE(s.prompts[1].size() == 2);
  CHECK(s.prompts[1][0].role == "system");
  CHECK(s.prompts[1][1].content == "Largest planet?");
  CHECK(s.prompts[2][0].content == "Say \"hello\" in Japanese");
  CHECK(s.prompts[3][0].content == "crlf line");
}
