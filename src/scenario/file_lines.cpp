// Chunked reading of dataset and trace files: lines, or the elements of one top-level JSON array.
// Only the scan's own frame errors are reported here; what an element means is the caller's.
#include "scenario/file_lines.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace ttft::scenario {
namespace {

// Large enough that a refill is rare against the per-line work, small enough that a `limit` of a
// few entries reads little of a large file.
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// One past the closing quote of the string opening at `at`, or npos when `text` ends first.
std::size_t string_end(std::string_view text, std::size_t at) {
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

Result<FileChunks> FileChunks::open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return fail(path, std::strerror(errno));
  FileChunks chunks(file);
  // fopen succeeds on a folder; its first read fails, and that is the message to show.
  chunks.refill(0);
  if (chunks.read_error_) return fail(path, *chunks.read_error_);
  return chunks;
}

bool FileChunks::refill(std::size_t consumed) {
  buffer_.erase(0, consumed);
  if (read_error_ || std::feof(file_.get()) != 0) return false;
  const std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kChunkBytes);
  const std::size_t got = std::fread(buffer_.data() + old_size, 1, kChunkBytes, file_.get());
  buffer_.resize(old_size + got);
  if (std::ferror(file_.get()) != 0) read_error_ = std::strerror(errno);
  return got > 0;
}

std::optional<std::string_view> LineReader::next() {
  while (true) {
    const std::string_view data = chunks_.data();
    const std::size_t newline = data.find('\n', pos_);
    if (newline != std::string_view::npos || (at_end_ && pos_ < data.size())) {
      const std::size_t end = newline == std::string_view::npos ? data.size() : newline;
      std::string_view line = data.substr(pos_, end - pos_);
      pos_ = end + 1;
      ++line_number_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return line;
    }
    if (at_end_) return std::nullopt;
    at_end_ = !chunks_.refill(pos_);
    pos_ = 0;
  }
}

void ArrayElements::advance_to(std::size_t end) {
  const std::string_view passed = chunks_.data().substr(pos_, end - pos_);
  const std::size_t last_newline = passed.rfind('\n');
  std::string_view tail = passed;
  if (last_newline != std::string_view::npos) {
    line_ += static_cast<std::size_t>(std::count(passed.begin(), passed.end(), '\n'));
    column_ = 1;
    tail = passed.substr(last_newline + 1);
  }
  for (const char c : tail) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column_;  // not a UTF-8 continuation
  }
  pos_ = end;
}

bool ArrayElements::skip_space() {
  while (true) {
    const std::string_view data = chunks_.data();
    std::size_t at = pos_;
    while (at < data.size() && is_space(data[at])) ++at;
    advance_to(at);
    if (pos_ < data.size()) return true;
    if (!chunks_.refill(pos_)) return false;
    pos_ = 0;
  }
}

std::optional<std::size_t> ArrayElements::value_end() {
  while (true) {
    const std::string_view data = chunks_.data();
    std::size_t at = pos_;
    const char first = data[at];
    if (first == '"') {
      at = string_end(data, at);
    } else if (first == '{' || first == '[') {
      std::size_t depth = 0;
      for (; at < data.size(); ++at) {
        const char c = data[at];
        if (c == '"') {
          at = string_end(data, at);
          if (at == std::string_view::npos) break;
          --at;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          break;
        }
      }
      at = at < data.size() ? at + 1 : std::string_view::npos;
    } else {
      while (at < data.size() && !is_space(data[at]) && data[at] != ',' && data[at] != ']') ++at;
      if (at == data.size()) at = std::string_view::npos;
    }
    if (at != std::string_view::npos) return at;
    // The value runs past the buffer: keep it from its start and read on.
    if (!chunks_.refill(pos_)) return std::nullopt;
    pos_ = 0;
  }
}

Error ArrayElements::error_here(const std::string& path, std::string message) const {
  return Error{fmt::format("{}:{}:{}", path, line_, column_), std::move(message), {}};
}

Result<std::optional<ArrayElement>> ArrayElements::next(const std::string& path) {
  if (closed_) return std::nullopt;
  if (!opened_) {
    if (!skip_space() || chunks_.data()[pos_] != '[') {
      return tl::unexpected(error_here(path, "syntax error: expected a JSON array '['"));
    }
    advance_to(pos_ + 1);
    opened_ = true;
  }
  if (!skip_space()) return tl::unexpected(error_here(path, "syntax error: unexpected end of file, expected ']'"));
  if (chunks_.data()[pos_] == ']') {
    closed_ = true;
    return std::nullopt;
  }
  if (!first_) {
    if (chunks_.data()[pos_] != ',') {
      return tl::unexpected(error_here(path, "syntax error: expected ',' or ']' after an entry"));
    }
    advance_to(pos_ + 1);
    if (!skip_space()) return tl::unexpected(error_here(path, "syntax error: unexpected end of file, expected a value"));
  }
  first_ = false;
  const std::size_t line = line_;
  const std::size_t column = column_;
  const std::optional<std::size_t> end = value_end();
  if (!end) return tl::unexpected(error_here(path, "syntax error: unexpected end of file inside this entry"));
  const std::size_t begin = pos_;
  advance_to(*end);
  return ArrayElement{chunks_.data().substr(begin, *end - begin), line, column};
}

}  // namespace ttft::scenario
