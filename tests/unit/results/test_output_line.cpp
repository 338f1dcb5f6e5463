// outputs.jsonl: the line format (field order, escaping, nulls, redaction), and the file appended,
// read back with a torn last line skipped, and resumed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "results/output_line.hpp"
#include "results/outputs_file.hpp"
#include "support/temp_dir.hpp"

using namespace ttft;
using results::OutputRecord;

namespace {

OutputRecord record(std::int64_t seq, std::string text) {
  OutputRecord r;
  r.request_id = "run-edge-main-" + std::to_string(seq);
  r.target = "edge";
  r.phase = "main";
  r.seq = seq;
  r.prompt_index = 2;
  r.prompt = "What is the capital of France?";
  r.text = std::move(text);
  r.reasoning_chars = 12;
  r.finish_reason = "stop";
  return r;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

TEST_CASE("outputs line: the fields in their order, strings escaped, one line") {
  const Redactor none({});
  OutputRecord r = record(3, "Paris.\n\"Quoted\" \\ tab\t");
  CHECK(results::format_output_line(r, none) ==
        R"({"request_id":"run-edge-main-3","target":"edge","phase":"main","seq":3,"prompt_index":2,)"
        R"("prompt":"What is the capital of France?","text":"Paris.\n\"Quoted\" \\ tab\t",)"
        R"("reasoning_chars":12,"finish_reason":"stop","error":null})"
        "\n");
}

TEST_CASE("outputs line: absent prompt_index and finish_reason and an error row") {
  OutputRecord r = record(0, "");
  r.prompt_index.reset();
  r.finish_reason.reset();
  r.error = "timeout";
  r.reasoning_chars = 0;
  const std::string line = results::format_output_line(r, Redactor({}));
  CHECK(line.find(R"("prompt_index":null)") != std::string::npos);
  CHECK(line.find(R"("text":"","reasoning_chars":0,"finish_reason":null,"error":"timeout"})") != std::string::npos);
  const auto back = results::parse_output_line(std::string_view(line).substr(0, line.size() - 1));
  REQUIRE(back.has_value());
  CHECK_FALSE(back->prompt_index.has_value());
  CHECK_FALSE(back->finish_reason.has_value());
  CHECK(back->error == "timeout");
}

TEST_CASE("outputs line: a secret echoed in the prompt or the answer is redacted") {
  const Redactor secrets({"sk-live-123456"});
  OutputRecord r = record(1, "your key is sk-live-123456, keep it");
  r.prompt = "echo sk-live-123456 please";
  const std::string line = results::format_output_line(r, secrets);
  CHECK(line.find("sk-live-123456") == std::string::npos);
  CHECK(line.find(R"("prompt":"echo *** please")") != std::string::npos);
  CHECK(line.find(R"("text":"your key is ***, keep it")") != std::string::npos);
}

TEST_CASE("outputs line: invalid UTF-8 cut mid-character becomes U+FFFD, and a line reads back") {
  const std::string line = results::format_output_line(record(4, "caf\xC3"), Redactor({}));
  CHECK(line.find("caf\xEF\xBF\xBD") != std::string::npos);
  const auto back = results::parse_output_line(results::format_output_line(record(5, "x\ny"), Redactor({})));
  REQUIRE(back.has_value());
  CHECK(back->text == "x\ny");
  CHECK(back->seq == 5);
  CHECK(back->prompt_index == 2);
  CHECK(back->finish_reason == std::optional<std::string>("stop"));
  CHECK(results::parse_output_line(R"({"request_id":"a"})").error().message == "missing \"target\"");
  CHECK(results::parse_output_line("not json").error().message == "not valid JSON");
  CHECK(results::parse_output_line("[1]").error().message == "expected a JSON object, got [1]");
  const std::string head = R"({"request_id":"a","target":"t","phase":"p",)";
  CHECK(results::parse_output_line(head + R"("seq":"1","text":""})").error().message ==
        "\"seq\" must be a whole number, got \"1\"");
  CHECK(results::parse_output_line(head + R"("seq":1,"prompt_index":-1,"text":""})").error().message ==
        "\"prompt_index\" must be a whole number or null, got -1");
  // A hand-written line needs only the request, its place and the text.
  const auto minimal = results::parse_output_line(head + R"("seq":1,"text":"Paris"})");
  REQUIRE(minimal.has_value());
  CHECK(minimal->text == "Paris");
  CHECK_FALSE(minimal->prompt_index.has_value());
  CHECK(minimal->reasoning_chars == 0);
  CHECK_FALSE(minimal->finish_reason.has_value());
}

TEST_CASE("outputs file: appended lines, a torn last line skipped on reading, cut on resuming with lines without a row") {
  test::TempDir dir;
  const std::string path = (dir / "outputs.jsonl").string();
  {
    auto writer = results::OutputsWriter::create(path, Redactor({}));
    REQUIRE(writer.has_value());
    REQUIRE(writer->append(record(0, "a")));
    REQUIRE(writer->append(record(1, "b")));
  }
  CHECK_FALSE(results::OutputsWriter::create(path, Redactor({})).has_value());  // never over a file
  std::ofstream(path, std::ios::app | std::ios::binary) << R"({"request_id":"torn)";
  auto read = results::read_outputs_jsonl(path);
  REQUIRE(read.has_value());
  CHECK(read->records.size() == 2);
  CHECK(read->skipped_partial_lines == 1);
  const std::string first_line = read_all(path).substr(0, read_all(path).find('\n') + 1);
  {
    // seq 1 has no row (killed between its line and its row): its line goes, to be sent again.
    const auto has_row = [](const OutputRecord& line) { return line.seq != 1; };
    auto resumed = results::OutputsWriter::open_existing(path, Redactor({}), has_row);
    REQUIRE(resumed.has_value());
    REQUIRE(resumed->append(record(1, "b again")));
  }
  read = results::read_outputs_jsonl(path);
  REQUIRE(read.has_value());
  REQUIRE(read->records.size() == 2);
  CHECK(read->records[0].text == "a");
  CHECK(read->records[1].text == "b again");
  CHECK(read->skipped_partial_lines == 0);
  CHECK(read_all(path).rfind(first_line, 0) == 0);  // a kept line keeps its bytes
  CHECK(read_all(path).find("torn") == std::string::npos);
  {
    auto untouched = results::OutputsWriter::open_existing(path, Redactor({}), [](const OutputRecord&) { return true; });
    REQUIRE(untouched.has_value());
    REQUIRE(untouched->append(record(2, "c")));
  }
  read = results::read_outputs_jsonl(path);
  REQUIRE(read.has_value());
  CHECK(read->records.size() == 3);
}
