#include "e2e/node_fixture.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <stdexcept>
#include <vector>

namespace ttft::test {

namespace fs = std::filesystem;

namespace {

constexpr std::chrono::seconds kStartupLimit{30};  // importing the AI SDK takes seconds on a busy machine

std::chrono::milliseconds left_until(std::chrono::steady_clock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
}

std::filesystem::path workerd_bin() { return node_dir() / "node_modules" / ".bin" / "workerd"; }

std::optional<nlohmann::json> read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  auto parsed = nlohmann::json::parse(in, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

/// "6.0.322" for "6.0.322", "4.3.19" for an alias "npm:ai@4.3.19".
std::string pinned_version(const std::string& spec) {
  const auto at = spec.rfind('@');
  return spec.rfind("npm:", 0) == 0 && at != std::string::npos ? spec.substr(at + 1) : spec;
}

/// The first line of `text`, for one-line reasons.
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

/// Runs `argv` briefly; why it cannot, or "" when it exits 0.
std::string run_problem(const std::vector<std::string>& argv) {
  try {
    const auto result = run_process(argv, std::chrono::seconds(20));
    if (result.exit_code == 0) return "";
    return argv[0] + " " + argv[1] + " failed: " + first_line(result.err + result.out);
  } catch (const std::exception& error) {
    return error.what();
  }
}

/// What keeps the tests from running tests/node's packages, or "" when nothing does.
std::string node_packages_problem() {
  if (auto problem = run_problem({"node", "--version"}); !problem.empty()) return "node: " + problem;
  const auto manifest = read_json(node_dir() / "package.json");
  if (!manifest || !manifest->contains("dependencies")) return "tests/node/package.json has no dependencies";
  for (const auto& [name, spec] : (*manifest)["dependencies"].items()) {
    const auto installed = read_json(node_dir() / "node_modules" / name / "package.json");
    const auto pinned = pinned_version(spec.get<std::string>());
    if (!installed) return "node_modules/" + name + " is missing";
    if (installed->value("version", "") != pinned) {
      return "node_modules/" + name + " is " + installed->value("version", "?") + ", package.json pins " + pinned;
    }
  }
  if (auto problem = run_problem({workerd_bin().string(), "--version"}); !problem.empty()) {
    return "workerd: " + problem;
  }
  return "";
}

std::uint16_t port_after(const std::string& line, const std::string& prefix) {
  if (line.rfind(prefix, 0) != 0) throw std::runtime_error("expected \"" + prefix + "PORT\", got \"" + line + "\"");
  return static_cast<std::uint16_t>(std::stoi(line.substr(prefix.size())));
}

}  // namespace

fs::path node_dir() { return fs::path(TTFT_SOURCE_DIR) / "tests" / "node"; }

void require_node_packages() {
  const auto problem = node_packages_problem();
  if (!problem.empty()) FAIL("run scripts/setup: npm packages for tests/node are not installed (" << problem << ")");
}

AiSdkServer::AiSdkServer() : process_({"node", (node_dir() / "ai-sdk-server.mjs").string(), "0"}) {
  const auto line = process_.read_line(kStartupLimit);
  if (!line) throw std::runtime_error("ai-sdk-server.mjs did not report its port within 30 s");
  port_ = port_after(*line, "listening on http://127.0.0.1:");
}

std::string AiSdkServer::url(const std::string& path_and_query) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path_and_query;
}

std::optional<nlohmann::json> AiSdkServer::trace(const std::string& request_id,
                                                 std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto line = process_.read_line(left_until(deadline));  // nullopt once the deadline passes
    if (!line) return std::nullopt;
    auto entry = nlohmann::json::parse(*line, nullptr, false);
    if (entry.is_object() && entry.value("request_id", "") == request_id) return entry;
  }
}

WorkerdWorker::WorkerdWorker(const std::string& sim_address)
    : process_({workerd_bin().string(), "serve", (node_dir() / "worker" / "config.capnp").string(),
                "--socket-addr", "http=127.0.0.1:0", "--external-addr", "sim=" + sim_address,
                "--control-fd", "1"}) {
  // With --control-fd 1 workerd prints {"event":"listen","socket":"http","port":N} on stdout
  // once the socket listens.
  const auto deadline = std::chrono::steady_clock::now() + kStartupLimit;
  while (port_ == 0) {
    const auto line = process_.read_line(left_until(deadline));
    if (!line) throw std::runtime_error("workerd did not report a listening socket within 30 s");
    const auto event = nlohmann::json::parse(*line, nullptr, false);
    if (event.is_object() && event.value("event", "") == "listen") port_ = event["port"].get<std::uint16_t>();
  }
}

std::string WorkerdWorker::url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

}  // namespace ttft::test
