// The three encodings of one small MetricSet: the Prometheus text format, the OTLP JSON shape, and
// the remote write body decompressed and parsed back.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "telemetry/otlp_json.hpp"
#include "telemetry/publisher.hpp"
#include "telemetry/remote_write.hpp"
#include "telemetry/text_format.hpp"

using ttft::Redactor;
using ttft::telemetry::MetricSet;
using ttft::telemetry::RowRecord;

namespace {

MetricSet small_set() {
  MetricSet set("demo", Redactor({}));
  for (const double ttft_s : {0.03, 0.2, 0.07}) {
    RowRecord r;
    r.run_id = "run-1";
    r.target = "edge";
    r.phase = "warm";
    r.ttft_s = ttft_s;
    r.cost_pusd = 1'000'000;
    r.ended_unix_ms = 1'700'000'000'000;
    set.add(r);
  }
  RowRecord failed;
  failed.run_id = "run-1";
  failed.target = "edge";
  failed.phase = "warm";
  failed.error = "timeout";
  failed.ended_unix_ms = 1'700'000'001'000;
  set.add(failed);
  return set;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("text format: TYPE lines, cumulative buckets with le, _sum and _count, escaped labels, no timestamps") {
  const std::string text = ttft::telemetry::text_format(small_set().families());
  const std::string labels = R"(phase="warm",region="",run_id="run-1",scenario="demo",target="edge")";
  CHECK(has_line(text, "# TYPE ttftbench_ttft_seconds histogram"));
  CHECK(has_line(text, "# TYPE ttftbench_requests_total counter"));
  CHECK(has_line(text, "# TYPE ttftbench_in_flight gauge"));
  CHECK(has_line(text, "ttftbench_requests_total{error=\"\"," + labels + "} 3"));
  CHECK(has_line(text, "ttftbench_requests_total{error=\"timeout\"," + labels + "} 1"));
  CHECK(has_line(text, "ttftbench_ttft_seconds_bucket{" + labels + ",le=\"0.025\"} 0"));
  CHECK(has_line(text, "ttftbench_ttft_seconds_bucket{" + labels + ",le=\"0.05\"} 1"));
  CHECK(has_line(text, "ttftbench_ttft_seconds_bucket{" + labels + ",le=\"0.1\"} 2"));
  CHECK(has_line(text, "ttftbench_ttft_seconds_bucket{" + labels + ",le=\"0.25\"} 3"));
  CHECK(has_line(text, "ttftbench_ttft_seconds_bucket{" + labels + ",le=\"+Inf\"} 3"));
  CHECK(has_line(text, "ttftbench_ttft_seconds_count{" + labels + "} 3"));
  CHECK(has_line(text, "ttftbench_cost_usd_total{" + labels + "} 3e-06"));
  CHECK(text.find("1700000000000") == std::string::npos);
  CHECK(ttft::telemetry::escape_label_value("a\"b\\c\nd") == "a\\\"b\\\\c\\nd");
}

TEST_CASE("OTLP JSON: resource attributes, scope, sums, histograms and gauges with string 64-bit integers") {
  const auto body = nlohmann::json::parse(
      ttft::telemetry::otlp_json(small_set().families(), {1'000'000'000, 2'000'000'000}, "9.9"));
  const auto& resource_metrics = body.at("resourceMetrics").at(0);
  std::map<std::string, std::string> resource;
  for (const auto& a : resource_metrics.at("resource").at("attributes")) {
    resource[a.at("key")] = a.at("value").at("stringValue");
  }
  CHECK(resource == std::map<std::string, std::string>{{"service.name", "ttftbench"}, {"run_id", "run-1"}, {"scenario", "demo"}});
  const auto& scope = resource_metrics.at("scopeMetrics").at(0);
  CHECK(scope.at("scope").at("name") == "ttftbench");
  CHECK(scope.at("scope").at("version") == "9.9");
  std::map<std::string, nlohmann::json> metrics;
  for (const auto& m : scope.at("metrics")) metrics[m.at("name")] = m;
  REQUIRE(metrics.count("ttftbench.requests.total") == 1);
  const auto& sum = metrics["ttftbench.requests.total"].at("sum");
  CHECK(sum.at("isMonotonic") == true);
  CHECK(sum.at("aggregationTemporality") == 2);
  std::int64_t requests = 0;
  for (const auto& point : sum.at("dataPoints")) {
    requests += std::stoll(point.at("asInt").get<std::string>());
    CHECK(point.at("startTimeUnixNano") == "1000000000");
    CHECK(point.at("timeUnixNano") == "2000000000");
    const auto& attributes = point.at("attributes");
    CHECK(std::none_of(attributes.begin(), attributes.end(), [](const auto& a) { return a.at("key") == "run_id"; }));
  }
  CHECK(requests == 4);
  const auto& histogram = metrics.at("ttftbench.ttft.seconds").at("histogram").at("dataPoints").at(0);
  CHECK(histogram.at("count") == "3");
  CHECK(histogram.at("explicitBounds").size() + 1 == histogram.at("bucketCounts").size());
  CHECK(histogram.at("bucketCounts").at(3) == "1");
  CHECK(histogram.at("bucketCounts").at(4) == "1");
  CHECK(histogram.at("sum").get<double>() == Approx(0.3));
  CHECK(metrics.at("ttftbench.cost.usd.total").at("sum").at("dataPoints").at(0).at("asDouble").get<double>() == Approx(3e-6));
  CHECK(metrics.at("ttftbench.in.flight").contains("gauge"));
}

TEST_CASE("remote write: the snappy body decompresses and parses back, labels sorted with __name__ first") {
  const std::string body = ttft::telemetry::remote_write_body(small_set().families(), 0);
  const auto series = ttft::telemetry::decode_remote_write(body);
  REQUIRE(series.has_value());
  bool saw_bucket = false, saw_requests = false;
  for (const auto& s : *series) {
    REQUIRE_FALSE(s.labels.empty());
    CHECK(s.labels.front().first == "__name__");
    CHECK(std::is_sorted(s.labels.begin() + 1, s.labels.end()));
    const auto& name = s.labels.front().second;
    if (name == "ttftbench_ttft_seconds_bucket" &&
        std::find(s.labels.begin(), s.labels.end(), std::pair<std::string, std::string>{"le", "0.1"}) != s.labels.end()) {
      CHECK(s.value == 2);
      saw_bucket = true;
    }
    if (name == "ttftbench_requests_total" &&
        std::find(s.labels.begin(), s.labels.end(), std::pair<std::string, std::string>{"error", "timeout"}) != s.labels.end()) {
      CHECK(s.value == 1);
      CHECK(s.timestamp_ms == 1'700'000'001'000);  // the series' own last row
      saw_requests = true;
    }
  }
  CHECK(saw_bucket);
  CHECK(saw_requests);
  const auto stamped = ttft::telemetry::decode_remote_write(ttft::telemetry::remote_write_body(small_set().families(), 42));
  REQUIRE(stamped.has_value());
  CHECK(std::all_of(stamped->begin(), stamped->end(), [](const auto& s) { return s.timestamp_ms == 42; }));
  CHECK_FALSE(ttft::telemetry::decode_remote_write("not snappy").has_value());
}

TEST_CASE("pushgateway_url groups by job and run id, base64url for ids a path segment cannot hold") {
  CHECK(ttft::telemetry::pushgateway_url("http://h:9091/", "demo-20261121T103305Z") ==
        "http://h:9091/metrics/job/ttftbench/run_id/demo-20261121T103305Z");
  CHECK(ttft::telemetry::pushgateway_url("http://h:9091", "a/b") == "http://h:9091/metrics/job/ttftbench/run_id@base64/YS9i");
}
