// One pass over the samples: group lookups by string views, metric values read once per sample.
#include "report/metric_groups.hpp"

#include <algorithm>
#include <optional>

#include "metrics/definitions.hpp"
#include "report/report_model.hpp"

namespace ttft::report {
namespace {

void remember_name(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

}  // namespace

// The group of {target, phase}, created (and its names noted) on first sight.
MetricGroup& MetricGroupsBuilder::group_for(const std::string& target, const std::string& phase,
                                            bool is_samples_phase) {
  const auto found = groups_.groups.find(GroupKeyLess::View{target, phase});
  if (found != groups_.groups.end()) return found->second;
  remember_name(groups_.targets, target);
  if (is_samples_phase) remember_name(groups_.phases, phase);
  MetricGroup& group = groups_.groups[{target, phase}];
  group.values.resize(metrics::metric_definitions().size());
  return group;
}

const MetricGroupsBuilder::Route& MetricGroupsBuilder::route_for(const samples::Sample& s) {
  const auto matches = [&](const Route& route) { return route.target == s.target && route.phase == s.phase; };
  if (last_route_ < routes_.size() && matches(routes_[last_route_])) return routes_[last_route_];
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (matches(routes_[i])) {
      last_route_ = i;
      return routes_[i];
    }
  }
  // std::map nodes never move, so the pointers stay valid as groups are added.
  MetricGroup* phase_group = &group_for(s.target, s.phase, true);
  MetricGroup* all_group = &group_for(s.target, kAllPhases, false);
  last_route_ = routes_.size();
  const metrics::Slo* slo = slo_.for_phase(s.phase);
  return routes_.emplace_back(
      Route{s.target, s.phase, phase_group, all_group, slo ? std::optional(*slo) : std::nullopt});
}

void MetricGroupsBuilder::add(const samples::Sample& s) {
  const auto& metrics = metrics::metric_definitions();
  values_.resize(metrics.size());
  const bool ok = s.error.empty();
  ++groups_.samples;
  if (!ok) {
    ++groups_.errors;
    ++groups_.errors_by_class[s.target][s.error];
  } else {
    for (std::size_t m = 0; m < metrics.size(); ++m) values_[m] = metrics[m].value(s);
  }
  const Route& route = route_for(s);
  const bool met_slo = ok && route.slo && metrics::meets_slo(*route.slo, s);
  const bool reasoning_first = s.first_token_kind == "reasoning";
  if (s.sweep_value) route.phase_group->sweep.add(s);
  if (s.turn) groups_.turns[{s.target, *s.turn}].add(s);
  // The phase's group, then the target's kAllPhases group (the same one, counted twice, for a
  // phase named like kAllPhases).
  for (MetricGroup* group : {route.phase_group, route.all_group}) {
    ++group->requests;
    if (met_slo) ++group->slo_met;
    if (reasoning_first) ++group->reasoning_first;
    if (s.correct) {
      ++group->graded;
      if (*s.correct) ++group->correct;
    }
    if (!ok) {
      ++group->errors;
      continue;
    }
    if (s.browser_ttft_ns) group->browser_ttft_ms.push_back(static_cast<double>(*s.browser_ttft_ns) / 1e6);
    if (s.browser_paint_ns) group->browser_paint_ms.push_back(static_cast<double>(*s.browser_paint_ns) / 1e6);
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      if (values_[m]) group->values[m].push_back(*values_[m]);
    }
    if (s.vectors) group->embeddings.add(s);
    if (group == route.all_group) {
      // The cache parts too, so the run cost prices them as each row's cost_usd does.
      group->tokens.push_back({s.input_tokens.value_or(0), s.output_tokens.value_or(0),
                               s.cached_input_tokens.value_or(0), s.cache_write_tokens.value_or(0)});
    }
  }
}

const MetricGroup* find_group(const MetricGroups& groups, std::string_view target, std::string_view phase) {
  const auto found = groups.groups.find(GroupKeyLess::View{target, phase});
  return found == groups.groups.end() ? nullptr : &found->second;
}

MetricGroups group_metric_values(const std::vector<samples::Sample>& samples, const metrics::SloSpec& slo) {
  MetricGroupsBuilder builder(slo);
  for (const samples::Sample& s : samples) builder.add(s);
  return builder.take();
}

}  // namespace ttft::report
