// Request routing, the scale-to-zero state and exchange ownership of the simulator's loop thread.
#include "sim/server_core.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdio>
#include <string>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/http.h>
#include <fmt/format.h>

#include "core/sha256.hpp"
#include "sim/fault_plan.hpp"
#include "sim/plan.hpp"
#include "sim/routes.hpp"

namespace ttft::sim {

namespace {

const HeaderPairs kJsonType{{"Content-Type", "application/json"}};

// Nagle's algorithm holds a small write back until the previous one is ACKed, and the client
// delays its ACKs (up to 40 ms on Linux): together they would bunch token events on loopback and
// distort every inter-token gap. Set on every request because evhttp offers no accept hook.
void set_nodelay(evhttp_request* request) noexcept {
  evhttp_connection* connection = evhttp_request_get_connection(request);
  if (connection == nullptr) return;
  const auto fd = bufferevent_getfd(evhttp_connection_get_bufferevent(connection));
  const int one = 1;
  if (fd >= 0) (void)setsockopt(static_cast<int>(fd), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

std::string_view request_body(evhttp_request* request) {
  evbuffer* input = evhttp_request_get_input_buffer(request);
  const std::size_t length = evbuffer_get_length(input);
  if (length == 0) return {};
  const auto* data = reinterpret_cast<const char*>(evbuffer_pullup(input, -1));
  return data == nullptr ? std::string_view{} : std::string_view(data, length);
}

HeaderLookup header_lookup(evhttp_request* request) {
  const evkeyvalq* headers = evhttp_request_get_input_headers(request);
  return [headers](std::string_view name) -> std::optional<std::string> {
    const char* value = evhttp_find_header(headers, std::string(name).c_str());
    return value == nullptr ? std::nullopt : std::optional<std::string>(value);
  };
}

}  // namespace

ServerCore::ServerCore(event_base* base, Profile profile, std::uint64_t seed,
                       std::optional<RequestLog> log)
    : base_(base),
      profile_(std::move(profile)),
      rng_(seed),
      log_(std::move(log)),
      reaper_(event_new(base, -1, 0, &ServerCore::on_reap, this)),
      slots_(profile_.slots),
      idle_since_ns_(monotonic_ns()) {}

ServerCore::~ServerCore() { clear(); }

void ServerCore::on_request(evhttp_request* request, void* arg) noexcept {
  const Nanos received_ns = monotonic_ns();  // first thing: the full request is in
  auto* self = static_cast<ServerCore*>(arg);
  try {
    self->handle(request, received_ns);
  } catch (...) {
    // Nothing was sent yet: handle() hands the request to an exchange only as its last step.
    std::fprintf(stderr, "ttftbench: warning: sim: request failed inside the simulator\n");
    evhttp_send_error(request, 500, "Internal Server Error");
  }
}

void ServerCore::handle(evhttp_request* request, Nanos received_ns) {
  const evhttp_uri* uri = evhttp_request_get_evhttp_uri(request);
  const char* raw_path = uri != nullptr ? evhttp_uri_get_path(uri) : nullptr;
  RequestRecord record;
  record.received_ns = received_ns;
  record.path = raw_path != nullptr && *raw_path != '\0' ? raw_path : "/";
  const char* request_id = evhttp_find_header(evhttp_request_get_input_headers(request), "X-Request-Id");
  record.request_id = request_id != nullptr ? request_id : "";
  set_nodelay(request);

  // An embeddings route answers in its provider's chat error shapes (docs/simulator.md ("Embeddings")).
  const auto embeddings = embeddings_protocol_for_path(record.path);
  const auto protocol = embeddings ? std::optional<Protocol>(chat_sibling(*embeddings)) : protocol_for_path(record.path);
  if (record.path == "/healthz") {
    adopt(request, std::move(record), 0).send_reply(200, {{"Content-Type", "text/plain"}}, "ok");
    return;
  }
  if (!protocol) {
    const std::string body = emit_http_error_body(Protocol::kOpenAiChat, 404,
                                                  fmt::format("no route for {}", record.path));
    adopt(request, std::move(record), 0).send_reply(404, kJsonType, body);
    return;
  }
  record.protocol = std::string(embeddings ? embeddings_protocol_name(*embeddings) : protocol_name(*protocol));
  auto overrides = parse_overrides(header_lookup(request));
  auto body = overrides ? parse_request_body(request_body(request))
                        : Result<RequestBody>(tl::unexpected(overrides.error()));
  auto embedding = body && embeddings ? parse_embeddings_request(*embeddings, request_body(request))
                                      : Result<EmbeddingsRequestBody>(EmbeddingsRequestBody{});
  if (!body || !embedding) {  // a provider-shaped 400, as the real API answers a malformed request
    const std::string reply = emit_http_error_body(*protocol, 400, (body ? embedding.error() : body.error()).message);
    adopt(request, std::move(record), 0).send_reply(400, kJsonType, reply);
    return;
  }
  if (log_) {  // for the log only: a prompt cache is busted when no two requests share these
    record.body_sha256 = sha256_hex(request_body(request));
    record.prompt_head_sha256 = sha256_hex(body->prompt_head);
  }
  if (is_non_streaming_path(record.path)) body->stream = false;
  PlanInput input{*protocol, 0, std::move(*body), *overrides, cold_now(received_ns), Fault::kNone,
                  embeddings ? std::optional(std::move(*embedding)) : std::nullopt};
  // x-sim-status and x-sim-fault decide; else the profile's rates draw one (or neither).
  std::optional<int> status = overrides->status;
  if (!status && !overrides->fault) {
    const Failure drawn = draw_failure(profile_.faults, profile_.status_rates, rng_);
    input.fault = drawn.fault;
    status = drawn.status;
  }
  if (overrides->fault && !status) input.fault = *overrides->fault;
  // The request a redirect sent the client to is served, whatever the fault header repeats.
  const char* query = uri != nullptr ? evhttp_uri_get_query(uri) : nullptr;
  if (input.fault == Fault::kRedirect && query != nullptr && is_redirected(query)) input.fault = Fault::kNone;
  auto reply = status ? std::optional<FaultReply>(status_reply(*protocol, *status))
                      : fault_reply(*protocol, input.fault, evhttp_request_get_uri(request));
  // A non-streaming response (embeddings too) takes the faults that replace it, never a mid-stream one.
  if (!reply && (input.embeddings || (!input.body.stream && has_completion(*protocol)))) input.fault = Fault::kNone;
  record.fault = std::string(fault_name(input.fault));
  if (reply) {
    record.cold = overrides->cold.value_or(input.cold_by_idle);
    adopt(request, std::move(record), 0).send_reply(reply->status, reply->headers, reply->body);
    return;
  }
  input.sequence = ++sequence_;
  serve_stream(request, std::move(record), input);
}

// A stream takes a serving slot, or waits for one first come first served (docs/simulator.md
// ("Slots and queueing")). It is planned now, so the random draws keep the order of arrival, and
// its whole timeline, head included, counts from the moment it gets the slot.
void ServerCore::serve_stream(evhttp_request* request, RequestRecord record, const PlanInput& input) {
  StreamPlan plan = input.embeddings ? make_embeddings_plan(input, profile_, rng_) : make_stream_plan(input, profile_, rng_);
  served_any_ = true;
  const Nanos received_ns = record.received_ns;
  Exchange& exchange = adopt(request, std::move(record), input.sequence);
  if (slots_.arrive(input.sequence)) {
    exchange.start_stream(std::move(plan), received_ns);
  } else {
    exchange.wait_for_slot(std::move(plan));
  }
}

Exchange& ServerCore::adopt(evhttp_request* request, RequestRecord record, std::uint64_t ticket) {
  auto owned = std::make_unique<Exchange>(*this, base_, request, std::move(record), ticket);
  Exchange* exchange = owned.get();
  live_.emplace(exchange, std::move(owned));
  if (ticket != 0) streams_.emplace(ticket, exchange);
  exchange->attach();
  if (ticket != 0) ++model_requests_in_flight_;
  return *exchange;
}

// Every end frees the slot it held (completed, fault, client gone); one that was still waiting
// frees nothing. The next in line starts from its own timer, not inside this callback.
void ServerCore::release_slot(std::uint64_t ticket) noexcept {
  streams_.erase(ticket);
  const std::optional<std::uint64_t> next = slots_.leave(ticket);
  if (!next) return;
  const auto it = streams_.find(*next);
  if (it != streams_.end()) it->second->grant(monotonic_ns());
}

bool ServerCore::cold_now(Nanos received_ns) const {
  return is_cold(profile_, model_requests_in_flight_ > 0, served_any_, received_ns - idle_since_ns_);
}

void ServerCore::exchange_done(Exchange* exchange) noexcept {
  const auto it = live_.find(exchange);
  if (it == live_.end()) return;
  if (log_) log_->append(exchange->record());
  if (exchange->model_request()) {
    --model_requests_in_flight_;
    idle_since_ns_ = exchange->record().end_ns;
    release_slot(exchange->ticket());
  }
  exchange->detach();
  // The exchange is usually on the call stack (this runs inside its callback): free it later.
  try {
    ended_.push_back(std::move(it->second));
  } catch (...) {
    (void)it->second.release();  // out of memory: leak one exchange rather than free it in use
  }
  live_.erase(it);
  if (reaper_) event_active(reaper_.get(), EV_TIMEOUT, 0);
}

void ServerCore::on_reap(evutil_socket_t, short, void* arg) noexcept {
  static_cast<ServerCore*>(arg)->ended_.clear();
}

void ServerCore::clear() noexcept {
  for (auto& [exchange, owned] : live_) owned->detach();
  live_.clear();
  ended_.clear();
  streams_.clear();
  slots_.clear();
}

}  // namespace ttft::sim
