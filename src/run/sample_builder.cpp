#include "run/sample_builder.hpp"

#include "metrics/sample_metrics.hpp"

namespace ttft::run {
namespace {

constexpr std::size_t kErrorDetailChars = 200;  // a readable cell; the full body is in -v traces

}  // namespace

samples::Sample build_sample(const SampleContext& context, const driver::Outcome& outcome,
                             const Redactor& redactor) {
  samples::Sample s;
  s.run_id = context.run_id;
  s.region = context.region;
  s.shard = context.shard;
  s.phase = context.phase;
  s.cold = context.cold;
  s.seq = context.seq;
  s.target = context.target;
  // `auto` records what it detected: "auto:workers-ai"; "auto" when nothing was (docs/results.md ("Columns")).
  const auto& stream = outcome.stream;
  s.protocol = stream.detected_protocol.empty() ? context.protocol
                                                : context.protocol + ":" + stream.detected_protocol;
  s.model = context.model;
  s.request_id = redactor.apply(context.request_id);
  s.started_at = format_utc_ms(outcome.started_wall);
  s.connection_reused = outcome.connection_reused;
  s.http_version = outcome.http_version;
  s.pop = outcome.pop;
  s.http_status = outcome.http_status;
  s.error = outcome.error;
  s.error_detail = redactor.apply(outcome.error_detail).substr(0, kErrorDetailChars);
  s.dns_ns = outcome.dns_ns;
  s.connect_ns = outcome.connect_ns;
  s.tls_ns = outcome.tls_ns;
  s.ttfb_ns = outcome.ttfb_ns;
  s.ttft_ns = stream.first_event_ns;
  s.first_token_ns = stream.first_token_ns;
  if (stream.first_token_ns) s.first_token_kind = protocol::token_kind_name(stream.first_token_kind);
  s.first_answer_ns = stream.first_answer_ns;
  s.e2e_ns = outcome.end_ns;
  s.events = stream.events;
  // A plain text stream's reads are not tokens: docs/metrics.md ("Tokens and token_source"), `estimated`.
  const std::span<const Nanos> token_events(
      stream.content_event_ns.data(), stream.events_are_tokens ? stream.content_event_ns.size() : 0);
  metrics::derive_all(s, metrics::StreamFacts{token_events, stream.text_bytes,
                                              stream.input_tokens, stream.output_tokens,
                                              context.prompt_chars});
  // Usage details, as the provider reported them: empty when it did not say.
  s.reasoning_tokens = stream.reasoning_tokens;
  s.cached_input_tokens = stream.cached_input_tokens;
  s.cache_write_tokens = stream.cache_write_tokens;
  s.browser_ttft_ns = outcome.browser_ttft_ns;
  s.browser_paint_ns = outcome.browser_paint_ns;
  return s;
}

}  // namespace ttft::run
