#include "e2e/run_fixture.hpp"

#include <regex>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.hpp"

namespace ttft::test {

namespace fs = std::filesystem;

fs::path scenario_fixture(const std::string& folder, const std::string& file_name) {
  return fs::path(TTFT_FIXTURES_DIR) / "scenarios" / folder / file_name;
}

ProcessResult run_ttftbench(std::vector<std::string> args, const std::vector<std::string>& env,
                            std::chrono::milliseconds timeout) {
  args.insert(args.begin(), ttftbench_bin());
  return run_process(args, timeout, env);
}

ProcessResult run_ttftbench_in(const fs::path& cwd, const std::vector<std::string>& args,
                               const std::vector<std::string>& unset, const std::vector<std::string>& env,
                               std::chrono::milliseconds timeout) {
  // env(1) changes the folder and removes variables; run_process can only add them.
  std::vector<std::string> argv = {"env", "-C", cwd.string()};
  for (const auto& name : unset) argv.insert(argv.end(), {"-u", name});
  argv.push_back(fs::absolute(ttftbench_bin()).string());
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, timeout, env);
}

std::vector<std::string> referenced_env_vars(const std::string& text) {
  static const std::regex kReference(R"(\$\{([A-Za-z_][A-Za-z0-9_]*))");
  std::vector<std::string> names;
  for (std::sregex_iterator it(text.begin(), text.end(), kReference), end; it != end; ++it) {
    names.push_back((*it)[1].str());
  }
  return names;
}

bool wait_for_csv_rows(const fs::path& path, std::size_t rows, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    if (fs::exists(path, ec) && parse_csv(read_file(path)).rows.size() >= rows) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::int64_t parse_utc_ms(const std::string& text) {
  static const std::regex kUtc(R"((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z)");
  std::smatch m;
  if (!std::regex_match(text, m, kUtc)) throw std::invalid_argument("not ISO-8601 UTC with ms: " + text);
  const auto field = [&](std::size_t i) { return std::stoi(m[i].str()); };
  using namespace std::chrono;
  const auto unsigned_field = [&](std::size_t i) { return static_cast<unsigned>(field(i)); };
  const sys_days date = year{field(1)} / month{unsigned_field(2)} / day{unsigned_field(3)};
  const auto at = date + hours{field(4)} + minutes{field(5)} + seconds{field(6)} + milliseconds{field(7)};
  return duration_cast<milliseconds>(at.time_since_epoch()).count();
}

std::optional<std::int64_t> validate_request_count(const std::string& validate_stdout) {
  static const std::regex kRequests(R"((^|\n)requests +(\d+) \()");
  std::smatch m;
  if (!std::regex_search(validate_stdout, m, kRequests)) return std::nullopt;
  return std::stoll(m[2].str());
}

}  // namespace ttft::test
