#include "results/lateness.hpp"

#include <utility>

namespace ttft::results {
namespace {

using Json = nlohmann::ordered_json;
using Field = std::optional<double> LatenessSummary::*;

// One list of keys for the writer and the reader, in the order manifest.json shows them.
constexpr std::pair<const char*, Field> kFields[] = {
    {"send_lag_p50_ms", &LatenessSummary::send_lag_p50_ms}, {"send_lag_p99_ms", &LatenessSummary::send_lag_p99_ms},
    {"send_lag_max_ms", &LatenessSummary::send_lag_max_ms}, {"wake_p50_ms", &LatenessSummary::wake_p50_ms},
    {"wake_p99_ms", &LatenessSummary::wake_p99_ms},         {"wake_max_ms", &LatenessSummary::wake_max_ms},
    {"busy_p99_ms", &LatenessSummary::busy_p99_ms},         {"busy_max_ms", &LatenessSummary::busy_max_ms}};

}  // namespace

Json lateness_to_json(const LatenessSummary& lateness) {
  Json record = Json::object();
  for (const auto& [key, field] : kFields) {
    const auto& value = lateness.*field;
    record[key] = value ? Json(*value) : Json(nullptr);
  }
  return record;
}

LatenessSummary worst_of(const LatenessSummary& a, const LatenessSummary& b) {
  LatenessSummary worst = a;
  for (const auto& [key, field] : kFields) {
    const auto& other = b.*field;
    if (other && (!(worst.*field) || *other > *(worst.*field))) worst.*field = other;
  }
  return worst;
}

LatenessSummary lateness_from_json(const Json& record) {
  LatenessSummary lateness;
  if (!record.is_object()) return lateness;
  for (const auto& [key, field] : kFields) {
    const auto found = record.find(key);
    if (found != record.end() && found->is_number()) lateness.*field = found->get<double>();
  }
  return lateness;
}

}  // namespace ttft::results
