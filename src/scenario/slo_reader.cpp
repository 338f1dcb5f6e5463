// Reads an "slo" (top level or a phase's): bounds on request times, each a metric the SLO may
// bound and a duration. Unknown metrics and bad durations are located errors, like every key.
#include <fmt/format.h>

#include "scenario/did_you_mean.hpp"
#include "scenario/sections.hpp"
#include "scenario/slo.hpp"

namespace ttft::scenario {

bool read_slo(Reader& reader, const Json& value, const std::string& pointer, metrics::Slo& out) {
  if (!reader.ok()) return false;
  const auto names = metrics::slo_metric_names();
  const std::string example = fmt::format("{{\"{}\": \"200ms\"}}", names.front());
  if (!value.is_object() || value.empty()) {
    const std::string got = value.is_object() ? "{}" : describe_value(value);
    return reader.fail(pointer, fmt::format("expected an object of one or more bounds such as {}, got {}", example, got),
                       fmt::format("bound any of {}", fmt::join(names, ", ")));
  }
  for (const auto& [metric, limit] : value.items()) {
    const std::string at = pointer_child(pointer, metric);
    if (const auto wrong = metrics::check_slo_metric(metric)) {
      const auto close = closest_match(metric, names);
      return reader.fail(at, *wrong, close ? fmt::format("did you mean \"{}\"?", *close) : "");
    }
    metrics::SloBound bound{metric, 0};
    if (!reader.duration(limit, at, bound.limit_ns)) return false;
    out.bounds.push_back(std::move(bound));
  }
  return true;
}

Result<metrics::Slo> parse_slo(const Json& value, const std::string& file, const std::string& pointer) {
  Reader reader(file);
  metrics::Slo slo;
  if (!read_slo(reader, value, pointer, slo)) return tl::unexpected(reader.error());
  return slo;
}

}  // namespace ttft::scenario
