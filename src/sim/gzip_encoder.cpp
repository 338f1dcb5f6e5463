// gzip encoding with zlib's deflate: windowBits 15 + 16 selects the gzip wrapper (RFC 1952).
#include "sim/gzip_encoder.hpp"

#include <zlib.h>

namespace ttft::sim {

struct GzipEncoder::Stream {
  z_stream z{};
};

GzipEncoder::GzipEncoder() : stream_(std::make_unique<Stream>()) {
  ok_ = deflateInit2(&stream_->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

GzipEncoder::~GzipEncoder() {
  if (ok_) deflateEnd(&stream_->z);
}

std::string GzipEncoder::compress(std::string_view bytes, bool finish) {
  if (!ok_ || finished_) return {};
  z_stream& z = stream_->z;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));  // zlib never writes input
  z.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[16384];
  const int flush = finish ? Z_FINISH : Z_SYNC_FLUSH;
  // Z_SYNC_FLUSH is done when deflate leaves output space unused; Z_FINISH when the stream ends.
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    const int status = deflate(&z, flush);
    out.append(buffer, sizeof buffer - z.avail_out);
    if (status == Z_STREAM_END || status == Z_STREAM_ERROR) break;
    if (z.avail_out != 0 && (!finish || status == Z_BUF_ERROR)) break;  // flushed, or no progress
  }
  finished_ = finish;
  return out;
}

}  // namespace ttft::sim
