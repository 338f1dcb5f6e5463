// The loop-thread side of the simulator: routes each request, applies the scale-to-zero rule,
// plans the response, queues it for a serving slot, owns the live exchanges and writes the
// request log. Single-threaded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include <event2/http.h>

#include "core/clock.hpp"
#include "sim/event_handles.hpp"
#include "sim/exchange.hpp"
#include "sim/latency.hpp"
#include "sim/plan.hpp"
#include "sim/profile.hpp"
#include "sim/request_log.hpp"
#include "sim/slot_queue.hpp"

namespace ttft::sim {

class ServerCore final : public ExchangeHost {
 public:
  ServerCore(event_base* base, Profile profile, std::uint64_t seed, std::optional<RequestLog> log);
  ~ServerCore();
  ServerCore(const ServerCore&) = delete;
  ServerCore& operator=(const ServerCore&) = delete;

  /// evhttp's generic request callback; `arg` is the ServerCore.
  static void on_request(evhttp_request* request, void* arg) noexcept;

  void exchange_done(Exchange* exchange) noexcept override;

  /// Frees every exchange. Call after evhttp_free (which ends the live ones) and before the
  /// event_base is freed.
  void clear() noexcept;

 private:
  static void on_reap(evutil_socket_t fd, short what, void* arg) noexcept;

  void handle(evhttp_request* request, Nanos received_ns);
  Exchange& adopt(evhttp_request* request, RequestRecord record, std::uint64_t ticket);
  void serve_stream(evhttp_request* request, RequestRecord record, const PlanInput& input);
  void release_slot(std::uint64_t ticket) noexcept;
  bool cold_now(Nanos received_ns) const;

  event_base* base_;
  Profile profile_;
  Rng rng_;
  std::optional<RequestLog> log_;
  EventPtr reaper_;  // frees ended exchanges on the next loop turn, outside their callbacks
  std::unordered_map<Exchange*, std::unique_ptr<Exchange>> live_;
  SlotQueue slots_;
  std::unordered_map<std::uint64_t, Exchange*> streams_;  // live model requests by slot ticket
  std::vector<std::unique_ptr<Exchange>> ended_;
  std::uint64_t sequence_ = 0;
  std::int64_t model_requests_in_flight_ = 0;
  bool served_any_ = false;
  Nanos idle_since_ns_;  // end of the last model request, or server start
};

}  // namespace ttft::sim
