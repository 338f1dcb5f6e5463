// AppendFile: POSIX descriptors directly, because a kill -9 must never find a line half in a
// userspace buffer (docs/results.md ("Crash safety"): a crash loses no finished row).
#include "core/append_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace ttft {
namespace {

constexpr mode_t kFileMode = 0644;

std::string errno_text() { return std::strerror(errno); }

}  // namespace

Result<AppendFile> AppendFile::create(const std::string& path) {
  // O_EXCL: finished work in an existing file is never truncated by accident.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, kFileMode);
  if (fd < 0) {
    if (errno == EEXIST) {
      return fail(path, "already exists", "choose a new results folder, or resume into it");
    }
    return fail(path, fmt::format("cannot create: {}", errno_text()));
  }
  return AppendFile(fd, path);
}

Result<AppendFile> AppendFile::open_existing(const std::string& path, std::size_t keep_bytes, bool cut) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return fail(path, fmt::format("cannot open for appending: {}", errno_text()));
  AppendFile file(fd, path);
  if (cut && ::ftruncate(fd, static_cast<off_t>(keep_bytes)) != 0) {
    return fail(path, fmt::format("cannot cut off the incomplete last line: {}", errno_text()));
  }
  return file;
}

AppendFile::AppendFile(AppendFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)), cut_short_(other.cut_short_) {}

AppendFile& AppendFile::operator=(AppendFile&& other) noexcept {
  if (this != &other) {
    close_fd();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    cut_short_ = other.cut_short_;
  }
  return *this;
}

AppendFile::~AppendFile() { close_fd(); }

Result<void> AppendFile::sync() {
  if (::fsync(fd_) != 0) return fail(path_, fmt::format("cannot sync: {}", errno_text()));
  return {};
}

Result<void> AppendFile::append(std::string_view bytes) {
  if (cut_short_) {
    return fail(path_, "not written: an earlier row was cut short by a write error, and a row appended after it "
                       "would be glued onto it");
  }
  const std::size_t total = bytes.size();
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) {
      // Part of the line on disk (a full disk, a size limit): keep it the file's last line, which
      // readers skip as torn and `run --resume` cuts off.
      cut_short_ = bytes.size() != total;
      return fail(path_, fmt::format("cannot write: {}", errno_text()));
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

void AppendFile::close_fd() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace ttft
