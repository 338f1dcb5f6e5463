// The part of an exchange's life before its stream: waiting for a serving slot, noticing a client
// that gives up meanwhile, and the grant that starts the stream (docs/simulator.md ("Slots and
// queueing")). Loop thread only; callbacks are noexcept.
#include <sys/socket.h>

#include <cerrno>
#include <cstdio>

#include <event2/bufferevent.h>

#include "sim/exchange.hpp"

namespace ttft::sim {

void Exchange::wait_for_slot(StreamPlan plan) noexcept {
  plan_ = std::move(plan);
  record_.cold = plan_.cold;
  waiting_ = true;
  timer_.reset(evtimer_new(base_, &Exchange::on_timer, this));
  if (!timer_) {
    std::fprintf(stderr, "ttftbench: warning: sim: cannot queue a request; closing it\n");
    close_connection();
    return;
  }
  watch_client();
}

// evhttp stops reading a connection once its request is in, so it would hear of a client that
// gave up while waiting only at the first write, after that client had held a slot. A one-shot
// read watch on the socket notices the FIN (or RST) while the request waits.
void Exchange::watch_client() noexcept {
  evhttp_connection* connection = evhttp_request_get_connection(request_);
  const evutil_socket_t fd =
      connection != nullptr ? bufferevent_getfd(evhttp_connection_get_bufferevent(connection)) : -1;
  if (fd < 0) return;
  if (!client_watch_) client_watch_.reset(event_new(base_, fd, EV_READ, &Exchange::on_waiting_readable, this));
  if (client_watch_) event_add(client_watch_.get(), nullptr);
}

// Readable while waiting: an end of stream or an error means the client is gone; bytes (a
// pipelined request) mean it is still there, and the watch ends, leaving the rest to evhttp.
void Exchange::on_waiting_readable(evutil_socket_t fd, short, void* arg) noexcept {
  auto* self = static_cast<Exchange*>(arg);
  if (self->request_ == nullptr || !self->waiting_) return;
  char byte = 0;
  const ssize_t got = recv(static_cast<int>(fd), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
    self->close_connection();
  } else if (got < 0) {
    self->watch_client();
  }
}

// The grant may come from inside another exchange's callback (its end freed the slot); the stream
// starts from this exchange's own timer instead, but its timeline counts from the grant.
void Exchange::grant(Nanos granted_ns) noexcept {
  if (request_ == nullptr || !waiting_ || !timer_) return;
  waiting_ = false;
  if (client_watch_) event_del(client_watch_.get());
  origin_ns_ = granted_ns;
  record_.queued_ns = granted_ns - record_.received_ns;
  start_due_ = true;
  event_active(timer_.get(), EV_TIMEOUT, 0);
}

}  // namespace ttft::sim
