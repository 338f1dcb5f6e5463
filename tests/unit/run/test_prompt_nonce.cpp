// The prompt-cache nonce of `workload.prompt_cache: "bust"`: its shape, its determinism (a resumed
// run sends the same one) and its uniqueness within a run, and where it goes in the messages.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "run/request_builder.hpp"

using ttft::run::kPromptNonceBytes;
using ttft::run::prompt_nonce;
using ttft::run::with_prefix;

TEST_CASE("a prompt nonce is 16 hex digits and a newline, the same for the same seed and seq") {
  const std::string nonce = prompt_nonce(42, 7);
  REQUIRE(nonce.size() == static_cast<std::size_t>(kPromptNonceBytes));
  CHECK(nonce.find_first_not_of("0123456789abcdef") == 16);
  CHECK(nonce.back() == '\n');
  CHECK(prompt_nonce(42, 7) == nonce);
  CHECK(prompt_nonce(42, 8) != nonce);
  CHECK(prompt_nonce(43, 7) != nonce);
}

TEST_CASE("no two requests of a run share a nonce, hence the first 16 bytes of their text") {
  for (const std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{1}, ~std::uint64_t{0}}) {
    std::set<std::string> heads;
    constexpr std::int64_t kRequests = 100'000;
    for (std::int64_t seq = 0; seq < kRequests; ++seq) heads.insert(prompt_nonce(seed, seq).substr(0, 16));
    CHECK(heads.size() == static_cast<std::size_t>(kRequests));
  }
}

TEST_CASE("the nonce goes at the very start of the first message, the rest as written") {
  const std::vector<ttft::protocol::Message> prompt = {{"system", "Be brief."}, {"user", "Hi"}};
  const auto sent = with_prefix(prompt, "0123456789abcdef\n");
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].role == "system");
  CHECK(sent[0].content == "0123456789abcdef\nBe brief.");
  CHECK(sent[1].content == "Hi");
  CHECK(with_prefix({}, "x").empty());
}
