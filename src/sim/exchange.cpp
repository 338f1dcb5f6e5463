// One simulated HTTP exchange: complete replies and timer-driven streams on the loop thread.
// Why the timestamps are taken where they are is explained at on_flushed.
#include "sim/exchange.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstdio>

#include <event2/buffer.h>
#include <event2/bufferevent.h>

#include "core/check.hpp"

namespace ttft::sim {

namespace {

constexpr Nanos kDrainPollNs = kNanosPerMs;
constexpr int kMaxDrainPolls = 2000;  // give a client that does not read 2 s, then close anyway

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return nullptr;  // evhttp's own phrase
  }
}

// Aborts the connection with a TCP RST rather than a FIN. evhttp_connection_free() shuts down the
// write side (a FIN) before closing, so SO_LINGER 0 alone would send FIN then RST and a client
// would see a clean EOF; connect(AF_UNSPEC) dissolves the connection first, which on Linux sends
// the RST at once (tcp_disconnect), and the later shutdown/close are harmless no-ops.
void reset_socket(evhttp_connection* connection) noexcept {
  const int fd = static_cast<int>(bufferevent_getfd(evhttp_connection_get_bufferevent(connection)));
  if (fd < 0) return;
  const linger abortive{1, 0};
  (void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
  sockaddr unspecified{};
  unspecified.sa_family = AF_UNSPEC;
  (void)connect(fd, &unspecified, sizeof unspecified);
}

}  // namespace

Exchange::Exchange(ExchangeHost& host, event_base* base, evhttp_request* request,
                   RequestRecord record, bool model_request)
    : host_(host),
      base_(base),
      request_(request),
      model_request_(model_request),
      record_(std::move(record)) {}

void Exchange::attach() noexcept {
  evhttp_request_set_on_complete_cb(request_, &Exchange::on_complete, this);
  if (evhttp_connection* connection = evhttp_request_get_connection(request_)) {
    evhttp_connection_set_closecb(connection, &Exchange::on_close, this);
  }
}

void Exchange::send_reply(int status, std::string_view content_type, std::string_view body,
                          bool retry_after) noexcept {
  evkeyvalq* headers = evhttp_request_get_output_headers(request_);
  char type[64] = {};
  content_type.copy(type, std::min(content_type.size(), sizeof type - 1));
  evhttp_add_header(headers, "Content-Type", type);
  if (retry_after) evhttp_add_header(headers, "Retry-After", "7");
  EvbufferPtr buffer(evbuffer_new());
  if (buffer) evbuffer_add(buffer.get(), body.data(), body.size());
  record_.status = status;
  record_.headers_sent_ns = monotonic_ns();
  evhttp_send_reply(request_, status, reason_phrase(status), buffer.get());
}

void Exchange::start_stream(StreamPlan plan) noexcept {
  plan_ = std::move(plan);
  record_.cold = plan_.cold;
  record_.status = 200;
  timer_.reset(evtimer_new(base_, &Exchange::on_timer, this));
  evkeyvalq* headers = evhttp_request_get_output_headers(request_);
  for (const auto& [name, value] : stream_headers(plan_.protocol)) {
    evhttp_add_header(headers, name, value);
  }
  evhttp_add_header(headers, "Cache-Control", "no-cache");
  evhttp_add_header(headers, "X-Sim-Cold", plan_.cold ? "1" : "0");
  // Headers go out at once, so a client's ttfb is small and distinct from its ttft.
  evhttp_send_reply_start(request_, 200, "OK");
  record_.headers_sent_ns = monotonic_ns();
  if (!timer_) {
    std::fprintf(stderr, "ttftbench: warning: sim: cannot create a timer; closing the stream\n");
    close_connection();
    return;
  }
  pending_slot_ = plan_.frames.empty() ? plan_.close_slot : plan_.frames.front().slot;
  arm_at(record_.received_ns + plan_.slot_offsets_ns.at(static_cast<std::size_t>(pending_slot_)));
}

void Exchange::detach() noexcept {
  if (timer_) event_del(timer_.get());
  request_ = nullptr;
  after_flush_ = After::kNothing;
}

void Exchange::on_timer(evutil_socket_t, short, void* arg) noexcept {
  auto* self = static_cast<Exchange*>(arg);
  if (self->request_ == nullptr) return;
  try {
    self->tick();
  } catch (...) {
    std::fprintf(stderr, "ttftbench: warning: sim: stream failed; closing the connection\n");
    self->close_connection();
  }
}

void Exchange::tick() {
  if (close_due_) {
    close_when_drained();
    return;
  }
  const auto slot = static_cast<std::size_t>(pending_slot_);
  TTFT_CHECK(slot < plan_.slot_offsets_ns.size(), "sim: frame slot beyond the planned offsets");
  // Deadlines are absolute (receipt + cumulative offset), so a late timer never delays the
  // events after it, and an early wake-up is re-armed instead of sending early.
  const Nanos deadline_ns = record_.received_ns + plan_.slot_offsets_ns[slot];
  if (monotonic_ns() < deadline_ns) {
    arm_at(deadline_ns);
    return;
  }
  send_slot(pending_slot_);
}

void Exchange::send_slot(std::int64_t slot) {
  std::string bytes;
  while (next_frame_ < plan_.frames.size() && plan_.frames[next_frame_].slot == slot) {
    const Frame& frame = plan_.frames[next_frame_++];
    bytes += frame.bytes;
    if (frame.kind == FrameKind::kContent) ++record_.tokens;
  }
  if (!bytes.empty()) {
    EvbufferPtr buffer(evbuffer_new());
    if (buffer) {
      evbuffer_add(buffer.get(), bytes.data(), bytes.size());
      unflushed_ = true;
      evhttp_send_reply_chunk_with_cb(request_, buffer.get(), &Exchange::on_flushed, this);
    }
  }
  if (next_frame_ < plan_.frames.size()) {
    pending_slot_ = plan_.frames[next_frame_].slot;
  } else if (plan_.close_abruptly && plan_.close_slot > slot) {
    pending_slot_ = plan_.close_slot;
  } else {
    finish_stream(plan_.close_abruptly ? After::kClose : After::kEnd);
    return;
  }
  arm_at(record_.received_ns + plan_.slot_offsets_ns.at(static_cast<std::size_t>(pending_slot_)));
}

void Exchange::arm_at(Nanos deadline_ns) {
  const Nanos wait_ns = std::max<Nanos>(0, deadline_ns - monotonic_ns());
  const Nanos wait_us = (wait_ns + 999) / 1000;  // round up: never fire before the deadline
  timeval delay{};
  delay.tv_sec = static_cast<decltype(delay.tv_sec)>(wait_us / 1'000'000);
  delay.tv_usec = static_cast<decltype(delay.tv_usec)>(wait_us % 1'000'000);
  evtimer_add(timer_.get(), &delay);
}

// Ending or closing waits until every frame has left, so a truncation never loses the tokens
// it promised and the last event is stamped when it really left.
void Exchange::finish_stream(After how) {
  if (unflushed_) {
    after_flush_ = how;
  } else if (how == After::kEnd) {
    evhttp_send_reply_end(request_);
  } else {
    close_when_drained();
  }
}

// Headers have no flush callback (evhttp_send_reply_start sets none), and under load their write
// event can come after the close timer (epoll returns a bounded batch per turn). Closing then would
// discard them, so a stall would look like an empty reply: poll the output buffer, bounded.
void Exchange::close_when_drained() {
  evhttp_connection* connection = evhttp_request_get_connection(request_);
  bufferevent* socket = connection != nullptr ? evhttp_connection_get_bufferevent(connection) : nullptr;
  const bool pending = socket != nullptr && evbuffer_get_length(bufferevent_get_output(socket)) > 0;
  if (pending && drain_polls_ < kMaxDrainPolls) {
    ++drain_polls_;
    close_due_ = true;
    arm_at(monotonic_ns() + kDrainPollNs);
    return;
  }
  close_connection();
}

// Timestamps: evhttp only queues a chunk in the connection's output buffer; the bytes reach the
// socket on the next loop iteration, when the fd is writable. This callback runs right after
// writev() has handed the last queued byte to the kernel, so stamping here is as close as
// userspace gets to when the bytes leave (within microseconds on loopback), and never before.
void Exchange::on_flushed(evhttp_connection*, void* arg) noexcept {
  auto* self = static_cast<Exchange*>(arg);
  if (self->request_ == nullptr) return;
  const Nanos now_ns = monotonic_ns();
  self->unflushed_ = false;
  if (!self->record_.first_event_ns) self->record_.first_event_ns = now_ns;
  self->record_.last_event_ns = now_ns;
  const After after = self->after_flush_;
  self->after_flush_ = After::kNothing;
  if (after == After::kEnd) {
    evhttp_send_reply_end(self->request_);
  } else if (after == After::kClose) {
    // Not from inside evhttp's write callback: close on the next loop turn via the timer.
    self->close_due_ = true;
    event_active(self->timer_.get(), EV_TIMEOUT, 0);
  }
}

void Exchange::on_complete(evhttp_request* request, void* arg) noexcept {
  auto* self = static_cast<Exchange*>(arg);
  if (self->finished_) return;
  self->record_.end_ns = monotonic_ns();
  // The connection may carry the next keep-alive request; it must not call back into us.
  if (evhttp_connection* connection = evhttp_request_get_connection(request)) {
    evhttp_connection_set_closecb(connection, nullptr, nullptr);
  }
  self->done();
}

// Runs inside evhttp_connection_free: the client went away (a failed write), we closed it
// (truncate, reset, stall), or the server is stopping. When the client went away mid-reply,
// evhttp has detached the request from the connection and leaves freeing it to us.
void Exchange::on_close(evhttp_connection*, void* arg) noexcept {
  auto* self = static_cast<Exchange*>(arg);
  if (self->finished_) return;
  if (self->request_ != nullptr && evhttp_request_get_connection(self->request_) == nullptr) {
    evhttp_request_free(self->request_);
  }
  self->request_ = nullptr;
  self->done();
}

void Exchange::close_connection() noexcept {
  evhttp_connection* connection =
      request_ != nullptr ? evhttp_request_get_connection(request_) : nullptr;
  if (connection == nullptr) return;
  if (plan_.reset) reset_socket(connection);
  evhttp_connection_free(connection);  // calls on_close, which ends this exchange
}

void Exchange::done() noexcept {
  finished_ = true;
  if (record_.end_ns == 0) record_.end_ns = monotonic_ns();
  if (timer_) event_del(timer_.get());
  host_.exchange_done(this);
}

}  // namespace ttft::sim
