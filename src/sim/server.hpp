// The built-in simulated LLM provider: a real HTTP/1.1 server on 127.0.0.1 (libevent evhttp, one
// event-loop thread, many connections) used by `ttftbench serve` and in-process for sim:// targets.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "sim/profile.hpp"
#include "sim/routes.hpp"

namespace ttft::sim {

/// Routes: POST /v1/chat/completions (openai-chat), any path containing /ai/run/ (workers-ai),
/// /v1/messages (anthropic), /sse (generic SSE), GET /healthz → 200 "ok"; anything else → 404.
/// Test headers: x-sim-first-event-ms, x-sim-tokens, x-sim-token-interval-ms, x-sim-cold (1|0),
/// x-sim-fault (none, or a fault name from fault_table(); see scenario/sim_fault.hpp), x-sim-stall-ms.
/// Methods other than GET and POST get evhttp's 405 (not logged). The first streamed request after
/// start is cold when the profile scales to zero (see is_cold). With the profile's `slots`, at most
/// that many streams run at once and the others wait first come first served (see SlotQueue).
class Server {
 public:
  struct Options {
    Profile profile;
    std::uint16_t port = 0;  // 0 = ephemeral
    std::string log_path;    // "" = no request log; else one JSON line per finished request
    std::uint64_t seed = 1;  // seeds every random draw (latencies, jitter, faults)
  };

  /// Binds 127.0.0.1:port and starts the event loop on its own thread; returns once listening,
  /// so connections made after it returns are accepted. Errors: the log cannot be opened, the
  /// port is taken, libevent cannot be initialised.
  [[nodiscard]] static Result<std::unique_ptr<Server>> start(Options options);

  /// The bound port (the real one when Options::port was 0).
  std::uint16_t port() const;

  /// Stops the loop, closes every connection (in-flight requests are logged as they end) and
  /// joins the thread. Idempotent; call from any one thread, not concurrently.
  void stop();

  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ttft::sim
