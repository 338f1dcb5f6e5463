// A gzip stream encoder (zlib) for the simulator's gzip fault: each call returns the compressed
// bytes of what it was given, sync-flushed so the client can decode them at once. Owns its z_stream.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ttft::sim {

class GzipEncoder {
 public:
  GzipEncoder();
  ~GzipEncoder();
  GzipEncoder(const GzipEncoder&) = delete;
  GzipEncoder& operator=(const GzipEncoder&) = delete;

  /// False when zlib could not be initialised (out of memory); compress then returns "".
  bool ok() const { return ok_; }

  /// Compresses `bytes` and flushes (Z_SYNC_FLUSH), so everything given so far can be decoded
  /// from the output; `finish` ends the gzip stream instead (Z_FINISH: the CRC and size trailer).
  /// After a finish it returns "".
  std::string compress(std::string_view bytes, bool finish);

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;  // z_stream points into its own state: it must never move
  bool ok_ = false;
  bool finished_ = false;
};

}  // namespace ttft::sim
