// Splits --slo into bounds and checks each one as a scenario's "slo" is checked.
#include "cli/slo_option.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "core/duration.hpp"
#include "scenario/did_you_mean.hpp"

namespace ttft::cli {
namespace {

constexpr const char* kWhere = "--slo";
constexpr const char* kShape = "write METRIC=DURATION bounds separated by commas, e.g. --slo ttft=200ms,e2e=8s";

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

Result<metrics::SloBound> parse_bound(std::string_view item, const metrics::Slo& so_far) {
  const std::size_t equals = item.find('=');
  if (equals == std::string_view::npos) {
    return fail(kWhere, fmt::format("expected METRIC=DURATION, got \"{}\"", item), kShape);
  }
  const std::string metric(trimmed(item.substr(0, equals)));
  const std::string_view limit = trimmed(item.substr(equals + 1));
  if (const auto wrong = metrics::check_slo_metric(metric)) {
    const auto close = scenario::closest_match(metric, metrics::slo_metric_names());
    return fail(kWhere, *wrong, close ? fmt::format("did you mean \"{}\"?", *close) : "");
  }
  const auto same = [&](const metrics::SloBound& b) { return b.metric == metric; };
  if (std::any_of(so_far.bounds.begin(), so_far.bounds.end(), same)) {
    return fail(kWhere, fmt::format("\"{}\" is bounded twice", metric), "give each metric one bound");
  }
  const auto ns = parse_duration(limit);
  if (!ns) return fail(kWhere, fmt::format("{}: {}", metric, ns.error().message));
  if (*ns <= 0) return fail(kWhere, fmt::format("{}: expected a duration above 0, got \"{}\"", metric, limit));
  return metrics::SloBound{metric, *ns};
}

}  // namespace

Result<std::optional<metrics::Slo>> parse_slo_option(const std::string& text) {
  if (text.empty()) return std::optional<metrics::Slo>{};
  metrics::Slo slo;
  std::string_view rest = text;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = trimmed(rest.substr(0, comma));
    if (item.empty()) return fail(kWhere, fmt::format("an empty bound in \"{}\"", text), kShape);
    auto bound = parse_bound(item, slo);
    if (!bound) return tl::unexpected(bound.error());
    slo.bounds.push_back(std::move(*bound));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return std::optional<metrics::Slo>(std::move(slo));
}

}  // namespace ttft::cli
