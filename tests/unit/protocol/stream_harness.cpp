// Test helpers for the protocol module: fixture loading and split-point decoding.
#include "stream_harness.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <sstream>

namespace ttft::protocol::testing {
namespace {

std::string optional_text(const std::optional<Nanos>& value) {
  return value ? std::to_string(*value) : "-";
}

// The time a byte-wise record's time becomes when the body is cut at `cuts`: the arrival time
// of the piece holding that byte. The end of the body maps to the end of the pieces.
StreamRecord map_times(StreamRecord record, std::size_t body_bytes,
                       const std::vector<std::size_t>& cuts) {
  const auto piece_time = [&](Nanos byte) {
    if (static_cast<std::size_t>(byte) >= body_bytes) return static_cast<Nanos>(cuts.size() + 2);
    const auto piece = std::upper_bound(cuts.begin(), cuts.end(), static_cast<std::size_t>(byte));
    return static_cast<Nanos>(piece - cuts.begin() + 1);
  };
  for (auto* time : {&record.first_event_ns, &record.first_token_ns, &record.first_answer_ns,
                     &record.last_token_ns, &record.end_ns}) {
    if (*time) *time = piece_time(**time);
  }
  for (Nanos& time : record.content_event_ns) time = piece_time(time);
  return record;
}

}  // namespace

std::string load_stream(const std::string& relative) {
  const std::string path = std::string(TTFT_FIXTURES_DIR) + "/streams/" + relative;
  std::ifstream in(path, std::ios::binary);
  INFO("fixture " << path);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::unique_ptr<Adapter> adapter_for(std::string_view protocol) {
  auto adapter = make_adapter(protocol);
  REQUIRE(adapter.has_value());
  return std::move(*adapter);
}

StreamRecord decode_pieces(std::string_view protocol, std::string_view bytes,
                           const std::vector<std::size_t>& cuts) {
  StreamDecoder decoder(adapter_for(protocol));
  std::size_t begin = 0;
  Nanos time = 1;
  for (std::size_t i = 0; i <= cuts.size(); ++i, ++time) {
    const std::size_t end = i < cuts.size() ? cuts[i] : bytes.size();
    if (!decoder.feed(bytes.substr(begin, end - begin), time)) break;
    begin = end;
  }
  decoder.finish(static_cast<Nanos>(cuts.size() + 2));
  return decoder.record();
}

StreamRecord decode_bytewise(std::string_view protocol, std::string_view bytes) {
  return feed_bytewise(StreamDecoder(adapter_for(protocol)), bytes);
}

StreamDecoder auto_decoder(std::string_view url, const Headers& headers) {
  auto decoder = StreamDecoder::for_protocol(kAutoProtocol, url);
  REQUIRE(decoder.has_value());
  decoder->on_response_headers(headers);
  return std::move(*decoder);
}

StreamRecord feed_bytewise(StreamDecoder decoder, std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (!decoder.feed(bytes.substr(i, 1), static_cast<Nanos>(i))) break;
  }
  decoder.finish(static_cast<Nanos>(bytes.size()));
  return decoder.record();
}

StreamRecord feed_whole(StreamDecoder decoder, std::string_view bytes) {
  decoder.feed(bytes, 1);
  decoder.finish(2);
  return decoder.record();
}

ttft::Nanos blank_line_offset(std::string_view bytes, int nth, std::string_view eol) {
  const std::string blank = std::string(eol) + std::string(eol);
  std::size_t pos = 0;
  for (int i = 0; i < nth; ++i, ++pos) {
    pos = bytes.find(blank, pos);
    REQUIRE(pos != std::string_view::npos);
  }
  return static_cast<ttft::Nanos>(pos - 1 + eol.size());
}

ttft::Nanos line_end_offset(std::string_view bytes, int nth) {
  std::size_t pos = 0;
  for (int i = 0; i < nth; ++i, ++pos) {
    pos = bytes.find('\n', pos);
    REQUIRE(pos != std::string_view::npos);
  }
  return static_cast<ttft::Nanos>(pos - 1);
}

std::string describe(const StreamRecord& record) {
  std::ostringstream out;
  out << "first_event=" << optional_text(record.first_event_ns)
      << " first_token=" << optional_text(record.first_token_ns)
      << "(" << ttft::protocol::token_kind_name(record.first_token_kind) << ")"
      << " first_answer=" << optional_text(record.first_answer_ns)
      << " last_token=" << optional_text(record.last_token_ns)
      << " end=" << optional_text(record.end_ns) << " content_times=[";
  for (Nanos time : record.content_event_ns) out << time << ' ';
  out << "] events=" << record.events << " content_events=" << record.content_events
      << " text_bytes=" << record.text_bytes << " input=" << optional_text(record.input_tokens)
      << " output=" << optional_text(record.output_tokens)
      << " reasoning_tokens=" << optional_text(record.reasoning_tokens)
      << " cached=" << optional_text(record.cached_input_tokens)
      << " cache_write=" << optional_text(record.cache_write_tokens) << " terminated=" << record.terminated
      << " stream_error=" << record.stream_error.value_or("-")
      << " protocol_error=" << record.protocol_error.value_or("-")
      << " events_are_tokens=" << record.events_are_tokens << " server=";
  if (const auto& server = record.server_timings) {
    out << optional_text(server->total_ns) << '/' << optional_text(server->load_ns) << '/'
        << optional_text(server->prompt_eval_ns) << '/' << optional_text(server->eval_ns);
  } else {
    out << '-';
  }
  out << " tool_calls=[";
  for (const ToolCall& call : record.tool_calls) out << call.name << '(' << call.arguments << ") ";
  out << ']';
  return out.str();
}

void check_every_split(std::string_view protocol, std::string_view bytes, bool pairs) {
  const StreamRecord reference = decode_bytewise(protocol, bytes);
  for (std::size_t a = 0; a <= bytes.size(); ++a) {
    const std::vector<std::size_t> one{a};
    INFO("cut at " << a);
    CHECK(describe(decode_pieces(protocol, bytes, one)) ==
          describe(map_times(reference, bytes.size(), one)));
    for (std::size_t b = a; pairs && b <= bytes.size(); ++b) {
      const std::vector<std::size_t> two{a, b};
      INFO("and at " << b);
      CHECK(describe(decode_pieces(protocol, bytes, two)) ==
            describe(map_times(reference, bytes.size(), two)));
    }
  }
}

}  // namespace ttft::protocol::testing
