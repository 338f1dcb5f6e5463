#include "samples/sample.hpp"

namespace ttft::samples {
namespace {

template <class T>
Cell opt(const std::optional<T>& value) {
  if (!value) return std::monostate{};
  if constexpr (std::is_same_v<T, bool>) return *value;
  else if constexpr (std::is_same_v<T, double>) return *value;
  else return static_cast<std::int64_t>(*value);
}

Cell millis(const std::optional<Nanos>& ns) {
  if (!ns) return std::monostate{};
  return Millis{*ns};
}

Cell text(const std::string& value) {
  if (value.empty()) return std::monostate{};
  return std::string_view(value);
}

Cell dollars(const std::optional<std::int64_t>& pusd) {
  if (!pusd) return std::monostate{};
  return static_cast<double>(*pusd) / 1e12;
}

}  // namespace

std::array<Field, kColumnCount> fields_of(const Sample& s) {
  return {{
      {"run_id", text(s.run_id)},
      {"region", text(s.region)},
      {"shard", text(s.shard)},
      {"phase", text(s.phase)},
      {"cold", s.cold},
      {"seq", s.seq},
      {"target", text(s.target)},
      {"protocol", text(s.protocol)},
      {"model", text(s.model)},
      {"request_id", text(s.request_id)},
      {"started_at", text(s.started_at)},
      {"send_lag_ms", millis(s.send_lag_ns)},
      {"idle_before_s", opt(s.idle_before_s)},
      {"connection_reused", opt(s.connection_reused)},
      {"pop", text(s.pop)},
      {"http_status", opt(s.http_status)},
      {"error", text(s.error)},
      {"error_detail", text(s.error_detail)},
      {"dns_ms", millis(s.dns_ns)},
      {"connect_ms", millis(s.connect_ns)},
      {"tls_ms", millis(s.tls_ns)},
      {"ttfb_ms", millis(s.ttfb_ns)},
      {"ttft_ms", millis(s.ttft_ns)},
      {"first_token_ms", millis(s.first_token_ns)},
      {"e2e_ms", millis(s.e2e_ns)},
      {"input_tokens", opt(s.input_tokens)},
      {"output_tokens", opt(s.output_tokens)},
      {"token_source", text(s.token_source)},
      {"events", opt(s.events)},
      {"itl_p50_ms", millis(s.itl_p50_ns)},
      {"itl_p95_ms", millis(s.itl_p95_ns)},
      {"decode_tps", opt(s.decode_tps)},
      {"cost_usd", dollars(s.cost_pusd)},
      // Appended after cost_usd, so name-based readers keep working (docs/results.md ("Columns")).
      {"first_token_kind", text(s.first_token_kind)},
      {"first_answer_ms", millis(s.first_answer_ns)},
      {"reasoning_tokens", opt(s.reasoning_tokens)},
      {"cached_input_tokens", opt(s.cached_input_tokens)},
      {"cache_write_tokens", opt(s.cache_write_tokens)},
      {"http_version", text(s.http_version)},
      {"input_tokens_requested", opt(s.input_tokens_requested)},
      {"max_tokens_requested", opt(s.max_tokens_requested)},
      {"sweep_value", opt(s.sweep_value)},
      {"conversation", opt(s.conversation)},
      {"turn", opt(s.turn)},
      {"vectors", opt(s.vectors)},
      {"dimensions", opt(s.dimensions)},
      {"correct", s.correct ? Cell{std::int64_t{*s.correct ? 1 : 0}} : Cell{}},
      {"browser_ttft_ms", millis(s.browser_ttft_ns)},
      {"browser_paint_ms", millis(s.browser_paint_ns)},
  }};
}

const std::array<std::string_view, kColumnCount>& column_names() {
  static const auto names = [] {
    std::array<std::string_view, kColumnCount> out{};
    const auto fields = fields_of(Sample{});
    for (std::size_t i = 0; i < kColumnCount; ++i) out[i] = fields[i].name;
    return out;
  }();
  return names;
}

}  // namespace ttft::samples
