#include "telemetry/text_format.hpp"

#include <fmt/format.h>

namespace ttft::telemetry {
namespace {

const char* type_name(MetricKind kind) {
  switch (kind) {
    case MetricKind::counter: return "counter";
    case MetricKind::gauge: return "gauge";
    case MetricKind::histogram: return "histogram";
  }
  return "untyped";
}

/// {a="1",b="2"} with `extra` (e.g. le) last; "" without labels.
std::string label_text(const Labels& labels, const std::string& extra = "") {
  std::string text;
  for (const auto& [name, value] : labels) {
    text += fmt::format("{}{}=\"{}\"", text.empty() ? "" : ",", name, escape_label_value(value));
  }
  if (!extra.empty()) text += (text.empty() ? "" : ",") + extra;
  return text.empty() ? "" : "{" + text + "}";
}

void histogram_lines(std::string& out, const std::string& name, const Point& point) {
  std::int64_t cumulative = 0;
  for (std::size_t i = 0; i < point.histogram.counts.size(); ++i) {
    cumulative += point.histogram.counts[i];
    const std::string le = i < kBucketBounds_s.size() ? fmt::format("{}", kBucketBounds_s[i]) : "+Inf";
    out += fmt::format("{}_bucket{} {}\n", name, label_text(point.labels, "le=\"" + le + "\""), cumulative);
  }
  out += fmt::format("{}_sum{} {}\n", name, label_text(point.labels), point.histogram.sum_s);
  out += fmt::format("{}_count{} {}\n", name, label_text(point.labels), point.histogram.count);
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string escaped;
  for (const char c : value) {
    if (c == '\\') escaped += "\\\\";
    else if (c == '"') escaped += "\\\"";
    else if (c == '\n') escaped += "\\n";
    else escaped += c;
  }
  return escaped;
}

std::string text_format(const std::vector<Family>& families) {
  std::string out;
  for (const Family& family : families) {
    if (family.points.empty()) continue;
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", family.name, family.help, family.name, type_name(family.kind));
    for (const Point& point : family.points) {
      if (family.kind == MetricKind::histogram) {
        histogram_lines(out, family.name, point);
      } else {
        out += fmt::format("{}{} {}\n", family.name, label_text(point.labels), point.value);
      }
    }
  }
  return out;
}

}  // namespace ttft::telemetry
