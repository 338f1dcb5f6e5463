// read_dataset and read_prompts_file on tests/fixtures/datasets: the prompts and user turns of
// each format, `limit`, and every broken fixture's exact located message.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "scenario/load.hpp"
#include "scenario/sections.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"
#include "no_env.hpp"

namespace fs = std::filesystem;
using namespace ttft;
using scenario::DatasetFormat;

namespace {

const fs::path kDir = fs::path(TTFT_FIXTURES_DIR) / "datasets";

struct Loaded {
  bool ok = false;
  std::string error;  // "<where>: <message>", the fixture folder removed
  std::vector<std::vector<protocol::Message>> prompts;
  std::vector<std::vector<std::string>> user_turns;
  scenario::DatasetSkips skips;
  std::vector<std::optional<metrics::Expected>> expected;
};

Loaded load(const std::string& name, DatasetFormat format, std::optional<std::int64_t> limit = std::nullopt) {
  scenario::Reader reader("s.json");
  Loaded out;
  out.ok = scenario::read_dataset(reader, "/workload/dataset/path", (kDir / name).string(), format, limit,
                                  out.prompts, out.user_turns, out.skips, out.expected);
  CHECK(out.ok == reader.ok());
  if (!reader.ok()) {
    out.error = test::replace_all(reader.error().where + ": " + reader.error().message, kDir.string() + "/", "");
  }
  return out;
}

// Message lists as "role: content" lines, to compare whole prompts.
std::string shown(const std::vector<protocol::Message>& messages) {
  std::string out;
  for (const protocol::Message& m : messages) out += m.role + ": " + m.content + "\n";
  return out;
}

void check_sharegpt(const Loaded& d) {
  REQUIRE(d.ok);
  REQUIRE(d.prompts.size() == 3);
  REQUIRE(d.user_turns.size() == 3);
  REQUIRE(d.prompts[0].size() == 1);
  CHECK(d.prompts[0][0].role == "user");
  CHECK(d.prompts[0][0].content == "What is the capital of France?");
  CHECK(d.user_turns[0] == std::vector<std::string>{"What is the capital of France?"});
  // The first human turn, after a system turn; both human turns are user turns, gpt's are not.
  CHECK(d.prompts[1][0].content == "Name a prime, \"small\" please");
  CHECK(d.user_turns[1] == std::vector<std::string>{"Name a prime, \"small\" please", "Another, ünïcode 東京"});
  CHECK(d.prompts[2][0].content == "Hi\nthere");
  CHECK(d.user_turns[2] == std::vector<std::string>{"Hi\nthere"});
}

}  // namespace

TEST_CASE("a ShareGPT array file gives each entry's first human turn and all its human turns") {
  check_sharegpt(load("sharegpt.json", DatasetFormat::sharegpt));
}

TEST_CASE("a ShareGPT JSONL file gives the same entries as the array form") {
  check_sharegpt(load("sharegpt.jsonl", DatasetFormat::sharegpt));
}

TEST_CASE("an OpenAI JSONL file gives each whole message list and its user messages") {
  const Loaded d = load("openai.jsonl", DatasetFormat::openai);
  REQUIRE(d.ok);
  REQUIRE(d.prompts.size() == 4);
  REQUIRE(d.prompts[0].size() == 2);
  CHECK(d.prompts[0][0].role == "system");
  CHECK(d.prompts[0][1].content == "Largest planet?");
  CHECK(d.user_turns[0] == std::vector<std::string>{"Largest planet?"});
  REQUIRE(d.prompts[1].size() == 3);
  CHECK(d.prompts[1][1].role == "assistant");
  CHECK(d.user_turns[1] == std::vector<std::string>{"One", "Two"});
  CHECK(d.prompts[2][0].content == "Say \"hello\" in Japanese");
  CHECK(d.prompts[3][0].content == "fourth");
}

TEST_CASE("a prompts dataset reads as a prompts file, CRLF lines included") {
  const Loaded d = load("prompts.jsonl", DatasetFormat::prompts);
  REQUIRE(d.ok);
  REQUIRE(d.prompts.size() == 3);
  CHECK(d.prompts[0][0].content == "first prompt");
  REQUIRE(d.prompts[1].size() == 2);
  CHECK(d.user_turns[1] == std::vector<std::string>{"second"});
  CHECK(d.prompts[2][0].content == "third");
  scenario::Reader reader("s.json");
  std::vector<std::vector<protocol::Message>> prompts;
  std::vector<std::optional<metrics::Expected>> expected;
  CHECK(scenario::read_prompts_file(reader, "/workload/prompts_file", (kDir / "prompts.jsonl").string(), prompts,
                                    expected));
  CHECK(expected.empty());  // no line has one
  REQUIRE(prompts.size() == d.prompts.size());
  for (std::size_t i = 0; i < prompts.size(); ++i) CHECK(shown(prompts[i]) == shown(d.prompts[i]));
}

TEST_CASE("limit keeps the first entries in file order in every format") {
  for (const auto& [name, format] : {std::pair{"sharegpt.json", DatasetFormat::sharegpt},
                                     std::pair{"sharegpt.jsonl", DatasetFormat::sharegpt},
                                     std::pair{"openai.jsonl", DatasetFormat::openai},
                                     std::pair{"prompts.jsonl", DatasetFormat::prompts}}) {
    INFO(name);
    const Loaded all = load(name, format);
    const Loaded two = load(name, format, 2);
    REQUIRE(two.ok);
    REQUIRE(two.prompts.size() == 2);
    CHECK(shown(two.prompts[0]) == shown(all.prompts[0]));
    CHECK(shown(two.prompts[1]) == shown(all.prompts[1]));
    CHECK(two.user_turns.size() == 2);
    CHECK(load(name, format, 100).prompts.size() == all.prompts.size());
  }
}

TEST_CASE("limit stops before a broken entry further on") {
  CHECK(load("broken/not_an_entry.sharegpt.jsonl", DatasetFormat::sharegpt, 2).ok);
  CHECK_FALSE(load("broken/not_an_entry.sharegpt.jsonl", DatasetFormat::sharegpt, 3).ok);
}

TEST_CASE("ShareGPT entries without a human turn are left out and counted with the first one's line") {
  const Loaded lines = load("no_human.sharegpt.jsonl", DatasetFormat::sharegpt);
  REQUIRE(lines.ok);
  CHECK(lines.prompts.size() == 1);
  CHECK(lines.skips.count == 1);
  CHECK(lines.skips.first == (kDir / "no_human.sharegpt.jsonl").string() + ":2");
  const Loaded array = load("no_human_element.sharegpt.json", DatasetFormat::sharegpt);
  REQUIRE(array.ok);
  CHECK(array.prompts.size() == 2);
  CHECK(array.skips.count == 1);
  CHECK(array.skips.first == (kDir / "no_human_element.sharegpt.json").string() + ":4");
  // limit counts the entries kept
  const Loaded limited = load("no_human_element.sharegpt.json", DatasetFormat::sharegpt, 2);
  CHECK(limited.prompts.size() == 2);
  CHECK(limited.skips.count == 0);
}

TEST_CASE("broken datasets fail with the entry's file and line and what is wrong") {
  const struct {
    const char* name;
    DatasetFormat format;
    const char* error;
  } cases[] = {
      {"broken/not_an_entry.sharegpt.jsonl", DatasetFormat::sharegpt,
       "broken/not_an_entry.sharegpt.jsonl:3: expected a \"conversations\" array, got an array"},
      {"broken/no_conversations.sharegpt.jsonl", DatasetFormat::sharegpt,
       "broken/no_conversations.sharegpt.jsonl:2: expected a \"conversations\" array, got an object without one"},
      {"broken/only_no_human.sharegpt.jsonl", DatasetFormat::sharegpt,
       "broken/only_no_human.sharegpt.jsonl: expected at least one entry, got none"},
      {"broken/turn_value.sharegpt.jsonl", DatasetFormat::sharegpt,
       "broken/turn_value.sharegpt.jsonl:1: /conversations/1/value: expected a string, got number 5"},
      {"broken/element_syntax.sharegpt.json", DatasetFormat::sharegpt,
       "broken/element_syntax.sharegpt.json:7:7: syntax error: expected ',' or ']', got '{'"},
      {"broken/missing_comma.sharegpt.json", DatasetFormat::sharegpt,
       "broken/missing_comma.sharegpt.json:3:3: syntax error: expected ',' or ']' after an entry"},
      {"broken/truncated.sharegpt.json", DatasetFormat::sharegpt,
       "broken/truncated.sharegpt.json:3:3: syntax error: unexpected end of file inside this entry"},
      {"broken/bad_role.openai.jsonl", DatasetFormat::openai,
       "broken/bad_role.openai.jsonl:2: /messages/0/role: expected \"system\", \"user\" or \"assistant\", got "
       "\"bot\""},
      {"broken/no_user.openai.jsonl", DatasetFormat::openai,
       "broken/no_user.openai.jsonl:3: /messages: entry has no \"user\" message"},
      {"broken/syntax.openai.jsonl", DatasetFormat::openai,
       "broken/syntax.openai.jsonl:2:51: syntax error: trailing comma before ']'"},
      {"broken/empty.openai.jsonl", DatasetFormat::openai,
       "broken/empty.openai.jsonl: expected at least one entry, got none"},
      {"broken/no_such_file.jsonl", DatasetFormat::openai,
       "s.json: /workload/dataset/path: cannot read dataset \"broken/no_such_file.jsonl\": No such file or "
       "directory"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const Loaded d = load(c.name, c.format);
    CHECK_FALSE(d.ok);
    CHECK(d.error == c.error);
  }
}

TEST_CASE("workload.dataset loads its file relative to the scenario with sample and limit") {
  test::TempDir dir;
  fs::copy_file(kDir / "sharegpt.json", dir.path() / "data.json");
  const std::string workload =
      R"("workload": {"dataset": {"path": "data.json", "format": "sharegpt", "sample": "random", "limit": 2}})";
  const std::string text = R"({"name": "t", "targets": {
    "a": {"protocol": "sse", "url": "http://127.0.0.1:1/"}, "b": {"protocol": "sse", "url": "http://127.0.0.1:2/"}},
    )" + workload + R"(, "phases": [{"name": "p", "requests": 1, "interval": "1s"}]})";
  std::ofstream(dir.path() / "s.json") << text;
  const auto loaded = scenario::load_scenario((dir.path() / "s.json").string(), test::no_env);
  if (!loaded) FAIL(render_error(loaded.error()));
  CHECK(loaded->prompts_file == (dir.path() / "data.json").string());
  CHECK(loaded->sampling == scenario::Sampling::random);
  REQUIRE(loaded->prompts.size() == 2);
  CHECK(loaded->prompts[1][0].content == "Name a prime, \"small\" please");
  REQUIRE(loaded->user_turns.size() == 2);
  CHECK(loaded->user_turns[1].size() == 2);
}

TEST_CASE("workload.dataset refuses unknown keys, bad values and a second prompt source") {
  const auto error = [](const std::string& workload) {
    const std::string text = R"({"name": "t", "targets": {
      "a": {"protocol": "sse", "url": "http://127.0.0.1:1/"}, "b": {"protocol": "sse", "url": "http://127.0.0.1:2/"}},
      "workload": )" + workload + R"(, "phases": [{"name": "p", "requests": 1, "interval": "1s"}]})";
    const auto result = scenario::parse_scenario(text, "s.json", test::no_env);
    REQUIRE_FALSE(result);
    return result.error().where + ": " + result.error().message;
  };
  CHECK(error(R"({"dataset": {"path": "d.jsonl", "format": "sharegpt", "limt": 2}})") ==
        "s.json: /workload/dataset/limt: unknown key \"limt\"");
  CHECK(error(R"({"dataset": {"path": "d.jsonl", "format": "csv"}})") ==
        "s.json: /workload/dataset/format: expected \"sharegpt\", \"openai\" or \"prompts\", got \"csv\"");
  CHECK(error(R"({"dataset": {"path": "d.jsonl", "format": "openai", "limit": 0}})") ==
        "s.json: /workload/dataset/limit: expected an integer greater than 0, got 0");
  CHECK(error(R"({"dataset": {"format": "openai"}})") == "s.json: /workload/dataset: missing required key \"path\"");
  CHECK(error(R"({"dataset": {"path": "d.jsonl", "format": "openai"},
                  "messages": [{"role": "user", "content": "hi"}]})") ==
        "s.json: /workload/dataset: expected one prompt source, got both \"messages\" and \"dataset\"");
}
