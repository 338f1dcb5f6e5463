#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <cstdio>
#include <fstream>
#include <string>

#include "sample_factory.hpp"
#include "samples/csv_format.hpp"
#include "samples/csv_reader.hpp"

using namespace ttft::samples;

namespace {

// Compares through the CSV form itself: equal rows mean every column decoded to the same cell.
void check_same(const Sample& a, const Sample& b) { CHECK(format_row(a) == format_row(b)); }

}  // namespace

TEST_CASE("rows parse back to the same samples with awkward text included") {
  const Sample full = ttft::test::full_sample();
  const Sample empty = ttft::test::empty_sample();
  const std::string text = header_row() + format_row(full) + format_row(empty);
  const auto read = parse_samples_csv(text, "samples.csv");
  REQUIRE(read);
  REQUIRE(read->samples.size() == 2);
  CHECK(read->skipped_partial_lines == 0);
  CHECK(read->complete_bytes == text.size());
  const Sample& back = read->samples[0];
  CHECK(back.error_detail == full.error_detail);
  CHECK(back.send_lag_ns == full.send_lag_ns);
  CHECK(back.ttft_ns == full.ttft_ns);
  CHECK(back.e2e_ns == full.e2e_ns);
  CHECK(back.cost_pusd == full.cost_pusd);
  CHECK(back.idle_before_s == full.idle_before_s);
  CHECK(back.connection_reused == full.connection_reused);
  CHECK(back.http_status == full.http_status);
  check_same(back, full);
  const Sample& none = read->samples[1];
  CHECK_FALSE(none.ttft_ns);
  CHECK_FALSE(none.connection_reused);
  CHECK_FALSE(none.cost_pusd);
  CHECK(none.error.empty());
  check_same(none, empty);
}

TEST_CASE("a torn last line is ignored and counted") {
  const std::string complete = header_row() + format_row(ttft::test::empty_sample());
  const std::string row = format_row(ttft::test::full_sample());
  for (const std::size_t cut : {std::size_t{1}, row.size() / 2, row.size() - 1}) {
    const auto read = parse_samples_csv(complete + row.substr(0, cut), "s.csv");
    REQUIRE(read);
    CHECK(read->samples.size() == 1);
    CHECK(read->skipped_partial_lines == 1);
    CHECK(read->complete_bytes == complete.size());
  }
}

TEST_CASE("columns may come in any order and CRLF and a BOM and blank lines are accepted") {
  const std::string header = header_row();
  const std::string row = format_row(ttft::test::empty_sample());
  // Swap the first two columns in header and row alike.
  auto swap_first = [](const std::string& line) {
    const auto first = line.find(',');
    const auto second = line.find(',', first + 1);
    return line.substr(first + 1, second - first - 1) + "," + line.substr(0, first) +
           line.substr(second);
  };
  std::string crlf_row = swap_first(row);
  crlf_row.insert(crlf_row.size() - 1, "\r");
  const auto read =
      parse_samples_csv("\xEF\xBB\xBF" + swap_first(header) + "\n\r\n" + crlf_row + "\n", "s.csv");
  REQUIRE(read);
  REQUIRE(read->samples.size() == 1);
  CHECK(read->samples[0].run_id == "r1");
  CHECK(read->samples[0].region.empty());
}

TEST_CASE("header errors name the column and the place") {
  std::string header = header_row();
  SECTION("unknown column") {
    header.replace(header.find("pop"), 3, "poop");
    const auto read = parse_samples_csv(header, "dir/samples.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().where == "dir/samples.csv:1");
    CHECK(read.error().message == "unknown column \"poop\"");
  }
  SECTION("missing column") {
    header.replace(header.find(",cost_usd"), 9, "");
    const auto read = parse_samples_csv(header, "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().message == "missing column \"cost_usd\"");
  }
  SECTION("repeated column") {
    header.replace(header.find("cost_usd"), 8, "pop");
    const auto read = parse_samples_csv(header, "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().message == "column \"pop\" appears twice");
  }
  SECTION("empty file") {
    const auto read = parse_samples_csv("", "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().where == "s.csv");
  }
}

namespace {

// The line without its last `cells` cells: a header or row as a file written before the
// appended columns has them.
std::string without_last_cells(const std::string& line, std::size_t cells) {
  std::string kept = line.substr(0, line.size() - 1);
  for (std::size_t i = 0; i < cells; ++i) kept.erase(kept.rfind(','));
  return kept + "\n";
}

constexpr std::size_t kBrowserColumns = 2;  // browser_ttft_ms, browser_paint_ms
constexpr std::size_t kKindColumns = 3 + kBrowserColumns;  // vectors .. browser_paint_ms
constexpr std::size_t kWorkloadColumns = 5 + kKindColumns;  // input_tokens_requested .. browser_paint_ms
constexpr std::size_t kAppendedAfterFirstTokenKind = 5 + kWorkloadColumns;  // first_answer_ms .. browser_paint_ms

}  // namespace

TEST_CASE("the appended columns may be absent (files written before them) and read back") {
  const std::string header = header_row();
  const Sample full = ttft::test::full_sample();
  const std::string row = format_row(full);
  SECTION("a file from before first_token_kind") {
    const std::size_t cells = kAppendedAfterFirstTokenKind + 1;
    const auto read = parse_samples_csv(without_last_cells(header, cells) + without_last_cells(row, cells), "old.csv");
    REQUIRE(read);
    REQUIRE(read->samples.size() == 1);
    const Sample& back = read->samples[0];
    CHECK(back.first_token_kind.empty());
    CHECK_FALSE(back.first_answer_ns);
    CHECK_FALSE(back.reasoning_tokens);
    CHECK_FALSE(back.cached_input_tokens);
    CHECK_FALSE(back.cache_write_tokens);
    CHECK(back.http_version.empty());
    CHECK_FALSE(back.input_tokens_requested);
    CHECK_FALSE(back.turn);
    CHECK(back.cost_pusd == full.cost_pusd);
    CHECK(read->columns.size() == kColumnCount - cells);
  }
  SECTION("a file from before the columns of reasoning, prompt caches and HTTP versions") {
    const auto read = parse_samples_csv(without_last_cells(header, kAppendedAfterFirstTokenKind) +
                                            without_last_cells(row, kAppendedAfterFirstTokenKind),
                                        "old.csv");
    REQUIRE(read);
    CHECK(read->samples[0].first_token_kind == "reasoning");
    CHECK_FALSE(read->samples[0].first_answer_ns);
    CHECK(read->samples[0].http_version.empty());
  }
  SECTION("a file from before the workload columns") {
    const auto read = parse_samples_csv(without_last_cells(header, kWorkloadColumns) +
                                            without_last_cells(row, kWorkloadColumns),
                                        "old.csv");
    REQUIRE(read);
    CHECK(read->samples[0].http_version == "2");
    CHECK_FALSE(read->samples[0].sweep_value);
    CHECK_FALSE(read->samples[0].conversation);
  }
  SECTION("a file from before the embeddings and grading columns") {
    const auto read = parse_samples_csv(without_last_cells(header, kKindColumns) +
                                            without_last_cells(row, kKindColumns),
                                        "old.csv");
    REQUIRE(read);
    CHECK(read->samples[0].turn == 2);
    CHECK_FALSE(read->samples[0].vectors);
    CHECK_FALSE(read->samples[0].correct);
  }
  SECTION("the columns read back") {
    const auto read = parse_samples_csv(header + row, "s.csv");
    REQUIRE(read);
    const Sample& back = read->samples[0];
    CHECK(back.first_token_kind == "reasoning");
    CHECK(back.first_answer_ns == full.first_answer_ns);
    CHECK(back.reasoning_tokens == 200);
    CHECK(back.cached_input_tokens == 100);
    CHECK(back.cache_write_tokens == 12);
    CHECK(back.http_version == "2");
    CHECK(back.input_tokens_requested == 118);
    CHECK(back.max_tokens_requested == 256);
    CHECK(back.sweep_value == 0.5);
    CHECK(back.conversation == 3);
    CHECK(back.turn == 2);
    CHECK(back.vectors == 8);
    CHECK(back.dimensions == 768);
    CHECK(back.correct == false);
    CHECK(read->columns.size() == kColumnCount);
  }
  SECTION("the results fixtures written before the columns still read") {
    for (const char* file : {"/samples/small.csv", "/results/merge-regions/samples.csv"}) {
      const auto read = read_samples_csv(std::string(TTFT_FIXTURES_DIR) + file);
      INFO(file);
      REQUIRE(read);
      CHECK_FALSE(read->samples.empty());
    }
  }
  SECTION("a file from before the browser columns") {
    const auto read = parse_samples_csv(without_last_cells(header, kBrowserColumns) +
                                            without_last_cells(row, kBrowserColumns),
                                        "old.csv");
    REQUIRE(read);
    CHECK(read->samples[0].correct == false);
    CHECK_FALSE(read->samples[0].browser_ttft_ns);
    CHECK(read->columns.size() == kColumnCount - kBrowserColumns);
  }
  SECTION("the browser columns read back") {
    Sample browser = full;
    browser.browser_ttft_ns = 123'456'000;
    browser.browser_paint_ns = 130'001'000;
    const auto read = parse_samples_csv(header + format_row(browser), "s.csv");
    REQUIRE(read);
    CHECK(read->samples[0].browser_ttft_ns == 123'456'000);
    CHECK(read->samples[0].browser_paint_ns == 130'001'000);
    CHECK_FALSE(read->samples[0].browser_ttft_ns == full.browser_ttft_ns);
  }
  SECTION("correct is 1, 0 or empty") {
    const std::string old_header = without_last_cells(header, kBrowserColumns);
    const std::string old_row = without_last_cells(row, kBrowserColumns);
    REQUIRE(old_row.substr(old_row.size() - 3) == ",0\n");
    const std::string right = old_row.substr(0, old_row.size() - 2) + "1\n";
    const auto read = parse_samples_csv(old_header + right, "s.csv");
    REQUIRE(read);
    CHECK(read->samples.at(0).correct == true);
    const std::string wrong = old_row.substr(0, old_row.size() - 2) + "true\n";
    const auto bad = parse_samples_csv(old_header + wrong, "s.csv");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "column \"correct\": expected 1, 0 or empty, found \"true\"");
  }
  SECTION("a tool call's first token reads back as tool_call") {
    std::string tool = row;
    tool.replace(tool.rfind(",reasoning,"), 11, ",tool_call,");
    const auto read = parse_samples_csv(header + tool, "s.csv");
    REQUIRE(read);
    CHECK(read->samples.at(0).first_token_kind == "tool_call");
  }
  SECTION("any other kind or version is an error naming the column") {
    std::string bad = row;
    bad.replace(bad.rfind(",reasoning,"), 11, ",thinking,");
    auto read = parse_samples_csv(header + bad, "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().message == "column \"first_token_kind\": expected text, reasoning, tool_call or empty, found \"thinking\"");
    bad = row;
    bad.replace(bad.find(",2,118,"), 3, ",1.2,");
    read = parse_samples_csv(header + bad, "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().message == "column \"http_version\": expected 1.0, 1.1, 2, 3 or empty, found \"1.2\"");
    bad = row;
    bad.replace(bad.find(",200,100,12,"), 12, ",many,100,12,");
    read = parse_samples_csv(header + bad, "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().message == "column \"reasoning_tokens\": expected an integer or empty, found \"many\"");
  }
  SECTION("none may appear twice") {
    for (const char* column : {"first_token_kind", "first_answer_ms", "http_version"}) {
      std::string twice = header;
      twice.insert(twice.size() - 1, std::string(",") + column);
      const auto read = parse_samples_csv(twice, "s.csv");
      REQUIRE_FALSE(read);
      CHECK(read.error().message == fmt::format("column \"{}\" appears twice", column));
    }
  }
}

TEST_CASE("row errors name path:line and the column") {
  auto sample = ttft::test::full_sample();
  std::string row = format_row(sample);
  const std::string first = header_row() + format_row(ttft::test::empty_sample());
  SECTION("bad milliseconds") {
    row.replace(row.find("180.312"), 7, "fast");
    const auto read = parse_samples_csv(first + row, "s.csv");
    REQUIRE_FALSE(read);
    // The full sample's error_detail spans three lines, but the record starts on line 3.
    CHECK(read.error().where == "s.csv:3");
    CHECK(read.error().message ==
          "column \"ttft_ms\": expected milliseconds such as 50.312, or empty, found \"fast\"");
  }
  SECTION("wrong field count") {
    const auto read = parse_samples_csv(first + "a,b\n", "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().where == "s.csv:3");
    CHECK(read.error().message == "expected 49 fields, found 2");
  }
  SECTION("line numbers count the lines inside quoted fields") {
    const auto read = parse_samples_csv(first + row + "a,b\n", "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().where == "s.csv:6");
  }
  SECTION("a stray quote") {
    const auto read = parse_samples_csv(first + "a\"b\n", "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().message == "a quote inside an unquoted field");
  }
  SECTION("cold must be true or false") {
    std::string bad = format_row(ttft::test::empty_sample());
    bad.replace(bad.find("false"), 5, "");
    const auto read = parse_samples_csv(header_row() + bad, "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().message == "column \"cold\": expected true or false, found \"\"");
  }
}

TEST_CASE("an unreadable file is an error naming the path") {
  const auto read = read_samples_csv("/nonexistent/dir/samples.csv");
  REQUIRE_FALSE(read);
  CHECK(read.error().where == "/nonexistent/dir/samples.csv");
}

TEST_CASE("quoted fields: doubled quotes anywhere, empty, several per row, and their errors") {
  // The scanner views unquoted and plain quoted fields in the text and copies only fields with
  // doubled quotes; these are the shapes where a view or a copy could go wrong.
  Sample sample = ttft::test::empty_sample();
  const std::string header = header_row();
  SECTION("doubled quotes at the start, the end, alone, and fields without any") {
    for (const std::string detail : {"\"", "\"\"", "\"starts", "ends\"", "mid\"dle, \"x\"", ",", "a\nb"}) {
      sample.error = "stream";
      sample.error_detail = detail;
      sample.pop = "p,o\"p";  // a second quoted field in the same row, before error_detail
      sample.model = "m,odel";  // and a third one, quoted without doubled quotes
      const auto read = parse_samples_csv(header + format_row(sample), "s.csv");
      INFO(detail);
      REQUIRE(read);
      REQUIRE(read->samples.size() == 1);
      CHECK(read->samples[0].error_detail == detail);
      CHECK(read->samples[0].pop == "p,o\"p");
      CHECK(read->samples[0].model == "m,odel");
    }
  }
  SECTION("an empty quoted field is an empty cell") {
    std::string row = format_row(sample);
    row.replace(0, row.find(','), "\"\"");  // run_id written as ""
    const auto read = parse_samples_csv(header + row, "s.csv");
    REQUIRE(read);
    CHECK(read->samples[0].run_id.empty());
  }
  SECTION("a quoted last field cut off before its closing quote or its line end is torn") {
    for (const char* tail : {"\"reason", "\"reason\"", "\"rea\"\"son\""}) {
      std::string row = format_row(sample);
      row.erase(row.rfind(',') + 1);  // drop the last cell and the line end
      const auto read = parse_samples_csv(header + row + tail, "s.csv");
      INFO(tail);
      REQUIRE(read);
      CHECK(read->samples.empty());
      CHECK(read->skipped_partial_lines == 1);
    }
  }
  SECTION("text after a closing quote") {
    std::string row = format_row(sample);
    row.replace(0, row.find(','), "\"r1\"x");
    const auto read = parse_samples_csv(header + row, "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().where == "s.csv:2");
    CHECK(read.error().message == "text after a closing quote");
  }
  SECTION("line numbers count newlines inside quoted fields with doubled quotes") {
    sample.error = "stream";
    sample.error_detail = "one\n\"two\"\nthree";
    const auto read = parse_samples_csv(header + format_row(sample) + "a,b\n", "s.csv");
    REQUIRE_FALSE(read);
    CHECK(read.error().where == "s.csv:5");
  }
}

TEST_CASE("read_samples_csv reads a file across its blocks as parse_samples_csv reads the text") {
  // ~11 MB: the file is read 4 MiB at a time, so records (a quoted three-line error_detail
  // among them) are cut by block ends; alternating full and empty rows also check that the
  // reused row carries nothing over.
  const std::string path = "test_csv_reader_blocks.csv";
  std::string text = header_row();
  for (int i = 0; i < 30'000; ++i) {
    Sample sample = i % 2 == 0 ? ttft::test::full_sample() : ttft::test::empty_sample();
    sample.seq = i;
    text += format_row(sample);
  }
  text += format_row(ttft::test::full_sample()).substr(0, 40);  // a torn last row
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  const auto read = read_samples_csv(path);
  std::size_t streamed = 0;
  std::string streamed_rows;
  const auto stream = read_samples_csv(path, [&](Sample& row) {
    ++streamed;
    streamed_rows += format_row(row);
  });
  std::remove(path.c_str());
  const auto parsed = parse_samples_csv(text, path);
  REQUIRE(read);
  REQUIRE(stream);
  REQUIRE(parsed);
  REQUIRE(read->samples.size() == 30'000);
  CHECK(read->rows == 30'000);
  CHECK(stream->rows == 30'000);
  CHECK(streamed == 30'000);
  CHECK(stream->samples.empty());
  std::string parsed_rows;
  for (const Sample& sample : parsed->samples) parsed_rows += format_row(sample);
  std::string read_rows;
  for (const Sample& sample : read->samples) read_rows += format_row(sample);
  CHECK(read_rows == parsed_rows);
  CHECK(streamed_rows == parsed_rows);
  CHECK(read->samples[1].ttft_ns == std::nullopt);
  CHECK(read->samples[2].ttft_ns == ttft::test::full_sample().ttft_ns);
  for (const auto* result : {&*read, &*stream, &*parsed}) {
    CHECK(result->skipped_partial_lines == 1);
    CHECK(result->complete_bytes == text.size() - 40);
  }
}

TEST_CASE("a streamed row that fails to decode ends the read with its line") {
  std::string text = header_row();
  for (int i = 0; i < 3; ++i) text += format_row(ttft::test::empty_sample());
  text += "a,b\n";
  std::size_t rows = 0;
  const auto read = parse_samples_csv(text, "s.csv", [&](Sample&) { ++rows; });
  REQUIRE_FALSE(read);
  CHECK(read.error().where == "s.csv:5");
  CHECK(rows == 3);
}
