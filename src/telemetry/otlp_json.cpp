#include "telemetry/otlp_json.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace ttft::telemetry {
namespace {

using Json = nlohmann::ordered_json;

Json attribute(const std::string& key, const std::string& value) {
  return {{"key", key}, {"value", {{"stringValue", value}}}};
}

/// The value of `name` shared by every point of every family, or "" when they differ or lack it.
std::string shared_label(const std::vector<Family>& families, const std::string& name) {
  std::string shared;
  bool first = true;
  for (const Family& family : families) {
    for (const Point& point : family.points) {
      const auto found = std::find_if(point.labels.begin(), point.labels.end(),
                                      [&name](const auto& label) { return label.first == name; });
      const std::string value = found == point.labels.end() ? "" : found->second;
      if (!first && value != shared) return "";
      shared = value;
      first = false;
    }
  }
  return shared;
}

Json data_point(const Family& family, const Point& point, const OtlpTimes& times, const std::vector<std::string>& moved) {
  Json attributes = Json::array();
  for (const auto& [name, value] : point.labels) {
    if (std::find(moved.begin(), moved.end(), name) == moved.end()) attributes.push_back(attribute(name, value));
  }
  const std::int64_t now_ns = times.now_unix_ns != 0 ? times.now_unix_ns : point.time_ms * 1'000'000;
  Json p = {{"attributes", attributes}};
  if (family.kind != MetricKind::gauge) p["startTimeUnixNano"] = std::to_string(times.start_unix_ns);
  p["timeUnixNano"] = std::to_string(now_ns);
  if (family.kind == MetricKind::histogram) {
    p["count"] = std::to_string(point.histogram.count);
    p["sum"] = point.histogram.sum_s;
    Json counts = Json::array();
    for (const std::int64_t n : point.histogram.counts) counts.push_back(std::to_string(n));
    p["bucketCounts"] = counts;
    p["explicitBounds"] = kBucketBounds_s;
  } else if (family.unit == "USD") {
    p["asDouble"] = point.value;
  } else {
    p["asInt"] = std::to_string(static_cast<std::int64_t>(point.value));
  }
  return p;
}

Json metric(const Family& family, const OtlpTimes& times, const std::vector<std::string>& moved) {
  Json points = Json::array();
  for (const Point& point : family.points) points.push_back(data_point(family, point, times, moved));
  Json m = {{"name", otlp_name(family.name)}, {"description", family.help}, {"unit", family.unit}};
  constexpr int kCumulative = 2;  // AGGREGATION_TEMPORALITY_CUMULATIVE
  switch (family.kind) {
    case MetricKind::counter:
      m["sum"] = {{"dataPoints", points}, {"aggregationTemporality", kCumulative}, {"isMonotonic", true}};
      break;
    case MetricKind::histogram:
      m["histogram"] = {{"dataPoints", points}, {"aggregationTemporality", kCumulative}};
      break;
    case MetricKind::gauge: m["gauge"] = {{"dataPoints", points}}; break;
  }
  return m;
}

}  // namespace

std::string otlp_name(const std::string& prometheus_name) {
  std::string name = prometheus_name;
  std::replace(name.begin(), name.end(), '_', '.');
  return name;
}

std::string otlp_json(const std::vector<Family>& families, const OtlpTimes& times, const std::string& version) {
  Json resource = Json::array({attribute("service.name", "ttftbench")});
  std::vector<std::string> moved;
  for (const std::string name : {"run_id", "scenario"}) {
    const std::string shared = shared_label(families, name);
    if (shared.empty()) continue;
    resource.push_back(attribute(name, shared));
    moved.push_back(name);
  }
  Json metrics = Json::array();
  for (const Family& family : families) {
    if (!family.points.empty()) metrics.push_back(metric(family, times, moved));
  }
  Json scope_metrics = {{"scope", {{"name", "ttftbench"}, {"version", version}}}, {"metrics", metrics}};
  Json body = {{"resourceMetrics", Json::array({{{"resource", {{"attributes", resource}}},
                                                  {"scopeMetrics", Json::array({scope_metrics})}}})}};
  return body.dump();
}

}  // namespace ttft::telemetry
