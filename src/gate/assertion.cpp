#include "gate/assertion.hpp"

#include <fmt/format.h>

namespace ttft::gate {

std::string_view op_text(Op op) {
  switch (op) {
    case Op::less: return "<";
    case Op::less_equal: return "<=";
    case Op::greater: return ">";
    case Op::greater_equal: return ">=";
    case Op::equal: return "==";
    case Op::not_equal: return "!=";
  }
  return "?";
}

std::string_view stat_name(Stat stat) {
  switch (stat) {
    case Stat::mean: return "mean";
    case Stat::stdev: return "stdev";
    case Stat::min: return "min";
    case Stat::p50: return "p50";
    case Stat::p95: return "p95";
    case Stat::p99: return "p99";
    case Stat::max: return "max";
    case Stat::n: return "n";
    case Stat::errors: return "errors";
    case Stat::error_rate: return "error_rate";
    case Stat::p50_incl_errors: return "p50_incl_errors";
    case Stat::p95_incl_errors: return "p95_incl_errors";
    case Stat::p99_incl_errors: return "p99_incl_errors";
    case Stat::goodput: return "goodput";
    case Stat::accuracy: return "accuracy";
    case Stat::throughput: return "throughput";
    case Stat::output_tps: return "output_tps";
    case Stat::saturation: return "saturation";
    case Stat::slope: return "slope";
    case Stat::intercept: return "intercept";
  }
  return "?";
}

std::string_view cost_field_name(CostField field) {
  switch (field) {
    case CostField::input_usd_per_mtok: return "input_usd_per_mtok";
    case CostField::output_usd_per_mtok: return "output_usd_per_mtok";
    case CostField::blended_usd_per_mtok: return "blended_usd_per_mtok";
    case CostField::usd_per_1k_requests: return "usd_per_1k_requests";
  }
  return "?";
}

std::string path_for(const Assertion& a, const std::string& target, const std::string& phase) {
  switch (a.subject) {
    case Subject::cost: return fmt::format("{}.cost.{}", target, cost_field_name(a.cost_field));
    case Subject::phase_stat:
    case Subject::sweep_stat: return fmt::format("{}.{}.{}", target, phase, stat_name(a.stat));
    case Subject::metric_stat: break;
  }
  return fmt::format("{}.{}.{}.{}", target, phase, a.metric, stat_name(a.stat));
}

std::string expression_for(const Assertion& a, const std::string& target, const std::string& phase) {
  return fmt::format("{} {} {}", path_for(a, target, phase), op_text(a.op), a.value_text);
}

bool holds(Op op, double measured, double threshold) {
  switch (op) {
    case Op::less: return measured < threshold;
    case Op::less_equal: return measured <= threshold;
    case Op::greater: return measured > threshold;
    case Op::greater_equal: return measured >= threshold;
    case Op::equal: return measured == threshold;
    case Op::not_equal: return measured != threshold;
  }
  return false;
}

}  // namespace ttft::gate
