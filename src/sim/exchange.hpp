// One HTTP exchange on the simulator: a complete reply, or a streamed reply whose frames go out on
// timers at absolute deadlines, framed by evhttp or, in raw mode, by the exchange itself. Lives on
// the server's loop thread; every libevent callback is noexcept, and exactly one of
// on_complete/on_close ends it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <event2/http.h>

#include "core/clock.hpp"
#include "sim/event_handles.hpp"
#include "sim/gzip_encoder.hpp"
#include "sim/plan.hpp"
#include "sim/request_log.hpp"
#include "sim/wire.hpp"

namespace ttft::sim {

class Exchange;

/// What an exchange reports to when it ends (the server core).
class ExchangeHost {
 public:
  /// The exchange has ended (reply complete, connection closed by either side, or server stop).
  /// The host logs it and frees it later, never inside this call.
  virtual void exchange_done(Exchange* exchange) noexcept = 0;

 protected:
  ~ExchangeHost() = default;
};

class Exchange {
 public:
  /// `ticket` names a model request's serving slot (0: not a model request, takes no slot).
  Exchange(ExchangeHost& host, event_base* base, evhttp_request* request, RequestRecord record,
           std::uint64_t ticket);
  ~Exchange() = default;
  Exchange(const Exchange&) = delete;
  Exchange& operator=(const Exchange&) = delete;

  /// Registers the completion and close callbacks on the request and its connection. Call once
  /// the host owns the exchange, and before sending.
  void attach() noexcept;

  /// Sends a complete (non-streamed) reply now; `headers` start with Content-Type.
  void send_reply(int status, const HeaderPairs& headers, std::string_view body) noexcept;

  /// Sends 200 headers now (unless the plan says otherwise) and then the plan's frames at the
  /// stream's origin + their slot offsets. The origin is `origin_ns` (receipt, or the moment a
  /// waiting request got its slot), or the end of a slow head.
  void start_stream(StreamPlan plan, Nanos origin_ns) noexcept;

  /// Keeps the plan of a request that waits for a serving slot; nothing is sent until grant().
  void wait_for_slot(StreamPlan plan) noexcept;

  /// The waiting request got its slot at `granted_ns`: its stream starts on the next loop turn
  /// (never inside the caller's callback), planned from `granted_ns`.
  void grant(Nanos granted_ns) noexcept;

  /// Makes the exchange inert after it has ended: no timer, no callbacks, no request pointer.
  void detach() noexcept;

  const RequestRecord& record() const { return record_; }
  bool model_request() const { return ticket_ != 0; }
  std::uint64_t ticket() const { return ticket_; }

 private:
  enum class After { kNothing, kEnd, kClose };

  static void on_timer(evutil_socket_t fd, short what, void* arg) noexcept;
  static void on_flushed(evhttp_connection* connection, void* arg) noexcept;
  static void on_complete(evhttp_request* request, void* arg) noexcept;
  static void on_close(evhttp_connection* connection, void* arg) noexcept;
  static void on_raw_written(bufferevent* socket, void* arg) noexcept;
  static void on_raw_event(bufferevent* socket, short what, void* arg) noexcept;
  static void on_waiting_readable(evutil_socket_t fd, short what, void* arg) noexcept;

  HeaderPairs stream_header_pairs() const;
  void begin_stream() noexcept;
  void watch_client() noexcept;
  void start_raw();
  void send_head_byte();
  void arm_first_slot();
  void tick();
  void send_slot(std::int64_t slot);
  void send_bytes(std::string_view bytes, bool cut);
  void write_raw(std::string_view bytes) noexcept;
  void arm_at(Nanos deadline_ns);
  void flushed() noexcept;
  void finish_stream(After how);
  void end_reply() noexcept;
  void schedule_close() noexcept;
  void close_when_drained();
  void close_connection() noexcept;
  void done() noexcept;

  ExchangeHost& host_;
  event_base* base_;
  evhttp_request* request_;
  std::uint64_t ticket_;
  RequestRecord record_;
  StreamPlan plan_;
  Nanos origin_ns_ = 0;  // slot offsets count from here
  EventPtr timer_;
  EventPtr client_watch_;  // while waiting for a slot: readable = the client may have gone
  std::unique_ptr<GzipEncoder> gzip_;
  bufferevent* raw_socket_ = nullptr;  // raw mode: the connection's socket, taken over from evhttp
  std::string head_;                   // raw mode: the response head
  std::size_t head_sent_ = 0;          // raw mode: bytes of head_ written so far
  std::size_t next_frame_ = 0;
  std::int64_t pending_slot_ = 0;
  After after_flush_ = After::kNothing;
  bool close_due_ = false;
  int drain_polls_ = 0;
  bool unflushed_ = false;  // frames handed to evhttp whose flush callback has not run yet
  bool unflushed_token_ = false;   // ... and among them a reasoning or answer token
  bool unflushed_answer_ = false;  // ... and among them an answer token
  bool finished_ = false;
  bool waiting_ = false;     // planned, but no serving slot yet
  bool start_due_ = false;   // granted: the timer's next run starts the stream
};

}  // namespace ttft::sim
