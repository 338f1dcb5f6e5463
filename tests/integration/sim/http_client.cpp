// libcurl-based test client for the simulator.
#include "http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace ttft::test {

namespace {

struct Transfer {
  HttpResponse response;
  curl_slist* header_list = nullptr;
  CURL* easy = nullptr;
};

size_t on_body(char* data, size_t size, size_t count, void* arg) {
  auto* response = static_cast<HttpResponse*>(arg);
  if (response->first_byte_ns == 0) response->first_byte_ns = monotonic_ns();
  response->body.append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* arg) {
  static_cast<HttpResponse*>(arg)->headers.append(data, size * count);
  return size * count;
}

void ensure_global_init() {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) throw std::runtime_error("curl_global_init failed");
}

void setup(Transfer& t, std::uint16_t port, const HttpRequest& request) {
  ensure_global_init();
  t.easy = curl_easy_init();
  if (t.easy == nullptr) throw std::runtime_error("curl_easy_init failed");
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + request.path;
  curl_easy_setopt(t.easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(t.easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method == "POST") {
    curl_easy_setopt(t.easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    curl_easy_setopt(t.easy, CURLOPT_COPYPOSTFIELDS, request.body.c_str());
  }
  for (const auto& header : request.headers) t.header_list = curl_slist_append(t.header_list, header.c_str());
  t.header_list = curl_slist_append(t.header_list, "Expect:");
  curl_easy_setopt(t.easy, CURLOPT_HTTPHEADER, t.header_list);
  curl_easy_setopt(t.easy, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(t.easy, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, &t.response);
  curl_easy_setopt(t.easy, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(t.easy, CURLOPT_HEADERDATA, &t.response);
}

void finish(Transfer& t, CURLcode code) {
  t.response.code = code;
  t.response.ended_ns = monotonic_ns();
  curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &t.response.status);
  curl_easy_cleanup(t.easy);
  curl_slist_free_all(t.header_list);
  t.easy = nullptr;
  t.header_list = nullptr;
}

struct Socket {
  explicit Socket(int descriptor) : fd(descriptor) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() {
    if (fd >= 0) close(fd);
  }
  int fd;
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
  const std::string wanted = lower(name) + ":";
  std::size_t start = 0;
  while (start < headers.size()) {
    const std::size_t end = headers.find("\r\n", start);
    const std::string line = headers.substr(start, end == std::string::npos ? end : end - start);
    if (lower(line).rfind(wanted, 0) == 0) {
      const std::size_t value = line.find_first_not_of(' ', wanted.size());
      return value == std::string::npos ? "" : line.substr(value);
    }
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return "";
}

HttpResponse perform(std::uint16_t port, const HttpRequest& request) {
  Transfer t;
  setup(t, port, request);
  t.response.started_ns = monotonic_ns();
  finish(t, curl_easy_perform(t.easy));
  return t.response;
}

std::vector<HttpResponse> perform_all(std::uint16_t port, const std::vector<HttpRequest>& requests) {
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), &curl_multi_cleanup);
  std::vector<std::unique_ptr<Transfer>> transfers;
  for (const auto& request : requests) {
    transfers.push_back(std::make_unique<Transfer>());
    setup(*transfers.back(), port, request);
    curl_easy_setopt(transfers.back()->easy, CURLOPT_PRIVATE, transfers.back().get());
    transfers.back()->response.started_ns = monotonic_ns();
    curl_multi_add_handle(multi.get(), transfers.back()->easy);
  }
  int running = static_cast<int>(transfers.size());
  const Nanos deadline_ns = monotonic_ns() + 30 * kNanosPerSecond;  // each request has its own too
  while (running > 0 && monotonic_ns() < deadline_ns) {
    curl_multi_perform(multi.get(), &running);
    curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      Transfer* transfer = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, &transfer);
      curl_multi_remove_handle(multi.get(), easy);
      finish(*transfer, code);
    }
  }
  std::vector<HttpResponse> responses;
  for (auto& t : transfers) {
    if (t->easy != nullptr) {  // did not finish before the overall deadline
      curl_multi_remove_handle(multi.get(), t->easy);
      finish(*t, CURLE_OPERATION_TIMEDOUT);
    }
    responses.push_back(t->response);
  }
  return responses;
}

RawReply raw_exchange(std::uint16_t port, const HttpRequest& request, std::size_t max_bytes) {
  RawReply reply;
  const Socket owner{socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  const int fd = owner.fd;
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error("connect failed");
  }
  std::string wire = request.method + " " + request.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& header : request.headers) wire += header + "\r\n";
  wire += "Content-Type: application/json\r\nContent-Length: " + std::to_string(request.body.size()) +
          "\r\n\r\n" + request.body;
  if (send(fd, wire.data(), wire.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(wire.size())) {
    throw std::runtime_error("send failed");
  }
  reply.started_ns = monotonic_ns();
  const Nanos deadline_ns = reply.started_ns + request.timeout_ms * kNanosPerMs;
  char buffer[65536];
  while (reply.bytes.size() < max_bytes) {
    const Nanos left_ns = deadline_ns - monotonic_ns();
    pollfd readable{fd, POLLIN, 0};
    if (left_ns <= 0 || poll(&readable, 1, static_cast<int>(left_ns / kNanosPerMs) + 1) == 0) {
      reply.timed_out = true;
      break;
    }
    const ssize_t got = recv(fd, buffer, std::min(sizeof buffer, max_bytes - reply.bytes.size()), 0);
    if (got > 0) {
      reply.read_ns.push_back(monotonic_ns());
      reply.bytes.append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0) {
      reply.eof = true;
      break;
    } else if (errno != EINTR) {
      reply.reset = errno == ECONNRESET;
      break;
    }
  }
  return reply;
}

std::string chat_body(const std::string& content, const std::string& model) {
  const nlohmann::json body{{"model", model},
                            {"stream", true},
                            {"messages", nlohmann::json::array({{{"role", "user"}, {"content", content}}})}};
  return body.dump();
}

}  // namespace ttft::test
