// One request's record: the contract between `run` and every report. Columns and their order
// are docs/results.md ("Columns"); an empty optional is an empty cell ("not measured").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/clock.hpp"

namespace ttft::samples {

struct Sample {
  std::string run_id;
  std::string region;
  std::string shard;                  // "2/4", or empty
  std::string phase;
  bool cold = false;
  std::int64_t seq = 0;               // per run, in order of scheduled start
  std::string target;
  std::string protocol;
  std::string model;
  std::string request_id;
  std::string started_at;             // ISO-8601 UTC with milliseconds
  std::optional<Nanos> send_lag_ns;   // actual start - scheduled start
  std::optional<double> idle_before_s;
  std::optional<bool> connection_reused;
  std::string pop;
  std::optional<int> http_status;
  std::string error;                  // empty = success, else an error class (docs/results.md ("Error classes"))
  std::string error_detail;
  // Times relative to t0 (the request handed to the transport).
  std::optional<Nanos> dns_ns, connect_ns, tls_ns, ttfb_ns, ttft_ns, first_token_ns, e2e_ns;
  std::optional<std::int64_t> input_tokens, output_tokens;
  std::string token_source;           // usage | counted | estimated
  std::optional<std::int64_t> events;
  std::optional<Nanos> itl_p50_ns, itl_p95_ns;
  std::optional<double> decode_tps;
  std::optional<std::int64_t> cost_pusd;  // pico-dollars
  std::string first_token_kind;       // text | reasoning (thinking) | tool_call; "" = none
  // Appended after first_token_kind (docs/results.md ("Columns")); files written before them lack them.
  std::optional<Nanos> first_answer_ns;  // first event with visible answer text or a tool call
  std::optional<std::int64_t> reasoning_tokens;     // from usage; part of output_tokens
  std::optional<std::int64_t> cached_input_tokens;  // from usage; part of input_tokens
  std::optional<std::int64_t> cache_write_tokens;   // from usage; part of input_tokens
  std::string http_version;           // "1.0", "1.1", "2" or "3"; "" = no response
  // Appended after http_version (docs/results.md ("Columns")): what the workload asked for.
  std::optional<std::int64_t> input_tokens_requested;  // a synthetic prompt's drawn length
  std::optional<std::int64_t> max_tokens_requested;    // the max_tokens the request sent
  std::optional<double> sweep_value;                   // a sweep phase's value (phase "<name>@<value>")
  std::optional<std::int64_t> conversation;            // per target and phase, from 0
  std::optional<std::int64_t> turn;                    // within the conversation, from 1
  // Appended after turn (docs/results.md ("Columns")): embeddings and graded answers.
  std::optional<std::int64_t> vectors;                 // embeddings: vectors in the response
  std::optional<std::int64_t> dimensions;              // embeddings: length of each vector
  std::optional<bool> correct;                         // the answer matched the prompt's expected
  // Appended after correct (docs/results.md ("Columns")): a browser target's page-clock times.
  std::optional<Nanos> browser_ttft_ns;                // the page's read that held the first token
  std::optional<Nanos> browser_paint_ns;               // the animation frame after it was written
};

/// A cell's value before formatting: empty, integer, real, milliseconds (from ns), text, bool.
struct Millis {
  Nanos ns;
};
using Cell = std::variant<std::monostate, std::int64_t, double, Millis, std::string_view, bool>;

struct Field {
  std::string_view name;
  Cell value;
};

/// The columns of docs/results.md ("Columns"): 33, then first_token_kind, the five of honest
/// A/B (first_answer_ms … http_version) and the five of workloads (input_tokens_requested …
/// turn) and the three of embeddings and grading (vectors, dimensions, correct), then the two of browser targets (browser_ttft_ms,
/// browser_paint_ms). The later ones are appended, so readers that select columns by name keep working;
/// readers of older files treat them as optional (csv_reader).
constexpr std::size_t kColumnCount = 49;

/// The sample as named cells in column order. Views point into `sample`.
std::array<Field, kColumnCount> fields_of(const Sample& sample);

/// Column names in order (the samples.csv header).
const std::array<std::string_view, kColumnCount>& column_names();

}  // namespace ttft::samples
