#include "cli/sample_json.hpp"

#include <cmath>

namespace ttft::cli {
namespace {

nlohmann::ordered_json ms_json(Nanos ns) {
  return std::round(static_cast<double>(ns) / 1e3) / 1e3;  // microsecond resolution
}

nlohmann::ordered_json optional_ms_json(const std::optional<Nanos>& ns) {
  return ns ? ms_json(*ns) : nlohmann::ordered_json(nullptr);
}

struct CellToJson {
  nlohmann::ordered_json operator()(std::monostate) const { return nullptr; }
  nlohmann::ordered_json operator()(std::int64_t v) const { return v; }
  nlohmann::ordered_json operator()(double v) const {
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
  }
  nlohmann::ordered_json operator()(samples::Millis v) const { return ms_json(v.ns); }
  nlohmann::ordered_json operator()(std::string_view v) const { return std::string(v); }
  nlohmann::ordered_json operator()(bool v) const { return v; }
};

}  // namespace

nlohmann::ordered_json sample_to_json(const samples::Sample& sample) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const auto& field : samples::fields_of(sample)) {
    object[std::string(field.name)] = std::visit(CellToJson{}, field.value);
  }
  return object;
}

nlohmann::ordered_json server_timings_to_json(const std::optional<protocol::ServerTimings>& timings) {
  if (!timings || timings->empty()) return nullptr;
  return {{"total_ms", optional_ms_json(timings->total_ns)},
          {"load_ms", optional_ms_json(timings->load_ns)},
          {"prompt_eval_ms", optional_ms_json(timings->prompt_eval_ns)},
          {"eval_ms", optional_ms_json(timings->eval_ns)}};
}

}  // namespace ttft::cli
