// Inflates a gzip stream piece by piece, as a client reads it: for the simulator's gzip encoder
// and gzip fault tests. Header-only, so only test targets that link zlib (ttft_sim does) include it.
#pragma once

#include <zlib.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace ttft::test {

class Gunzip {
 public:
  Gunzip() {
    if (inflateInit2(&z_, 15 + 16) != Z_OK) throw std::runtime_error("inflateInit2 failed");
  }
  ~Gunzip() { inflateEnd(&z_); }
  Gunzip(const Gunzip&) = delete;
  Gunzip& operator=(const Gunzip&) = delete;

  /// Everything the stream's next piece `bytes` decodes to, flushed (Z_SYNC_FLUSH) to the end.
  std::string feed(std::string_view bytes) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z_.avail_in = static_cast<uInt>(bytes.size());
    std::string out;
    char buffer[4096];
    do {
      z_.next_out = reinterpret_cast<Bytef*>(buffer);
      z_.avail_out = sizeof buffer;
      status_ = inflate(&z_, Z_SYNC_FLUSH);
      out.append(buffer, sizeof buffer - z_.avail_out);
    } while (status_ == Z_OK && z_.avail_out == 0);
    // No progress because the piece was used up exactly as the buffer filled: not an error.
    if (status_ == Z_BUF_ERROR && z_.avail_in == 0) status_ = Z_OK;
    return out;
  }
  /// Whether the stream has decoded without error so far.
  bool ok() const { return status_ == Z_OK || status_ == Z_STREAM_END; }
  /// Whether the stream's trailer has been read.
  bool ended() const { return status_ == Z_STREAM_END; }

 private:
  z_stream z_{};
  int status_ = Z_OK;
};

}  // namespace ttft::test
