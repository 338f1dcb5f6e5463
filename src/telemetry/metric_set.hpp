// The exported metrics aggregated from rows (docs/export.md ("Metrics")): request counters by
// error class, latency histograms with fixed buckets, cost and token counters and the in-flight
// gauge, flattened into metric families that every destination's encoder writes. No I/O.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/redact.hpp"
#include "telemetry/row_record.hpp"

namespace ttft::telemetry {

/// Upper bounds of the latency buckets in seconds, 5 ms to 60 s; +Inf follows.
inline constexpr std::array<double, 13> kBucketBounds_s = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                                          1,     2.5,  5,     10,   30,  60};

/// The bucket `seconds` falls in: the first bound >= it (Prometheus' `le`), or the +Inf bucket
/// (kBucketBounds_s.size()).
std::size_t bucket_index(double seconds);

struct Histogram {
  std::array<std::int64_t, kBucketBounds_s.size() + 1> counts{};  // per bucket, not cumulative
  double sum_s = 0;
  std::int64_t count = 0;

  void observe(double seconds);
};

enum class MetricKind { counter, gauge, histogram };

using Labels = std::vector<std::pair<std::string, std::string>>;  // sorted by name

/// One series of a family: its labels (run_id and scenario included), its value and the end of the
/// last row it counts (ms since the Unix epoch; 0 = unknown).
struct Point {
  Labels labels;
  double value = 0;     // counter, gauge
  Histogram histogram;  // histogram
  std::int64_t time_ms = 0;
};

struct Family {
  std::string name;  // Prometheus style: ttftbench_ttft_seconds
  MetricKind kind = MetricKind::counter;
  std::string help;
  std::string unit;  // UCUM for OTLP: "s", "USD", "{request}", "{token}"
  std::vector<Point> points;
};

class MetricSet {
 public:
  /// Label values pass through `redactor` (they are names, but never carry a secret).
  MetricSet(std::string scenario, Redactor redactor);

  void add(const RowRecord& row);
  /// The families in a fixed order; with `run_id`, only that run's series.
  std::vector<Family> families(const std::optional<std::string>& run_id = std::nullopt) const;
  /// The run ids of the rows added, in order.
  std::vector<std::string> run_ids() const;
  std::int64_t rows() const { return rows_; }
  std::int64_t first_ms() const { return first_ms_; }  // earliest row end; 0 = none

 private:
  struct Key {
    std::string run_id, target, phase, region;
    auto operator<=>(const Key&) const = default;
  };
  struct Totals {
    std::map<std::string, std::int64_t> requests_by_error;
    Histogram ttft, first_token, first_answer, e2e;
    std::int64_t cost_pusd = 0, input_tokens = 0, output_tokens = 0;
    std::int64_t last_ms = 0;
  };
  struct Gauge {
    std::int64_t value = 0, time_ms = 0;
  };
  Labels labels_of(const Key& key) const;

  std::string scenario_;
  Redactor redactor_;
  std::map<Key, Totals> series_;
  std::map<std::pair<std::string, std::string>, Gauge> in_flight_;  // by (run_id, target)
  std::int64_t rows_ = 0, first_ms_ = 0;
};

}  // namespace ttft::telemetry
