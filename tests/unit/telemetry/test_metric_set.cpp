// MetricSet: bucket edges, aggregation by (run, target, phase, region) and error class, label
// redaction, and row records from samples.
#include <catch2/catch.hpp>

#include <algorithm>

#include "telemetry/metric_set.hpp"
#include "telemetry/row_record.hpp"

using ttft::Redactor;
using ttft::telemetry::bucket_index;
using ttft::telemetry::Family;
using ttft::telemetry::kBucketBounds_s;
using ttft::telemetry::MetricSet;
using ttft::telemetry::RowRecord;

namespace {

RowRecord row(const std::string& target, const std::string& error, double ttft_s, std::int64_t ended_ms) {
  RowRecord r;
  r.run_id = "run-1";
  r.target = target;
  r.phase = "warm";
  r.region = "eu";
  r.error = error;
  if (error.empty()) r.ttft_s = ttft_s;
  r.e2e_s = ttft_s * 2;
  r.cost_pusd = 1'500'000;  // 1.5 micro-dollars
  r.input_tokens = 10;
  r.output_tokens = 4;
  r.ended_unix_ms = ended_ms;
  r.in_flight = 3;
  return r;
}

const Family& family(const std::vector<Family>& families, const std::string& name) {
  const auto found = std::find_if(families.begin(), families.end(), [&](const Family& f) { return f.name == name; });
  REQUIRE(found != families.end());
  return *found;
}

std::string label(const ttft::telemetry::Labels& labels, const std::string& name) {
  for (const auto& [key, value] : labels) {
    if (key == name) return value;
  }
  return "<absent>";
}

}  // namespace

TEST_CASE("bucket_index puts a value on a bound into that bound's bucket (le) and beyond 60 s into +Inf") {
  CHECK(kBucketBounds_s.front() == 0.005);
  CHECK(kBucketBounds_s.back() == 60);
  CHECK(bucket_index(0) == 0);
  CHECK(bucket_index(0.005) == 0);
  CHECK(bucket_index(0.0051) == 1);
  CHECK(bucket_index(0.3) == 6);  // (0.25, 0.5]
  CHECK(bucket_index(60) == kBucketBounds_s.size() - 1);
  CHECK(bucket_index(60.5) == kBucketBounds_s.size());
}

TEST_CASE("MetricSet counts requests per error class and sums costs, tokens and histograms per series") {
  MetricSet set("demo", Redactor({}));
  set.add(row("edge", "", 0.03, 1000));
  set.add(row("edge", "", 0.2, 3000));
  set.add(row("edge", "http_5xx", 0.1, 2000));
  set.add(row("central", "", 0.07, 1500));
  CHECK(set.rows() == 4);
  CHECK(set.first_ms() == 1000);
  const auto families = set.families();

  const Family& requests = family(families, "ttftbench_requests_total");
  REQUIRE(requests.points.size() == 3);  // central "", edge "", edge http_5xx
  for (const auto& point : requests.points) {
    CHECK(label(point.labels, "run_id") == "run-1");
    CHECK(label(point.labels, "scenario") == "demo");
    CHECK(label(point.labels, "region") == "eu");
    CHECK(std::is_sorted(point.labels.begin(), point.labels.end()));
    const bool edge_ok = label(point.labels, "target") == "edge" && label(point.labels, "error").empty();
    CHECK(point.value == (edge_ok ? 2 : 1));
    if (label(point.labels, "target") == "edge") CHECK(point.time_ms == 3000);
  }

  const Family& ttft = family(families, "ttftbench_ttft_seconds");
  REQUIRE(ttft.points.size() == 2);
  const auto& edge = label(ttft.points[0].labels, "target") == "edge" ? ttft.points[0] : ttft.points[1];
  CHECK(edge.histogram.count == 2);  // the failed row has no TTFT
  CHECK(edge.histogram.sum_s == Approx(0.23));
  CHECK(edge.histogram.counts[3] == 1);  // 0.03 in (0.025, 0.05]
  CHECK(edge.histogram.counts[5] == 1);  // 0.2 in (0.1, 0.25]

  const Family& cost = family(families, "ttftbench_cost_usd_total");
  for (const auto& point : cost.points) {
    CHECK(point.value == Approx(label(point.labels, "target") == "edge" ? 4.5e-6 : 1.5e-6));
  }
  const Family& input = family(families, "ttftbench_input_tokens_total");
  CHECK((input.points[0].value + input.points[1].value) == 40);
  const Family& in_flight = family(families, "ttftbench_in_flight");
  REQUIRE(in_flight.points.size() == 2);
  CHECK(in_flight.points[0].value == 3);
  CHECK(label(in_flight.points[0].labels, "phase") == "<absent>");
}

TEST_CASE("MetricSet keeps each run's series apart and can give one run's alone") {
  MetricSet set("demo", Redactor({}));
  set.add(row("edge", "", 0.03, 1000));
  RowRecord other = row("edge", "", 0.03, 1000);
  other.run_id = "run-2";
  set.add(other);
  CHECK(set.run_ids() == std::vector<std::string>{"run-1", "run-2"});
  const auto only = set.families("run-2");
  const Family& requests = family(only, "ttftbench_requests_total");
  REQUIRE(requests.points.size() == 1);
  CHECK(label(requests.points[0].labels, "run_id") == "run-2");
}

TEST_CASE("MetricSet label values pass through the redactor") {
  MetricSet set("demo-sk-secret", Redactor({"sk-secret"}));
  set.add(row("edge-sk-secret", "", 0.03, 1000));
  const auto families = set.families();  // kept: family() returns a reference into it
  const Family& requests = family(families, "ttftbench_requests_total");
  CHECK(label(requests.points[0].labels, "target") == "edge-***");
  CHECK(label(requests.points[0].labels, "scenario") == "demo-***");
}

TEST_CASE("record_of takes seconds from nanoseconds and the end from started_at plus e2e") {
  ttft::samples::Sample s;
  s.run_id = "r";
  s.target = "edge";
  s.started_at = "2026-11-21T10:33:05.123Z";
  s.ttft_ns = 250'000'000;
  s.first_answer_ns = 400'000'000;
  s.e2e_ns = 1'500'000'000;
  s.cost_pusd = 7;
  const RowRecord r = ttft::telemetry::record_of(s, 2);
  CHECK(r.ttft_s == Approx(0.25));
  CHECK(r.first_answer_s == Approx(0.4));
  CHECK_FALSE(r.first_token_s.has_value());
  CHECK(r.ended_unix_ms == 1795257185123 + 1500);
  CHECK(r.in_flight == 2);
  CHECK(r.cost_pusd == 7);
  CHECK_FALSE(ttft::telemetry::parse_utc_ms("2026-11-21 10:33:05").has_value());
}
