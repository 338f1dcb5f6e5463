// Helpers for the `ttftbench run` end-to-end tests: fixture paths, launching the binary from a
// given folder, and reading what a run leaves behind (samples.csv, timestamps, validate's count).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "support/csv_table.hpp"
#include "support/process.hpp"

namespace ttft::test {

/// tests/fixtures/scenarios/<folder>/<file_name> in the source tree.
std::filesystem::path scenario_fixture(const std::string& folder, const std::string& file_name);

/// Runs `ttftbench ARGS...` in the current directory with `env` ("K=V") added; at most `timeout`.
ProcessResult run_ttftbench(std::vector<std::string> args, const std::vector<std::string>& env = {},
                            std::chrono::milliseconds timeout = std::chrono::seconds(30));

/// Runs `ttftbench ARGS...` with `cwd` as its working directory, `env` ("K=V") added and every
/// variable in `unset` removed from its environment; at most `timeout`.
ProcessResult run_ttftbench_in(const std::filesystem::path& cwd, const std::vector<std::string>& args,
                               const std::vector<std::string>& unset = {},
                               const std::vector<std::string>& env = {},
                               std::chrono::milliseconds timeout = std::chrono::seconds(30));

/// Every NAME referenced as ${NAME} or ${NAME:-default} in `text`.
std::vector<std::string> referenced_env_vars(const std::string& text);

/// Polls the CSV file at `path` until it holds at least `rows` data records; false after `timeout`.
bool wait_for_csv_rows(const std::filesystem::path& path, std::size_t rows,
                       std::chrono::milliseconds timeout);

/// Milliseconds since the Unix epoch of "YYYY-MM-DDTHH:MM:SS.mmmZ"; throws on other text.
std::int64_t parse_utc_ms(const std::string& text);

/// N from validate's "requests  N (k per target)" line; nullopt when absent or an estimate ("~N").
std::optional<std::int64_t> validate_request_count(const std::string& validate_stdout);

}  // namespace ttft::test
