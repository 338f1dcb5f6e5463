// write-to-temp, fsync, rename(2): rename within one directory is atomic on POSIX file systems.
#include "results/atomic_write.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ttft::results {
namespace {

constexpr mode_t kFileMode = 0644;

std::string directory_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return false;
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

Result<void> write_file_atomic(const std::string& path, std::string_view content) {
  std::string temp = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return fail(path, fmt::format("cannot write: {}", std::strerror(errno)));
  // mkstemp creates 0600; results are meant to be shared like any other file.
  const bool ok = ::fchmod(fd, kFileMode) == 0 && write_all(fd, content) && ::fsync(fd) == 0;
  const int saved_errno = errno;
  const bool closed = ::close(fd) == 0;
  if (!ok || !closed || ::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = ok && closed ? errno : saved_errno;
    ::unlink(temp.c_str());
    return fail(path, fmt::format("cannot write: {}", std::strerror(error)));
  }
  // The rename itself is durable only once the directory entry is on disk.
  const int dir_fd = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return {};
}

}  // namespace ttft::results
