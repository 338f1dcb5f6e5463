// Google Benchmark programs for the read path of one response body: the SSE parser alone, and
// a StreamDecoder per protocol (framer + adapter + record), fed as the driver feeds it: one
// monotonic clock read per read, then feed(). Items are dispatched events; bytes are body bytes.
// Throughput is per core: the figures use the benchmark's CPU time of one thread.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench/parsers/stream_mixes.hpp"
#include "core/clock.hpp"
#include "protocol/adapter.hpp"
#include "protocol/anthropic.hpp"
#include "protocol/json_scan.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/sse_parser.hpp"
#include "protocol/stream_decoder.hpp"
#include "protocol/workers_ai.hpp"

namespace {

using ttft::Nanos;
using ttft::bench::StreamMix;
using ttft::protocol::StreamDecoder;

// A few thousand content events: long enough that the opening and closing frames are noise.
constexpr std::size_t kTokens = 4000;
constexpr std::size_t kLargeReadBytes = 16 * 1024;  // a socket's backlog, as curl hands it over

// How the body reaches feed(): in large reads, or one event per read (a server that flushes
// each event and a client that keeps up with it).
enum class Reads { large, per_event };

std::vector<std::string_view> reads_of(const StreamMix& mix, Reads reads) {
  if (reads == Reads::large) return ttft::bench::cut_reads(mix.body, kLargeReadBytes);
  return {mix.frames.begin(), mix.frames.end()};
}

void report(benchmark::State& state, std::int64_t events_per_body, std::size_t body_bytes) {
  const auto iterations = static_cast<std::int64_t>(state.iterations());
  state.SetItemsProcessed(iterations * events_per_body);
  state.SetBytesProcessed(iterations * static_cast<std::int64_t>(body_bytes));
  state.counters["events_per_body"] = static_cast<double>(events_per_body);
}

// The WHATWG framer alone on the openai-chat body, with a handler that only counts.
void sse_parser(benchmark::State& state, Reads read_mode) {
  const StreamMix mix = ttft::bench::make_stream_mix("openai-chat", kTokens);
  const std::vector<std::string_view> reads = reads_of(mix, read_mode);
  std::int64_t events = 0;
  const ttft::protocol::SseParser::EventHandler count = [&events](const ttft::protocol::Event& e) {
    benchmark::DoNotOptimize(e.data.data());
    ++events;
  };
  for (auto _ : state) {
    events = 0;
    ttft::protocol::SseParser parser;
    for (const std::string_view read : reads) {
      Nanos arrival_ns = ttft::monotonic_ns();  // the driver stamps every read first
      benchmark::DoNotOptimize(arrival_ns);
      if (!parser.feed(read, count)) state.SkipWithError("the SSE parser overflowed");
    }
    parser.finish();
  }
  report(state, events, mix.body.size());
}

// A fresh decoder per body, as each request gets one. Checks the body decodes to a complete
// stream without errors, so a broken mix cannot pass as a fast one.
void decoder(benchmark::State& state, std::string protocol, Reads read_mode,
             std::unique_ptr<ttft::protocol::Adapter> (*make_adapter)()) {
  const StreamMix mix = ttft::bench::make_stream_mix(protocol, kTokens);
  const std::vector<std::string_view> reads = reads_of(mix, read_mode);
  std::int64_t events = 0;
  for (auto _ : state) {
    auto made = make_adapter != nullptr
                    ? ttft::protocol::StreamDecoder(make_adapter())
                    : ttft::protocol::StreamDecoder::for_protocol(protocol, "").value();
    for (const std::string_view read : reads) {
      if (!made.feed(read, ttft::monotonic_ns())) break;
    }
    made.finish(ttft::monotonic_ns());
    const ttft::protocol::StreamRecord& record = made.record();
    if (record.protocol_error || record.stream_error || !made.complete() ||
        record.content_events < 1) {
      state.SkipWithError(("the " + protocol + " body did not decode cleanly: " +
                           record.protocol_error.value_or(record.stream_error.value_or("incomplete")))
                              .c_str());
      break;
    }
    events = record.events;
    benchmark::DoNotOptimize(record.text_bytes);
  }
  report(state, events, mix.body.size());
}

// The adapters with a JSON fast path, reading with nlohmann only: the figure before that fast path (json_scan).
template <class AdapterType>
std::unique_ptr<ttft::protocol::Adapter> nlohmann_only() {
  return std::make_unique<AdapterType>(ttft::protocol::json_scan::JsonReading::full_parser);
}

struct Reference {
  const char* protocol;
  std::unique_ptr<ttft::protocol::Adapter> (*make)();
};
const Reference kReferences[] = {
    {"openai-chat", &nlohmann_only<ttft::protocol::OpenAiChatAdapter>},
    {"workers-ai", &nlohmann_only<ttft::protocol::WorkersAiAdapter>},
    {"anthropic", &nlohmann_only<ttft::protocol::AnthropicAdapter>},
};

void register_all() {
  struct Mode {
    const char* suffix;
    Reads reads;
  };
  const Mode modes[] = {{"16KiB_reads", Reads::large}, {"event_per_read", Reads::per_event}};
  for (const Mode& mode : modes) {
    benchmark::RegisterBenchmark((std::string("sse_parser/") + mode.suffix).c_str(), sse_parser,
                                 mode.reads);
  }
  for (const std::string& protocol : ttft::bench::mix_protocols()) {
    for (const Mode& mode : modes) {
      benchmark::RegisterBenchmark(("decoder/" + protocol + "/" + mode.suffix).c_str(), decoder,
                                   protocol, mode.reads, nullptr);
    }
  }
  for (const Reference& reference : kReferences) {
    for (const Mode& mode : modes) {
      benchmark::RegisterBenchmark(
          ("decoder/" + std::string(reference.protocol) + "(nlohmann_only)/" + mode.suffix).c_str(),
          decoder, std::string(reference.protocol), mode.reads, reference.make);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
