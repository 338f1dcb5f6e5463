// Accuracy rows and verdicts from the groups' graded and correct counts.
#include "report/accuracy.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/report_model.hpp"
#include "stats/proportion.hpp"

namespace ttft::report {
namespace {

stats::Proportion correct_of(const MetricGroups& groups, const std::string& target, const std::string& phase) {
  const MetricGroup* group = find_group(groups, target, phase);
  if (group == nullptr) return {};
  return {group->correct, group->graded};
}

AccuracyVerdict compare_accuracy(const std::string& phase, const std::string& target_a, const std::string& target_b,
                                 stats::Proportion a, stats::Proportion b) {
  AccuracyVerdict v{phase, target_a, target_b, a.value(), b.value(),
                    compare_shares(target_a, target_b, a, b, "answers correctly more often", "graded answers")};
  v.comparison.text = fmt::format("{} accuracy: {}", phase, v.comparison.text);
  return v;
}

}  // namespace

std::optional<Accuracy> build_accuracy(const std::vector<std::string>& targets, const std::vector<std::string>& phases,
                                       const MetricGroups& groups) {
  std::vector<std::string> graded;  // phases with a graded row of any target, then "all"
  for (const std::string& phase : phases) {
    const bool any = std::any_of(targets.begin(), targets.end(),
                                 [&](const std::string& target) { return correct_of(groups, target, phase).n > 0; });
    if (any) graded.push_back(phase);
  }
  if (graded.empty()) return std::nullopt;
  const bool several = graded.size() > 1;
  graded.emplace_back(kAllPhases);
  Accuracy out;
  for (const std::string& target : targets) {
    for (const std::string& phase : graded) {
      const stats::Proportion p = correct_of(groups, target, phase);
      const MetricGroup* group = find_group(groups, target, phase);
      const std::size_t errors = group == nullptr ? 0 : group->errors;
      out.rows.push_back({target, phase, p.k, p.n, errors, p.value(), stats::wilson_interval(p)});
    }
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    for (std::size_t j = i + 1; j < targets.size(); ++j) {
      for (const std::string& phase : graded) {
        if (phase == kAllPhases && !several) continue;  // the one phase's verdict says it already
        out.verdicts.push_back(compare_accuracy(phase, targets[i], targets[j], correct_of(groups, targets[i], phase),
                                                correct_of(groups, targets[j], phase)));
      }
    }
  }
  return out;
}

const AccuracyRow* find_accuracy(const Accuracy& accuracy, const std::string& target, const std::string& phase) {
  const auto found = std::find_if(accuracy.rows.begin(), accuracy.rows.end(),
                                  [&](const AccuracyRow& row) { return row.target == target && row.phase == phase; });
  return found == accuracy.rows.end() ? nullptr : &*found;
}

}  // namespace ttft::report
