// samples.csv writer: POSIX descriptors directly, because a kill -9 must never find a row half
// in a userspace buffer (docs/results.md ("Crash safety"): a crash loses no finished row).
#include "samples/csv_writer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "samples/csv_format.hpp"

namespace ttft::samples {
namespace {

constexpr mode_t kFileMode = 0644;

std::string errno_text() { return std::strerror(errno); }

}  // namespace

Result<CsvWriter> CsvWriter::create(const std::string& path) {
  // O_EXCL: finished work in an existing file is never truncated by accident.
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, kFileMode);
  if (fd < 0) {
    if (errno == EEXIST) {
      return fail(path, "already exists", "choose a new results folder, or resume into it");
    }
    return fail(path, fmt::format("cannot create: {}", errno_text()));
  }
  CsvWriter writer(fd, path);
  auto written = writer.write_all(header_row());
  if (!written) return tl::unexpected(written.error());
  return writer;
}

Result<CsvWriter> CsvWriter::open_existing(const std::string& path, const ReadResult& existing) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return fail(path, fmt::format("cannot open for appending: {}", errno_text()));
  CsvWriter writer(fd, path);
  const bool own_layout = existing.columns.size() == kColumnCount &&
                          std::is_sorted(existing.columns.begin(), existing.columns.end());
  if (!own_layout) writer.columns_ = existing.columns;
  if (existing.skipped_partial_lines > 0) {
    // The torn row is not data (the reader ignores it); new rows must not be glued onto it.
    const auto keep = static_cast<off_t>(existing.complete_bytes);
    if (::ftruncate(fd, keep) != 0) {
      return fail(path, fmt::format("cannot cut off the incomplete last line: {}", errno_text()));
    }
  }
  return writer;
}

CsvWriter::CsvWriter(CsvWriter&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      cut_short_(other.cut_short_),
      columns_(std::move(other.columns_)) {}

CsvWriter& CsvWriter::operator=(CsvWriter&& other) noexcept {
  if (this != &other) {
    close_fd();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    cut_short_ = other.cut_short_;
    columns_ = std::move(other.columns_);
  }
  return *this;
}

CsvWriter::~CsvWriter() { close_fd(); }

Result<void> CsvWriter::append(const Sample& sample) {
  return write_all(columns_.empty() ? format_row(sample) : format_row(sample, columns_));
}

Result<void> CsvWriter::sync() {
  if (::fsync(fd_) != 0) return fail(path_, fmt::format("cannot sync: {}", errno_text()));
  return {};
}

Result<void> CsvWriter::write_all(std::string_view bytes) {
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

void CsvWriter::close_fd() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace ttft::samples
