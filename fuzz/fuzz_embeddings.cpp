// libFuzzer target: reading an embeddings response (protocol/embeddings.hpp), whose vectors a
// hand-written scanner counts before nlohmann reads the rest. Input: a format byte (mod 4), the
// expected vector count (mod 8), the expected dimensions (0: any, else mod 16), a split byte, then
// the body.
//
// Checked: the reading says exactly one thing (complete, the provider's error, or a protocol
// error); a complete reading has the expected count and the expected (or some) common length; and
// the decoder fed the body in the reads the split byte chooses records what the one-shot reading
// says, so where the body is cut never changes a row.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "protocol/embeddings.hpp"
#include "protocol/stream_decoder.hpp"
#include "fuzz_support.hpp"

using ttft::protocol::EmbeddingsFormat;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto format = static_cast<EmbeddingsFormat>(ttft::fuzz::take_byte(input) % 4);
  const std::size_t vectors = ttft::fuzz::take_byte(input) % 8;
  const std::uint8_t dims_byte = ttft::fuzz::take_byte(input);
  const std::optional<std::int64_t> dimensions =
      dims_byte == 0 ? std::nullopt : std::optional<std::int64_t>(dims_byte % 16);
  const std::uint8_t split = ttft::fuzz::take_byte(input);

  const auto reading = ttft::protocol::parse_embeddings(format, input, vectors, dimensions);
  FUZZ_REQUIRE(!(reading.error && reading.protocol_error));
  if (reading.complete()) {
    FUZZ_REQUIRE(reading.vectors == static_cast<std::int64_t>(vectors));
    FUZZ_REQUIRE(vectors == 0 || reading.dimensions.has_value());
    FUZZ_REQUIRE(!dimensions || vectors == 0 || reading.dimensions == dimensions);
  }

  auto decoder = ttft::protocol::StreamDecoder::embeddings(format, vectors, dimensions);
  std::size_t begin = 0;
  for (const std::size_t end : ttft::fuzz::read_ends(input.size(), split)) {
    if (!decoder.feed(input.substr(begin, end - begin), static_cast<ttft::Nanos>(end))) break;
    begin = end;
  }
  decoder.finish(static_cast<ttft::Nanos>(input.size() + 1));
  const auto& record = decoder.record();
  FUZZ_REQUIRE(record.vectors == reading.vectors);
  FUZZ_REQUIRE(record.input_tokens == reading.input_tokens);
  FUZZ_REQUIRE(record.stream_error.has_value() == reading.error.has_value());
  FUZZ_REQUIRE(record.protocol_error.has_value() == reading.protocol_error.has_value());
  FUZZ_REQUIRE(!record.first_event_ns && !record.first_token_ns);
  return 0;
}
