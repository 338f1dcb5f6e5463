#include "browser/cdp_pipe.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace ttft::browser {
namespace {

constexpr int kCloseWaitMs = 3000;
constexpr const char* kInstallHint = "install Debian's chromium (apt-get install chromium), or set TTFTBENCH_CHROMIUM";

bool executable(const std::string& path) { return !path.empty() && access(path.c_str(), X_OK) == 0; }

// Each flag is explained in docs/browser.md ("Chromium flags").
std::vector<std::string> chromium_arguments(const std::string& exe, const std::string& profile,
                                            const LaunchOptions& options) {
  std::vector<std::string> args = {exe,
                                   "--headless=new",
                                   "--remote-debugging-pipe",
                                   "--user-data-dir=" + profile,
                                   "--no-first-run",
                                   "--no-default-browser-check",
                                   "--disable-extensions",
                                   "--disable-background-networking",
                                   "--disable-sync",
                                   "--disable-component-update",
                                   "--metrics-recording-only",
                                   "--disable-default-apps",
                                   "--disable-breakpad",
                                   "--disable-domain-reliability",
                                   "--no-pings",
                                   "--password-store=basic",
                                   "--use-mock-keychain",
                                   "about:blank"};
  // Chromium's own background requests (update checks, sign-in, network time) would contact
  // Google's hosts; no name but the targets' resolves, so they fail without leaving the machine.
  std::string rules = "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1";
  for (const auto& host : options.hosts) rules += ", EXCLUDE " + host;
  args.insert(args.end() - 1, "--host-resolver-rules=" + rules);
  if (geteuid() == 0) args.insert(args.begin() + 1, "--no-sandbox");  // Chromium refuses root otherwise
  if (!options.net_log_path.empty()) args.insert(args.begin() + 1, "--log-net-log=" + options.net_log_path);
  return args;
}

void close_fd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace

std::optional<std::string> NulFramer::next() {
  const auto end = buffer_.find('\0', start_);
  if (end == std::string::npos) {
    if (start_ > 0) {  // keep the partial message only
      buffer_.erase(0, start_);
      start_ = 0;
    }
    return std::nullopt;
  }
  std::string message = buffer_.substr(start_, end - start_);
  start_ = end + 1;
  return message;
}

Result<std::string> chromium_executable() {
  if (const char* given = std::getenv("TTFTBENCH_CHROMIUM"); given != nullptr && *given != '\0') {
    if (executable(given)) return std::string(given);
    return fail("TTFTBENCH_CHROMIUM", std::string("no executable Chromium at ") + given, kInstallHint);
  }
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    for (const char* name : {"chromium", "chromium-browser"}) {
      const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
      if (executable(candidate)) return candidate;
    }
  }
  return fail("", "a browser target needs Chromium, and none was found on PATH", kInstallHint);
}

Result<std::unique_ptr<CdpPipe>> CdpPipe::launch(const LaunchOptions& options) {
  std::string exe = options.chromium;
  if (exe.empty()) {
    auto found = chromium_executable();
    if (!found) return tl::unexpected(found.error());
    exe = *found;
  }
  std::string profile = (std::filesystem::temp_directory_path() / "ttftbench-chromium-XXXXXX").string();
  if (mkdtemp(profile.data()) == nullptr) return fail("", "cannot create a temporary browser profile folder");
  const auto args = chromium_arguments(exe, profile, options);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  std::array<int, 2> commands{}, replies{};  // [read, write]
  if (pipe2(commands.data(), O_CLOEXEC) != 0 || pipe2(replies.data(), O_CLOEXEC) != 0) {
    return fail("", "cannot create the browser's pipes");
  }
  signal(SIGPIPE, SIG_IGN);  // a dead browser is EPIPE on write, never a signal
  const int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  const pid_t pid = fork();
  if (pid == 0) {
    // The child: only async-signal-safe calls. Move the ends above 4 first, so dup2 onto 3 and 4
    // cannot close one before it is copied; dup2 clears O_CLOEXEC on the copies.
    const int in = fcntl(commands[0], F_DUPFD, 10), out = fcntl(replies[1], F_DUPFD, 10);
    dup2(null_fd, 0);
    dup2(null_fd, 1);
    dup2(null_fd, 2);  // Chromium's log noise (dbus, GPU) would interleave with ttftbench's stderr
    dup2(in, 3);
    dup2(out, 4);
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (null_fd >= 0) close(null_fd);
  close(commands[0]);
  close(replies[1]);
  if (pid < 0) {
    close(commands[1]);
    close(replies[0]);
    std::error_code ignored;
    std::filesystem::remove_all(profile, ignored);
    return fail("", "cannot start Chromium (fork failed)");
  }
  std::unique_ptr<CdpPipe> pipe(new CdpPipe());
  pipe->pid_ = pid;
  pipe->to_browser_ = commands[1];
  pipe->from_browser_ = replies[0];
  pipe->profile_dir_ = std::move(profile);
  fcntl(pipe->from_browser_, F_SETFL, fcntl(pipe->from_browser_, F_GETFL) | O_NONBLOCK);
  return pipe;
}

// Browser.close first, so Chromium ends cleanly (a net log is completed, the profile is no longer
// written); SIGKILL if it has not exited within kCloseWait.
CdpPipe::~CdpPipe() {
  if (pid_ > 0 && to_browser_ >= 0 && send(R"({"id":0,"method":"Browser.close","params":{}})")) {
    for (int waited_ms = 0; waited_ms < kCloseWaitMs && !exited(); waited_ms += 10) usleep(10'000);
  }
  close_fd(to_browser_);
  close_fd(from_browser_);
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  if (!profile_dir_.empty()) std::filesystem::remove_all(profile_dir_, ignored);
}

bool CdpPipe::exited() {
  if (pid_ <= 0) return true;
  if (waitpid(pid_, nullptr, WNOHANG) != pid_) return false;
  pid_ = -1;
  return true;
}

bool CdpPipe::send(std::string_view json) {
  std::string message(json);
  message.push_back('\0');
  std::size_t written = 0;
  while (written < message.size()) {
    const ssize_t n = write(to_browser_, message.data() + written, message.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

bool CdpPipe::read_available(std::vector<std::string>& messages) {
  std::array<char, 65536> buffer{};
  for (;;) {
    const ssize_t n = read(from_browser_, buffer.data(), buffer.size());
    if (n > 0) {
      framer_.push(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
      while (auto message = framer_.next()) messages.push_back(std::move(*message));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);  // n == 0: EOF, the browser is gone
  }
}

}  // namespace ttft::browser
