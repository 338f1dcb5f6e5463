// One simulated HTTP exchange: complete replies and timer-driven streams on the loop thread.
// Why the timestamps are taken where they are is explained at on_flushed; raw mode at start_raw.
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
                   RequestRecord record, std::uint64_t ticket)
    : host_(host),
      base_(base),
      request_(request),
      ticket_(ticket),
      record_(std::move(record)) {}

void Exchange::attach() noexcept {
  evhttp_request_set_on_complete_cb(request_, &Exchange::on_complete, this);
  if (evhttp_connection* connection = evhttp_request_get_connection(request_)) {
    evhttp_connection_set_closecb(connection, &Exchange::on_close, this);
  }
}

void Exchange::send_reply(int status, const HeaderPairs& headers, std::string_view body) noexcept {
  evkeyvalq* output = evhttp_request_get_output_headers(request_);
  for (const auto& [name, value] : headers) evhttp_add_header(output, name.c_str(), value.c_str());
  EvbufferPtr buffer(evbuffer_new());
  if (buffer) evbuffer_add(buffer.get(), body.data(), body.size());
  record_.status = status;
  record_.headers_sent_ns = monotonic_ns();
  evhttp_send_reply(request_, status, reason_phrase(status), buffer.get());
}

HeaderPairs Exchange::stream_header_pairs() const {
  HeaderPairs headers;
  for (const auto& [name, value] : stream_headers(plan_.protocol)) headers.emplace_back(name, value);
  headers.emplace_back("Cache-Control", "no-cache");
  headers.emplace_back("X-Sim-Cold", plan_.cold ? "1" : "0");
  if (plan_.gzip) headers.emplace_back("Content-Encoding", "gzip");
  if (plan_.raw) {  // evhttp adds these itself; raw mode ends with a close, not keep-alive
    headers.emplace_back("Transfer-Encoding", "chunked");
    headers.emplace_back("Connection", "close");
  }
  return headers;
}

void Exchange::start_stream(StreamPlan plan, Nanos origin_ns) noexcept {
  plan_ = std::move(plan);
  origin_ns_ = origin_ns;
  record_.queued_ns = origin_ns - record_.received_ns;
  begin_stream();
}

void Exchange::begin_stream() noexcept {
  try {
    record_.cold = plan_.cold;
    record_.status = plan_.send_headers ? 200 : 0;
    if (!timer_) timer_.reset(evtimer_new(base_, &Exchange::on_timer, this));
    if (plan_.gzip) gzip_ = std::make_unique<GzipEncoder>();
    if (!timer_ || (gzip_ && !gzip_->ok())) {
      std::fprintf(stderr, "ttftbench: warning: sim: cannot set up a stream; closing it\n");
      close_connection();
      return;
    }
    if (plan_.raw) {
      start_raw();
    } else if (plan_.send_headers && !plan_.whole) {
      evkeyvalq* headers = evhttp_request_get_output_headers(request_);
      for (const auto& [name, value] : stream_header_pairs()) {
        evhttp_add_header(headers, name.c_str(), value.c_str());
      }
      // Headers go out at once, so a client's ttfb is small and distinct from its ttft.
      evhttp_send_reply_start(request_, 200, "OK");
      record_.headers_sent_ns = monotonic_ns();
    }
    if (head_sent_ < head_.size()) {
      arm_at(monotonic_ns() + plan_.header_byte_interval_ns);
    } else {
      arm_first_slot();
    }
  } catch (...) {
    std::fprintf(stderr, "ttftbench: warning: sim: stream failed; closing the connection\n");
    close_connection();
  }
}

// Raw mode takes the connection's socket away from evhttp: its read, write and event callbacks
// become ours, so evhttp neither writes nor hears of the connection again until close_connection
// frees it (which still runs on_close). The client closing the connection reaches on_raw_event.
void Exchange::start_raw() {
  evhttp_connection* connection = evhttp_request_get_connection(request_);
  raw_socket_ = connection != nullptr ? evhttp_connection_get_bufferevent(connection) : nullptr;
  if (raw_socket_ == nullptr) return;
  bufferevent_setcb(raw_socket_, nullptr, &Exchange::on_raw_written, &Exchange::on_raw_event, this);
  bufferevent_enable(raw_socket_, EV_READ | EV_WRITE);
  head_ = response_head(200, "OK", stream_header_pairs());
  if (plan_.header_byte_interval_ns > 0) return;  // tick() sends it byte by byte
  write_raw(head_);
  head_sent_ = head_.size();
  record_.headers_sent_ns = monotonic_ns();
}

// Slow headers: one byte per interval; the stream's timeline starts when the head is complete.
void Exchange::send_head_byte() {
  write_raw(std::string_view(head_).substr(head_sent_++, 1));
  if (head_sent_ < head_.size()) {
    arm_at(monotonic_ns() + plan_.header_byte_interval_ns);
    return;
  }
  record_.headers_sent_ns = origin_ns_ = monotonic_ns();
  arm_first_slot();
}

void Exchange::arm_first_slot() {
  pending_slot_ = plan_.frames.empty() ? plan_.close_slot : plan_.frames.front().slot;
  arm_at(origin_ns_ + plan_.slot_offsets_ns.at(static_cast<std::size_t>(pending_slot_)));
}

void Exchange::detach() noexcept {
  if (timer_) event_del(timer_.get());
  if (client_watch_) event_del(client_watch_.get());
  if (raw_socket_ != nullptr) bufferevent_setcb(raw_socket_, nullptr, nullptr, nullptr, nullptr);
  raw_socket_ = nullptr;
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
  if (start_due_) {
    start_due_ = false;
    begin_stream();
    return;
  }
  if (close_due_) {
    close_when_drained();
    return;
  }
  if (head_sent_ < head_.size()) {
    send_head_byte();
    return;
  }
  const auto slot = static_cast<std::size_t>(pending_slot_);
  TTFT_CHECK(slot < plan_.slot_offsets_ns.size(), "sim: frame slot beyond the planned offsets");
  // Deadlines are absolute (origin + cumulative offset), so a late timer never delays the
  // events after it, and an early wake-up is re-armed instead of sending early.
  const Nanos deadline_ns = origin_ns_ + plan_.slot_offsets_ns[slot];
  if (monotonic_ns() < deadline_ns) {
    arm_at(deadline_ns);
    return;
  }
  send_slot(pending_slot_);
}

void Exchange::send_slot(std::int64_t slot) {
  if (plan_.whole) {  // a non-streaming response: headers and the whole body as one reply
    record_.tokens = plan_.spec.output_tokens;
    record_.reasoning_tokens = plan_.spec.reasoning_tokens;
    record_.vectors = plan_.vectors;
    record_.dimensions = plan_.dimensions;
    send_reply(200, {{"Content-Type", "application/json"}, {"X-Sim-Cold", plan_.cold ? "1" : "0"}},
               plan_.frames.front().bytes);
    return;
  }
  std::string bytes;
  while (next_frame_ < plan_.frames.size() && plan_.frames[next_frame_].slot == slot) {
    const Frame& frame = plan_.frames[next_frame_++];
    bytes += frame.bytes;
    if (frame.kind == FrameKind::kContent) ++record_.tokens;
    if (frame.kind == FrameKind::kReasoning) ++record_.reasoning_tokens;
    // A tool call's piece is a token and an answer, as the client reads it (docs/metrics.md ("First token")).
    const bool tool = frame.kind == FrameKind::kToolCall;
    unflushed_token_ |= frame.kind == FrameKind::kContent || frame.kind == FrameKind::kReasoning || tool;
    unflushed_answer_ |= frame.kind == FrameKind::kContent || tool;
  }
  const bool frames_done = next_frame_ == plan_.frames.size();
  // The gzip trailer goes with the last frames of a stream that ends cleanly.
  if (gzip_) bytes = gzip_->compress(bytes, frames_done && !plan_.close_abruptly);
  if (!bytes.empty()) send_bytes(bytes, frames_done && plan_.cut_last_chunk);
  if (!frames_done) {
    pending_slot_ = plan_.frames[next_frame_].slot;
  } else if (plan_.close_abruptly && plan_.close_slot > slot) {
    pending_slot_ = plan_.close_slot;
  } else {
    finish_stream(plan_.close_abruptly ? After::kClose : After::kEnd);
    return;
  }
  arm_at(origin_ns_ + plan_.slot_offsets_ns.at(static_cast<std::size_t>(pending_slot_)));
}

// One slot's bytes as one chunk: evhttp frames it and reports the flush through on_flushed; in
// raw mode the exchange frames it, cut in half for truncated-chunked, and on_raw_written reports.
void Exchange::send_bytes(std::string_view bytes, bool cut) {
  if (plan_.raw) {
    unflushed_ = true;
    write_raw(cut ? cut_chunk(bytes) : chunk(bytes));
    return;
  }
  EvbufferPtr buffer(evbuffer_new());
  if (!buffer) return;
  evbuffer_add(buffer.get(), bytes.data(), bytes.size());
  unflushed_ = true;
  evhttp_send_reply_chunk_with_cb(request_, buffer.get(), &Exchange::on_flushed, this);
}

void Exchange::write_raw(std::string_view bytes) noexcept {
  if (raw_socket_ != nullptr) bufferevent_write(raw_socket_, bytes.data(), bytes.size());
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
    end_reply();
  } else {
    close_when_drained();
  }
}

// The clean end of a stream. Raw mode promised Connection: close, so after the last chunk it
// closes, on the next loop turn: this may run inside a write callback.
void Exchange::end_reply() noexcept {
  if (!plan_.raw) {
    evhttp_send_reply_end(request_);
    return;
  }
  write_raw(kLastChunk);
  schedule_close();
}

void Exchange::schedule_close() noexcept {
  close_due_ = true;
  event_active(timer_.get(), EV_TIMEOUT, 0);
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
  if (self->request_ != nullptr) self->flushed();
}

void Exchange::on_raw_written(bufferevent*, void* arg) noexcept {
  auto* self = static_cast<Exchange*>(arg);
  // Head bytes drain too; only frames count as sent events.
  if (self->request_ != nullptr && self->unflushed_) self->flushed();
}

// The client closed the connection, or the socket failed or timed out: end as evhttp would.
void Exchange::on_raw_event(bufferevent*, short, void* arg) noexcept {
  auto* self = static_cast<Exchange*>(arg);
  if (self->request_ != nullptr) self->close_connection();
}

void Exchange::flushed() noexcept {
  const Nanos now_ns = monotonic_ns();
  unflushed_ = false;
  if (!record_.first_event_ns) record_.first_event_ns = now_ns;
  // The first token's and the first answer's bytes left with this flush (or earlier ones).
  if (unflushed_token_ && !record_.first_token_ns) record_.first_token_ns = now_ns;
  if (unflushed_answer_ && !record_.first_answer_ns) record_.first_answer_ns = now_ns;
  unflushed_token_ = unflushed_answer_ = false;
  record_.last_event_ns = now_ns;
  const After after = after_flush_;
  after_flush_ = After::kNothing;
  if (after == After::kEnd) {
    end_reply();
  } else if (after == After::kClose) {
    schedule_close();  // not from inside a write callback: on the next loop turn, via the timer
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
  self->raw_socket_ = nullptr;  // freed with the connection
  self->done();
}

void Exchange::close_connection() noexcept {
  evhttp_connection* connection =
      request_ != nullptr ? evhttp_request_get_connection(request_) : nullptr;
  if (connection == nullptr) return;
  if (plan_.reset) reset_socket(connection);
  raw_socket_ = nullptr;               // freed with the connection
  evhttp_connection_free(connection);  // calls on_close, which ends this exchange
}

void Exchange::done() noexcept {
  finished_ = true;
  if (record_.end_ns == 0) record_.end_ns = monotonic_ns();
  if (waiting_) record_.queued_ns = record_.end_ns - record_.received_ns;  // left before its turn
  if (timer_) event_del(timer_.get());
  if (client_watch_) event_del(client_watch_.get());
  host_.exchange_done(this);
}

}  // namespace ttft::sim
