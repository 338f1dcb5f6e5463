// Starts a simulator on an ephemeral port for one test and stops it at the end of the scope.
#pragma once

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "sim/server.hpp"
#include "support/temp_dir.hpp"

namespace ttft::test {

// Gemini's streaming route, as the simulator serves it.
inline const std::string kGeminiPath = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";

inline std::unique_ptr<sim::Server> start_sim(const std::string& log_path = "",
                                              sim::Profile profile = sim::builtin_profile("fast").value()) {
  sim::Server::Options options;
  options.profile = std::move(profile);
  options.log_path = log_path;
  auto server = sim::Server::start(std::move(options));
  REQUIRE(server.has_value());
  return std::move(*server);
}

/// Headers for an instant, deterministic stream: no first-event delay, no decode delay, 3 tokens.
inline std::vector<std::string> instant_headers(std::vector<std::string> extra = {}) {
  std::vector<std::string> headers{"x-sim-first-event-ms: 0", "x-sim-token-interval-ms: 0",
                                   "x-sim-tokens: 3"};
  headers.insert(headers.end(), extra.begin(), extra.end());
  return headers;
}

inline HttpRequest instant_request(const std::string& path, std::vector<std::string> extra = {}) {
  HttpRequest request;
  request.path = path;
  request.body = chat_body("Say hello to the world");  // 22 characters → 6 input tokens
  request.headers = instant_headers(std::move(extra));
  return request;
}

/// The request log at `path`, one parsed JSON object per line.
inline std::vector<nlohmann::json> read_log(const std::filesystem::path& path) {
  std::istringstream lines(read_file(path));
  std::vector<nlohmann::json> records;
  for (std::string line; std::getline(lines, line);) records.push_back(nlohmann::json::parse(line));
  return records;
}

}  // namespace ttft::test
