#include "telemetry/remote_write.hpp"

#include <fmt/format.h>
#include <snappy.h>

#include "remote_write.pb.h"

namespace ttft::telemetry {
namespace {

void add_series(prompb::WriteRequest& request, const std::string& name, const Labels& labels,
                const std::string& le, double value, std::int64_t time_ms) {
  prompb::TimeSeries* series = request.add_timeseries();
  auto* name_label = series->add_labels();
  name_label->set_name("__name__");
  name_label->set_value(name);
  bool le_added = le.empty();
  for (const auto& [label, label_value] : labels) {
    if (!le_added && label > "le") {  // labels stay sorted by name with le among them
      auto* le_label = series->add_labels();
      le_label->set_name("le");
      le_label->set_value(le);
      le_added = true;
    }
    auto* added = series->add_labels();
    added->set_name(label);
    added->set_value(label_value);
  }
  if (!le_added) {
    auto* le_label = series->add_labels();
    le_label->set_name("le");
    le_label->set_value(le);
  }
  auto* sample = series->add_samples();
  sample->set_value(value);
  sample->set_timestamp(time_ms);
}

void add_histogram(prompb::WriteRequest& request, const std::string& name, const Point& point, std::int64_t time_ms) {
  std::int64_t cumulative = 0;
  for (std::size_t i = 0; i < point.histogram.counts.size(); ++i) {
    cumulative += point.histogram.counts[i];
    const std::string le = i < kBucketBounds_s.size() ? fmt::format("{}", kBucketBounds_s[i]) : "+Inf";
    add_series(request, name + "_bucket", point.labels, le, static_cast<double>(cumulative), time_ms);
  }
  add_series(request, name + "_sum", point.labels, "", point.histogram.sum_s, time_ms);
  add_series(request, name + "_count", point.labels, "", static_cast<double>(point.histogram.count), time_ms);
}

}  // namespace

std::string remote_write_body(const std::vector<Family>& families, std::int64_t now_ms) {
  prompb::WriteRequest request;
  for (const Family& family : families) {
    for (const Point& point : family.points) {
      const std::int64_t time_ms = now_ms != 0 ? now_ms : point.time_ms;
      if (family.kind == MetricKind::histogram) {
        add_histogram(request, family.name, point, time_ms);
      } else {
        add_series(request, family.name, point.labels, "", point.value, time_ms);
      }
    }
  }
  const std::string raw = request.SerializeAsString();
  std::string compressed;
  snappy::Compress(raw.data(), raw.size(), &compressed);
  return compressed;
}

std::optional<std::vector<WrittenSeries>> decode_remote_write(const std::string& body) {
  std::string raw;
  if (!snappy::Uncompress(body.data(), body.size(), &raw)) return std::nullopt;
  prompb::WriteRequest request;
  if (!request.ParseFromString(raw)) return std::nullopt;
  std::vector<WrittenSeries> decoded;
  for (const auto& series : request.timeseries()) {
    WrittenSeries written;
    for (const auto& label : series.labels()) written.labels.emplace_back(label.name(), label.value());
    if (series.samples_size() != 1) return std::nullopt;
    written.value = series.samples(0).value();
    written.timestamp_ms = series.samples(0).timestamp();
    decoded.push_back(std::move(written));
  }
  return decoded;
}

}  // namespace ttft::telemetry
