#include "telemetry/metric_set.hpp"

#include <algorithm>

namespace ttft::telemetry {
namespace {

constexpr double kPusdPerUsd = 1e12;

void observe(Histogram& histogram, const std::optional<double>& seconds) {
  if (seconds) histogram.observe(*seconds);
}

Labels sorted(Labels labels) {
  std::sort(labels.begin(), labels.end());
  return labels;
}

}  // namespace

std::size_t bucket_index(double seconds) {
  const auto* at = std::lower_bound(kBucketBounds_s.begin(), kBucketBounds_s.end(), seconds);
  return static_cast<std::size_t>(at - kBucketBounds_s.begin());
}

void Histogram::observe(double seconds) {
  ++counts[bucket_index(seconds)];
  sum_s += seconds;
  ++count;
}

MetricSet::MetricSet(std::string scenario, Redactor redactor)
    : scenario_(redactor.apply(scenario)), redactor_(std::move(redactor)) {}

void MetricSet::add(const RowRecord& row) {
  const Key key{redactor_.apply(row.run_id), redactor_.apply(row.target), redactor_.apply(row.phase),
                redactor_.apply(row.region)};
  Totals& t = series_[key];
  ++t.requests_by_error[redactor_.apply(row.error)];
  observe(t.ttft, row.ttft_s);
  observe(t.first_token, row.first_token_s);
  observe(t.first_answer, row.first_answer_s);
  observe(t.e2e, row.e2e_s);
  t.cost_pusd += row.cost_pusd;
  t.input_tokens += row.input_tokens;
  t.output_tokens += row.output_tokens;
  t.last_ms = std::max(t.last_ms, row.ended_unix_ms);
  Gauge& gauge = in_flight_[{key.run_id, key.target}];
  if (row.ended_unix_ms >= gauge.time_ms) gauge = {row.in_flight, row.ended_unix_ms};
  if (row.ended_unix_ms > 0 && (first_ms_ == 0 || row.ended_unix_ms < first_ms_)) first_ms_ = row.ended_unix_ms;
  ++rows_;
}

std::vector<std::string> MetricSet::run_ids() const {
  std::vector<std::string> ids;
  for (const auto& [key, totals] : series_) {
    if (std::find(ids.begin(), ids.end(), key.run_id) == ids.end()) ids.push_back(key.run_id);
  }
  return ids;
}

Labels MetricSet::labels_of(const Key& key) const {
  return sorted({{"phase", key.phase}, {"region", key.region}, {"run_id", key.run_id}, {"scenario", scenario_},
                 {"target", key.target}});
}

std::vector<Family> MetricSet::families(const std::optional<std::string>& run_id) const {
  Family requests{"ttftbench_requests_total", MetricKind::counter, "Requests ended, by error class (\"\" = success)",
                  "{request}", {}};
  Family ttft{"ttftbench_ttft_seconds", MetricKind::histogram, "Time to first token", "s", {}};
  Family first_token{"ttftbench_first_token_seconds", MetricKind::histogram, "Time to the first token event", "s", {}};
  Family first_answer{"ttftbench_first_answer_seconds", MetricKind::histogram,
                      "Time to the first answer token (text or tool call)", "s", {}};
  Family e2e{"ttftbench_e2e_seconds", MetricKind::histogram, "Time to the end of the response", "s", {}};
  Family cost{"ttftbench_cost_usd_total", MetricKind::counter, "Cost of the requests in US dollars", "USD", {}};
  Family input{"ttftbench_input_tokens_total", MetricKind::counter, "Input tokens", "{token}", {}};
  Family output{"ttftbench_output_tokens_total", MetricKind::counter, "Output tokens", "{token}", {}};
  Family in_flight{"ttftbench_in_flight", MetricKind::gauge, "Requests in flight", "{request}", {}};
  for (const auto& [key, t] : series_) {
    if (run_id && key.run_id != *run_id) continue;
    const Labels labels = labels_of(key);
    for (const auto& [error, n] : t.requests_by_error) {
      Labels with_error = labels;
      with_error.emplace_back("error", error);
      requests.points.push_back({sorted(std::move(with_error)), static_cast<double>(n), {}, t.last_ms});
    }
    ttft.points.push_back({labels, 0, t.ttft, t.last_ms});
    first_token.points.push_back({labels, 0, t.first_token, t.last_ms});
    first_answer.points.push_back({labels, 0, t.first_answer, t.last_ms});
    e2e.points.push_back({labels, 0, t.e2e, t.last_ms});
    cost.points.push_back({labels, static_cast<double>(t.cost_pusd) / kPusdPerUsd, {}, t.last_ms});
    input.points.push_back({labels, static_cast<double>(t.input_tokens), {}, t.last_ms});
    output.points.push_back({labels, static_cast<double>(t.output_tokens), {}, t.last_ms});
  }
  for (const auto& [id_target, gauge] : in_flight_) {
    if (run_id && id_target.first != *run_id) continue;
    in_flight.points.push_back({sorted({{"run_id", id_target.first}, {"scenario", scenario_}, {"target", id_target.second}}),
                                static_cast<double>(gauge.value), {}, gauge.time_ms});
  }
  return {requests, ttft, first_token, first_answer, e2e, cost, input, output, in_flight};
}

}  // namespace ttft::telemetry
