// synthetic_prompt: exactly 4 bytes per token of printable ASCII, the same for the same call, and
// different for another variant.
#include <catch2/catch.hpp>

#include <algorithm>

#include "workload/synthetic_prompt.hpp"

using ttft::workload::synthetic_prompt;

TEST_CASE("a synthetic prompt is exactly 4 x tokens printable ASCII bytes") {
  for (const std::int64_t tokens : {1, 3, 100, 800, 5000}) {
    INFO("tokens " << tokens);
    const std::string prompt = synthetic_prompt(tokens, 3);
    CHECK(prompt.size() == static_cast<std::size_t>(tokens * ttft::workload::kBytesPerToken));
    CHECK(std::all_of(prompt.begin(), prompt.end(), [](char c) { return c >= 0x20 && c < 0x7F; }));
  }
  CHECK(synthetic_prompt(0, 0).empty());
}

TEST_CASE("a synthetic prompt is deterministic and differs by variant") {
  CHECK(synthetic_prompt(800, 5) == synthetic_prompt(800, 5));
  CHECK(synthetic_prompt(800, 5) != synthetic_prompt(800, 6));
  CHECK(synthetic_prompt(800, 0) != synthetic_prompt(800, 1));
  // Words, not one repeated character: a prompt of 800 tokens holds many distinct words.
  const std::string prompt = synthetic_prompt(800, 0);
  CHECK(std::count(prompt.begin(), prompt.end(), ' ') > 400);
}
