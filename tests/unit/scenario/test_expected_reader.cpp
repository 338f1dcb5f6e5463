// A prompts file's "expected" answers: each kind read, ignore_case, and every malformed one an
// error at its file:line (a bad regex with std::regex's own message).
#include <catch2/catch.hpp>

#include <fstream>

#include "scenario/sections.hpp"
#include "support/temp_dir.hpp"

using namespace ttft;
using metrics::ExpectKind;
using metrics::Expected;

namespace {

struct Read {
  bool ok = false;
  std::string error;  // "<where>: <message>" with the folder removed
  std::vector<std::vector<protocol::Message>> prompts;
  std::vector<std::optional<Expected>> expected;
};

Read read_lines(const std::string& text) {
  test::TempDir dir;
  const auto path = dir / "prompts.jsonl";
  std::ofstream(path) << text;
  scenario::Reader reader("s.json");
  Read out;
  out.ok = scenario::read_prompts_file(reader, "/workload/prompts_file", path.string(), out.prompts, out.expected);
  if (!reader.ok()) {
    out.error = reader.error().where + ": " + reader.error().message;
    out.error.erase(0, out.error.find("prompts.jsonl"));
  }
  return out;
}

}  // namespace

TEST_CASE("each kind of expected answer is read beside its prompt, ungraded lines stay empty") {
  const Read r = read_lines(
      "{\"prompt\": \"capital of France?\", \"expected\": {\"equals\": \"Paris\"}}\n"
      "{\"prompt\": \"no grade\"}\n"
      "{\"messages\": [{\"role\": \"user\", \"content\": \"2+2?\"}], \"expected\": {\"one_of\": [\"4\", \"four\"], "
      "\"ignore_case\": true}}\n"
      "{\"expected\": {\"regex\": \"19[0-9]{2}\"}, \"prompt\": \"moon landing year?\"}\n"
      "{\"prompt\": \"largest planet?\", \"expected\": {\"contains\": \"jupiter\", \"ignore_case\": false}}\n");
  REQUIRE(r.ok);
  REQUIRE(r.prompts.size() == 5);
  REQUIRE(r.expected.size() == 5);
  CHECK(r.expected[0] == Expected{ExpectKind::equals, {"Paris"}, false});
  CHECK_FALSE(r.expected[1]);
  CHECK(r.expected[2] == Expected{ExpectKind::one_of, {"4", "four"}, true});
  CHECK(r.prompts[2][0].content == "2+2?");
  CHECK(r.expected[3] == Expected{ExpectKind::regex, {"19[0-9]{2}"}, false});
  CHECK(r.expected[4] == Expected{ExpectKind::contains, {"jupiter"}, false});
}

TEST_CASE("a prompts file without any expected answer has no expected list") {
  const Read r = read_lines("{\"prompt\": \"a\"}\n{\"prompt\": \"b\"}\n");
  REQUIRE(r.ok);
  CHECK(r.prompts.size() == 2);
  CHECK(r.expected.empty());
}

TEST_CASE("malformed expected answers are errors at file:line") {
  CHECK(read_lines("{\"prompt\": \"a\"}\n{\"prompt\": \"b\", \"expected\": {\"regex\": \"(unclosed\"}}\n")
            .error.rfind("prompts.jsonl:2: /expected/regex: bad regex \"(unclosed\": ", 0) == 0);
  CHECK(read_lines("{\"prompt\": \"b\", \"expected\": {\"equals\": \"x\", \"contains\": \"y\"}}\n").error ==
        "prompts.jsonl:1: /expected: \"equals\" and \"contains\" together: an expected answer has one kind");
  CHECK(read_lines("{\"prompt\": \"b\", \"expected\": {\"equal\": \"x\"}}\n").error ==
        "prompts.jsonl:1: /expected/equal: unknown key \"equal\"");
  CHECK(read_lines("{\"prompt\": \"b\", \"expected\": {\"ignore_case\": true}}\n").error ==
        "prompts.jsonl:1: /expected: expected one of \"equals\", \"contains\", \"regex\" or \"one_of\"");
  CHECK(read_lines("{\"prompt\": \"b\", \"expected\": {\"one_of\": []}}\n").error ==
        "prompts.jsonl:1: /expected/one_of: expected a non-empty array, got []");
  CHECK(read_lines("{\"prompt\": \"b\", \"expected\": {\"equals\": 4}}\n").error ==
        "prompts.jsonl:1: /expected/equals: expected a string, got number 4");
  CHECK(read_lines("{\"prompt\": \"b\", \"expected\": {\"contains\": \"x\", \"ignore_case\": \"yes\"}}\n").error ==
        "prompts.jsonl:1: /expected/ignore_case: expected true or false, got string \"yes\"");
  CHECK(read_lines("{\"prompt\": \"b\", \"expected\": \"Paris\"}\n").error ==
        "prompts.jsonl:1: /expected: expected an object, got string \"Paris\"");
}
