// Server lifetime: the loopback listening socket, the event_base and evhttp, the loop thread, and a
// thread-safe stop. Request handling lives in ServerCore and Exchange.
#include "sim/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <optional>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "sim/event_handles.hpp"
#include "sim/request_log.hpp"
#include "sim/server_core.hpp"

namespace ttft::sim {

namespace {

constexpr int kIdleTimeoutS = 120;                  // keep-alive idle and stuck-write limit
constexpr ev_ssize_t kMaxBodyBytes = 16 << 20;      // long prompts for prefill tests fit

// A listening socket on 127.0.0.1 with the kernel's largest backlog: evhttp's own bind uses a
// backlog of 128, and a burst of thousands of connects would then see SYN retries (1 s, 3 s …)
// that a client would measure as latency.
Result<int> listen_loopback(std::uint16_t port) {
  const std::string where = fmt::format("127.0.0.1:{}", port);
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(where, fmt::format("cannot create a socket: {}", std::strerror(errno)));
  const int one = 1;
  (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // inherited on accept (Linux)
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      listen(fd, SOMAXCONN) != 0) {
    const int error = errno;
    close(fd);
    return fail(where, fmt::format("cannot listen: {}", std::strerror(error)),
                "choose another port, or 0 for any free one");
  }
  return fd;
}

std::uint16_t bound_port(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
  return ntohs(address.sin_port);
}

void on_stop(evutil_socket_t fd, short, void* arg) noexcept {
  std::uint64_t count = 0;
  const ssize_t drained = read(static_cast<int>(fd), &count, sizeof count);
  (void)drained;
  event_base_loopbreak(static_cast<event_base*>(arg));
}

}  // namespace

struct Server::Impl {
  EventBasePtr base;
  EvhttpPtr http;
  EventPtr stop_event;
  std::unique_ptr<ServerCore> core;
  int stop_fd = -1;  // eventfd: the only thing another thread touches
  std::uint16_t port = 0;
  std::thread thread;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    teardown();
    if (stop_fd >= 0) close(stop_fd);
  }

  // Order matters: evhttp_free closes every connection, which ends the live exchanges through
  // their close callbacks; then the exchanges and events go, and the event_base last.
  void teardown() noexcept {
    http.reset();
    if (core) core->clear();
    core.reset();
    stop_event.reset();
    base.reset();
  }

  void run() noexcept {
    // A write to a socket the client has closed raises SIGPIPE in the writing thread. Blocking
    // it here (not process-wide) turns it into EPIPE, which evhttp handles as a closed client.
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, nullptr);
    if (event_base_dispatch(base.get()) < 0) {
      std::fprintf(stderr, "ttftbench: warning: sim: event loop failed\n");
    }
    teardown();
  }
};

Result<std::unique_ptr<Server>> Server::start(Options options) {
  auto impl = std::make_unique<Impl>();
  std::optional<RequestLog> log;
  if (!options.log_path.empty()) {
    auto opened = RequestLog::open(options.log_path);
    if (!opened) return tl::unexpected(opened.error());
    log = std::move(*opened);
  }
  EventConfigPtr config(event_config_new());
  if (config) {
    // Precise timers (timerfd on epoll) and no cached time, so events go out on the
    // sub-millisecond deadlines the plan computed.
    event_config_set_flag(config.get(), EVENT_BASE_FLAG_PRECISE_TIMER);
    event_config_set_flag(config.get(), EVENT_BASE_FLAG_NO_CACHE_TIME);
  }
  impl->base.reset(event_base_new_with_config(config.get()));
  impl->http.reset(impl->base ? evhttp_new(impl->base.get()) : nullptr);
  impl->stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (!impl->http || impl->stop_fd < 0) return fail("", "cannot initialise libevent for the simulator");
  impl->stop_event.reset(event_new(impl->base.get(), impl->stop_fd, EV_READ | EV_PERSIST, &on_stop,
                                   impl->base.get()));
  if (!impl->stop_event || event_add(impl->stop_event.get(), nullptr) != 0) {
    return fail("", "cannot initialise libevent for the simulator");
  }
  auto fd = listen_loopback(options.port);
  if (!fd) return tl::unexpected(fd.error());
  impl->port = bound_port(*fd);
  evhttp_set_allowed_methods(impl->http.get(), EVHTTP_REQ_GET | EVHTTP_REQ_POST);
  evhttp_set_timeout(impl->http.get(), kIdleTimeoutS);
  evhttp_set_max_body_size(impl->http.get(), kMaxBodyBytes);
  impl->core = std::make_unique<ServerCore>(impl->base.get(), std::move(options.profile),
                                            options.seed, std::move(log));
  evhttp_set_gencb(impl->http.get(), &ServerCore::on_request, impl->core.get());
  if (evhttp_accept_socket_with_handle(impl->http.get(), *fd) == nullptr) {
    close(*fd);
    return fail("", "cannot accept connections on the simulator socket");
  }
  try {
    impl->thread = std::thread([raw = impl.get()] { raw->run(); });
  } catch (const std::system_error& e) {
    return fail("", fmt::format("cannot start the simulator thread: {}", e.what()));
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

std::uint16_t Server::port() const { return impl_->port; }

void Server::stop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  const std::uint64_t one = 1;
  const ssize_t written = write(impl_->stop_fd, &one, sizeof one);
  (void)written;
  impl_->thread.join();
}

}  // namespace ttft::sim
