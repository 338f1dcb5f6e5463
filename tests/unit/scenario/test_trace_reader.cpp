// read_trace on tests/fixtures/traces: Mooncake JSONL and CSV (with and without its header) load
// with offsets from the first line in ns, and every broken fixture fails at its line.
#include <catch2/catch.hpp>

#include <filesystem>

#include "scenario/sections.hpp"
#include "support/text.hpp"

namespace fs = std::filesystem;
using namespace ttft;

namespace {

const fs::path kTraceDir = fs::path(TTFT_FIXTURES_DIR) / "traces";
constexpr Nanos kMs = 1'000'000;

std::vector<scenario::TraceLine> load(const std::string& name) {
  scenario::Reader reader("s.json");
  std::vector<scenario::TraceLine> lines;
  const bool ok = scenario::read_trace(reader, "/phases/0/trace", (kTraceDir / name).string(), lines);
  if (!ok) FAIL(reader.error().where << ": " << reader.error().message);
  return lines;
}

std::string load_error(const std::string& name) {
  scenario::Reader reader("s.json");
  std::vector<scenario::TraceLine> lines;
  CHECK_FALSE(scenario::read_trace(reader, "/phases/0/trace", (kTraceDir / name).string(), lines));
  if (reader.ok()) return "";
  return test::replace_all(reader.error().where + ": " + reader.error().message, kTraceDir.string() + "/", "");
}

}  // namespace

TEST_CASE("a Mooncake trace gives one line per record, offsets from the first timestamp") {
  const std::vector<scenario::TraceLine> lines = load("mooncake.jsonl");
  REQUIRE(lines.size() == 50);
  // Lines 1, 4, 5 and 50 of the fixture: timestamps 27482, 27482, 27643 and 59461 ms.
  CHECK(lines[0].offset_ns == 0);
  CHECK(lines[0].input_tokens == 841);
  CHECK(lines[0].output_tokens == 75);
  CHECK(lines[3].offset_ns == 0);
  CHECK(lines[4].offset_ns == (27643 - 27482) * kMs);
  CHECK(lines[4].input_tokens == 4594);
  CHECK(lines[49].offset_ns == (59461 - 27482) * kMs);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CHECK(lines[i].offset_ns >= lines[i - 1].offset_ns);
    CHECK(lines[i].input_tokens >= 1);
    CHECK(lines[i].output_tokens >= 1);
  }
}

TEST_CASE("a CSV trace skips its header and blank lines and keeps fractional milliseconds") {
  const std::vector<scenario::TraceLine> lines = load("trace.csv");
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].offset_ns == 0);
  CHECK(lines[0].input_tokens == 512);
  CHECK(lines[0].output_tokens == 64);
  CHECK(lines[1].offset_ns == 250 * kMs);
  CHECK(lines[2].offset_ns == 250 * kMs);  // equal times are allowed
  CHECK(lines[2].input_tokens == 100);
  CHECK(lines[3].offset_ns == 1000 * kMs + kMs / 2);
  CHECK(lines[3].output_tokens == 256);
}

TEST_CASE("a CSV trace without a header counts from its first line") {
  const std::vector<scenario::TraceLine> lines = load("headless.csv");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].offset_ns == 0);
  CHECK(lines[1].offset_ns == 5 * kMs);
  CHECK(lines[1].input_tokens == 16);
  CHECK(lines[1].output_tokens == 8);
}

TEST_CASE("broken traces fail with the line and what is wrong") {
  CHECK(load_error("broken/decreasing.csv") ==
        "broken/decreasing.csv:12: offset 900 ms is before the previous line's 1000 ms");
  CHECK(load_error("broken/decreasing.jsonl") ==
        "broken/decreasing.jsonl:2: timestamp 40 ms is before the previous line's 100 ms");
  CHECK(load_error("broken/zero_length.jsonl") ==
        "broken/zero_length.jsonl:3: /input_length: expected an integer greater than 0, got 0");
  CHECK(load_error("broken/no_timestamp.jsonl") ==
        "broken/no_timestamp.jsonl:2: missing required key \"timestamp\"");
  CHECK(load_error("broken/fields.csv") ==
        "broken/fields.csv:2: expected 3 fields offset_ms,input_tokens,output_tokens, got 2");
  CHECK(load_error("broken/not_a_number.csv") ==
        "broken/not_a_number.csv:2: input_tokens: expected an integer greater than 0, got \"many\"");
  CHECK(load_error("broken/none.csv") ==
        "s.json: /phases/0/trace: cannot read trace \"broken/none.csv\": No such file or directory");
}
