#include "e2e/nginx_fixture.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

#include "e2e/certificates.hpp"

namespace ttft::test {
namespace {

namespace fs = std::filesystem;

/// nginx on PATH, else Debian's /usr/sbin/nginx (a normal user's PATH leaves /usr/sbin out).
std::string nginx_binary() {
  if (auto found = find_on_path({"nginx"}); !found.empty()) return found;
  if (access("/usr/sbin/nginx", X_OK) == 0) return "/usr/sbin/nginx";
  return require_tool({"nginx"}, "nginx");
}

/// One JSON object per request. escape=json writes an absent header as "" and escapes quotes.
constexpr const char* kLogFormat =
    R"(log_format ttft escape=json '{"protocol":"$server_protocol","connection":$connection,)"
    R"("connection_requests":$connection_requests,"request_time":$request_time,)"
    R"("msec":$msec,"request_id":"$http_x_request_id","status":$status}';)";

/// The whole configuration: nothing from /etc/nginx, every path inside `dir`.
std::string nginx_config(const fs::path& dir, const TestCertificates& certificates, std::uint16_t port,
                         std::uint16_t upstream_port) {
  const auto at = [&](const char* name) { return (dir / name).string(); };
  std::ostringstream conf;
  // As root, nginx runs its worker as `nobody`, which cannot enter the test's private temp dir.
  if (geteuid() == 0) conf << "user root;\n";
  conf << "worker_processes 1;\npid " << at("nginx.pid") << ";\nerror_log " << at("error.log") << " info;\n"
       << "events { worker_connections 1024; }\nhttp {\n"
       // The compiled-in temp paths are under /var/lib/nginx, which only root may write.
       << "  client_body_temp_path " << at("tmp/body") << ";\n  proxy_temp_path " << at("tmp/proxy") << ";\n"
       << "  fastcgi_temp_path " << at("tmp/fastcgi") << ";\n  uwsgi_temp_path " << at("tmp/uwsgi") << ";\n"
       << "  scgi_temp_path " << at("tmp/scgi") << ";\n"
       << "  " << kLogFormat << "\n  access_log " << at("access.log") << " ttft;\n"
       << "  upstream simulator { server 127.0.0.1:" << upstream_port << "; keepalive 32; }\n"
       << "  server {\n"
       // nginx 1.22 (Debian 12) turns HTTP/2 on in `listen`; 1.25.1 and later still accept it.
       << "    listen 127.0.0.1:" << port << " ssl http2;\n"
       << "    ssl_certificate " << certificates.server_pem.string() << ";\n"
       << "    ssl_certificate_key " << certificates.server_key.string() << ";\n"
       << "    location / {\n      proxy_pass http://simulator;\n"
       // HTTP/1.1 without "Connection: close" keeps upstream connections alive; without
       // buffering each event is passed on as it arrives, so streaming stays streaming.
       << "      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n"
       << "      proxy_buffering off;\n      proxy_request_buffering off;\n    }\n  }\n}\n";
  return conf.str();
}

/// The file's text, or "" when it cannot be read (not written yet, or gone).
std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The processes whose parent is `pid` (Linux's /proc/PID/task/PID/children); none when unknown.
std::vector<pid_t> children_of(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children";
  std::istringstream in(read_text(path));
  std::vector<pid_t> children;
  for (pid_t child = 0; in >> child;) children.push_back(child);
  return children;
}

}  // namespace

bool concurrent_on_a_connection(const std::vector<NginxLogEntry>& entries) {
  std::map<std::int64_t, std::vector<std::pair<double, double>>> spans;  // connection -> (start, end)
  for (const auto& entry : entries) spans[entry.connection].emplace_back(entry.end_s - entry.request_time_s, entry.end_s);
  for (auto& [connection, list] : spans) {
    std::sort(list.begin(), list.end());
    double busy_until = list.front().second;
    for (std::size_t i = 1; i < list.size(); ++i) {
      if (list[i].first < busy_until - 0.005) return true;
      busy_until = std::max(busy_until, list[i].second);
    }
  }
  return false;
}

NginxProxy::NginxProxy() {
  const std::string nginx = nginx_binary();
  const TestCertificates certificates = make_test_certificates(dir_.path());
  port_ = closed_port();
  fs::create_directories(dir_ / "tmp");
  const std::string conf = (dir_ / "nginx.conf").string();
  std::ofstream(conf) << nginx_config(dir_.path(), certificates, port_, simulator_.port());
  std::vector<std::string> argv = {nginx, "-c", conf, "-p", dir_.path().string() + "/",
                                   "-e", (dir_ / "error.log").string()};
  // `nginx -t` first: a configuration nginx refuses fails here with its reason, at once.
  std::vector<std::string> test = argv;
  test.push_back("-t");
  const auto checked = run_process(test, std::chrono::seconds(10));
  if (checked.exit_code != 0) throw std::runtime_error("nginx -t refused the test's configuration:\n" + checked.err);
  argv.insert(argv.end(), {"-g", "daemon off;"});
  nginx_ = std::make_unique<BackgroundProcess>(argv);
  if (wait_for_listener(port_, std::chrono::seconds(10))) return;
  throw std::runtime_error("nginx did not accept connections on port " + std::to_string(port_) +
                           "; its error log:\n" + read_text(dir_ / "error.log"));
}

NginxProxy::~NginxProxy() {
  // Fast shutdown: the master stops its worker, waits for it, then exits (about a second).
  if (nginx_->stop(SIGTERM, std::chrono::seconds(5))) return;
  // Killing only the master would leave its worker serving: kill the worker first.
  for (const pid_t child : children_of(nginx_->pid())) kill(child, SIGKILL);
  nginx_->stop(SIGKILL, std::chrono::seconds(1));
}

std::string NginxProxy::url(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<NginxLogEntry> NginxProxy::log_entries() const {
  std::istringstream in(read_text(dir_ / "access.log"));
  std::vector<NginxLogEntry> entries;
  for (std::string line; std::getline(in, line);) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_discarded()) continue;  // a line nginx has not finished writing
    entries.push_back({json.at("protocol").get<std::string>(), json.at("connection").get<std::int64_t>(),
                       json.at("connection_requests").get<std::int64_t>(), json.at("request_time").get<double>(),
                       json.at("msec").get<double>(), json.at("request_id").get<std::string>(),
                       json.at("status").get<int>()});
  }
  return entries;
}

std::vector<NginxLogEntry> NginxProxy::log_entries_for(const std::vector<std::string>& request_ids,
                                                       std::chrono::milliseconds timeout) const {
  // nginx logs a request after its last byte is sent, so the client may see the end first.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::map<std::string, NginxLogEntry> by_id;
    for (auto& entry : log_entries()) by_id[entry.request_id] = entry;
    std::vector<NginxLogEntry> found;
    for (const auto& id : request_ids) {
      const auto it = by_id.find(id);
      if (it == by_id.end()) {
        if (std::chrono::steady_clock::now() >= deadline) {
          throw std::runtime_error("nginx never logged request id '" + id + "'");
        }
        break;
      }
      found.push_back(it->second);
    }
    if (found.size() == request_ids.size()) return found;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace ttft::test
