// Real software from npm for the e2e tests: a check that scripts/setup installed
// tests/node's pinned packages, and their servers started as a user starts them. A missing
// package fails the test with the reason; it is never skipped.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "support/process.hpp"

namespace ttft::test {

/// tests/node in the source tree.
std::filesystem::path node_dir();

/// Fails the running test with "run scripts/setup: npm packages for tests/node are not
/// installed (<what is missing>)" unless node runs, every dependency in tests/node/package.json
/// is installed at its pinned version, and the workerd binary runs.
void require_node_packages();

/// tests/node/ai-sdk-server.mjs on an ephemeral loopback port.
class AiSdkServer {
 public:
  AiSdkServer();  // throws when the server does not report its port within 30 s
  std::string url(const std::string& path_and_query) const;
  /// The server's JSON line for the response to `request_id`; nullopt after `timeout`.
  std::optional<nlohmann::json> trace(const std::string& request_id, std::chrono::milliseconds timeout);

 private:
  BackgroundProcess process_;
  std::uint16_t port_ = 0;
};

/// workerd serving tests/node/worker on an ephemeral loopback port, its `sim` service (the AI
/// binding's backend and the Worker's fetch()) at `sim_address` ("127.0.0.1:PORT").
class WorkerdWorker {
 public:
  explicit WorkerdWorker(const std::string& sim_address);  // throws unless listening within 30 s
  std::string url() const;

 private:
  BackgroundProcess process_;
  std::uint16_t port_ = 0;
};

}  // namespace ttft::test
