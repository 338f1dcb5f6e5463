// Built-in simulator profiles and JSON overrides with JSON-pointer diagnostics.
// nlohmann may throw while parsing a file; that is caught here and returned as an Error.
#include "sim/profile.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ttft::sim {

namespace {

using nlohmann::json;

// The built-in shapes are calibrated for a short chat prompt of about 40 input tokens (160
// characters), for which network + prefill adds ~10 ms (edge) or ~36 ms (central) to the
// lognormal. Each sigma solves constant + median · exp(1.645 σ) = published p95.
Profile edge_profile() {
  Profile p;
  p.name = "edge";
  p.network_ms = 8;
  p.prefill_ms_per_input_token = 0.05;
  p.warm = {170, 0.365};  // 10 + 170 → p50 180; 10 + 170 · e^(1.645·0.365) → p95 ≈ 320
  p.cold = {400, 0.465};  // p50 410, p95 ≈ 870
  p.scale_to_zero_after_s = 300;
  p.token_interval_ms = 15;
  p.token_jitter_sigma = 0.2;
  return p;
}

Profile central_profile() {
  Profile p;
  p.name = "central";
  p.network_ms = 35;
  p.prefill_ms_per_input_token = 0.025;
  p.warm = {204, 0.629};  // 36 + 204 → p50 240; p95 ≈ 610
  p.cold = {254, 0.4165};  // p50 290, p95 ≈ 540 (a warm pool, but reclaimed after long idle)
  p.scale_to_zero_after_s = 600;
  p.token_interval_ms = 12;
  p.token_jitter_sigma = 0.15;
  return p;
}

Profile fast_profile() {
  Profile p;
  p.name = "fast";
  p.warm = {50, 0};
  p.cold = {50, 0};
  p.token_interval_ms = 10;
  p.output_tokens = 16;
  return p;
}

std::string type_name(const json& v) { return v.type_name(); }

Result<double> read_number(const json& v, const std::string& where, double min, double max) {
  if (!v.is_number()) return fail(where, fmt::format("must be a number, got {}", type_name(v)));
  const double x = v.get<double>();
  if (!std::isfinite(x) || x < min || x > max) {
    return fail(where, fmt::format("must be between {} and {}, got {}", min, max, v.dump()));
  }
  return x;
}

constexpr double kMaxValue = 1e9;

Result<LatencyDist> read_dist(const json& j, LatencyDist dist, const std::string& where) {
  if (!j.is_object()) return fail(where, fmt::format("must be an object, got {}", type_name(j)));
  for (const auto& [key, value] : j.items()) {
    const std::string at = where + "/" + key;
    double* field = key == "median_ms" ? &dist.median_ms : key == "sigma" ? &dist.sigma : nullptr;
    if (field == nullptr) {
      return fail(at, fmt::format("unknown key \"{}\"", key), "known keys: median_ms, sigma");
    }
    auto number = read_number(value, at, 0, key == "sigma" ? 10.0 : kMaxValue);
    if (!number) return tl::unexpected(number.error());
    *field = *number;
  }
  return dist;
}

Result<Faults> read_faults(const json& j, Faults faults, const std::string& where) {
  if (!j.is_object()) return fail(where, fmt::format("must be an object, got {}", type_name(j)));
  for (const auto& [key, value] : j.items()) {
    const std::string at = where + "/" + key;
    const auto& table = fault_table();
    const auto info = std::find_if(table.begin(), table.end(),
                                   [&key](const FaultInfo& row) { return row.profile_key == key; });
    if (info == table.end()) {
      return fail(at, fmt::format("unknown key \"{}\"", key), "known keys: " + fault_profile_keys_list());
    }
    auto number = read_number(value, at, 0, 1);
    if (!number) return tl::unexpected(number.error());
    faults[info->fault] = *number;
  }
  if (faults.total() > 1 + 1e-9) return fail(where, "fault probabilities add up to more than 1");
  return faults;
}

// "status_rate": {"429": 0.2, "503": 0.05}, statuses from 400 to 599, kept in ascending order.
Result<std::vector<std::pair<int, double>>> read_status_rates(const json& j, const std::string& where) {
  if (!j.is_object()) return fail(where, fmt::format("must be an object, got {}", type_name(j)));
  std::vector<std::pair<int, double>> rates;
  for (const auto& [key, value] : j.items()) {
    const std::string at = where + "/" + key;
    int status = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), status);
    if (ec != std::errc() || end != key.data() + key.size() || status < 400 || status > 599) {
      return fail(at, fmt::format("expected an HTTP error status from 400 to 599, got \"{}\"", key));
    }
    auto number = read_number(value, at, 0, 1);
    if (!number) return tl::unexpected(number.error());
    rates.emplace_back(status, *number);
  }
  std::sort(rates.begin(), rates.end());
  return rates;
}

Result<std::int64_t> read_count(const json& value, const std::string& at) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > 1'000'000) {
    return fail(at, fmt::format("must be an integer from 0 to 1000000, got {}", value.dump()));
  }
  return value.get<std::int64_t>();
}

// Applies one top-level key to `p`; false when the key is not a number field.
Result<bool> apply_number_field(Profile& p, const std::string& key, const json& value,
                                const std::string& at) {
  double* field = key == "network_ms"                   ? &p.network_ms
                  : key == "prefill_ms_per_input_token" ? &p.prefill_ms_per_input_token
                  : key == "scale_to_zero_after_s"      ? &p.scale_to_zero_after_s
                  : key == "token_interval_ms"          ? &p.token_interval_ms
                  : key == "token_jitter_sigma"         ? &p.token_jitter_sigma
                  : key == "time_scale"                 ? &p.time_scale
                                                        : nullptr;
  if (key == "reasoning_ms") field = &p.reasoning_ms.emplace();
  if (field == nullptr) return false;
  auto number = read_number(value, at, 0, key == "token_jitter_sigma" ? 10.0 : kMaxValue);
  if (!number) return tl::unexpected(number.error());
  if (key == "time_scale" && *number <= 0) return fail(at, "must be greater than 0");
  *field = *number;
  return true;
}

constexpr std::string_view kKnownKeys =
    "known keys: base, name, network_ms, prefill_ms_per_input_token, warm, cold, "
    "scale_to_zero_after_s, token_interval_ms, token_jitter_sigma, output_tokens, "
    "reasoning_tokens, reasoning_ms, cached_input_tokens, cache_write_tokens, faults, status_rate, "
    "time_scale";

Result<void> apply_field(Profile& p, const std::string& key, const json& value,
                         const std::string& at) {
  if (key == "name") {
    if (!value.is_string()) return fail(at, fmt::format("must be a string, got {}", type_name(value)));
    p.name = value.get<std::string>();
  } else if (key == "warm" || key == "cold") {
    auto dist = read_dist(value, key == "warm" ? p.warm : p.cold, at);
    if (!dist) return tl::unexpected(dist.error());
    (key == "warm" ? p.warm : p.cold) = *dist;
  } else if (key == "faults") {
    auto faults = read_faults(value, p.faults, at);
    if (!faults) return tl::unexpected(faults.error());
    p.faults = *faults;
  } else if (key == "status_rate") {
    auto rates = read_status_rates(value, at);
    if (!rates) return tl::unexpected(rates.error());
    p.status_rates = std::move(*rates);
  } else if (std::int64_t* count = key == "output_tokens"         ? &p.output_tokens
                                   : key == "reasoning_tokens"    ? &p.reasoning_tokens
                                   : key == "cached_input_tokens" ? &p.cached_input_tokens
                                   : key == "cache_write_tokens"  ? &p.cache_write_tokens
                                                                  : nullptr) {
    auto number = read_count(value, at);
    if (!number) return tl::unexpected(number.error());
    *count = *number;
  } else {
    auto applied = apply_number_field(p, key, value, at);
    if (!applied) return tl::unexpected(applied.error());
    if (!*applied) return fail(at, fmt::format("unknown key \"{}\"", key), std::string(kKnownKeys));
  }
  return {};
}

// "<path>:<line>:<col>" of a byte offset in text (1-based), for JSON syntax errors.
std::string text_position(const std::string& path, const std::string& text, std::size_t byte) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < text.size() && i + 1 < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return fmt::format("{}:{}:{}", path, line, col);
}

}  // namespace

double Faults::total() const {
  double sum = 0;
  for (const double rate : rates) sum += rate;
  return sum;
}

Result<Profile> builtin_profile(std::string_view name) {
  if (name == "edge") return edge_profile();
  if (name == "central") return central_profile();
  if (name == "fast") return fast_profile();
  return fail("", fmt::format("unknown simulator profile \"{}\"", name),
              "built-in profiles: edge, central, fast");
}

Result<Profile> profile_from_json(const nlohmann::json& j, const Profile& base,
                                  const std::string& where) {
  if (!j.is_object()) {
    return fail(where.empty() ? "/" : where, fmt::format("must be an object, got {}", type_name(j)));
  }
  Profile p = base;
  if (const auto it = j.find("base"); it != j.end()) {
    if (!it->is_string()) {
      return fail(where + "/base", fmt::format("must be a string, got {}", type_name(*it)));
    }
    auto builtin = builtin_profile(it->get<std::string>());
    if (!builtin) return fail(where + "/base", builtin.error().message, builtin.error().hint);
    p = *builtin;
  }
  for (const auto& [key, value] : j.items()) {
    if (key == "base") continue;
    auto applied = apply_field(p, key, value, where + "/" + key);
    if (!applied) return tl::unexpected(applied.error());
  }
  double failures = p.faults.total();
  for (const auto& [status, rate] : p.status_rates) failures += rate;
  if (failures > 1 + 1e-9) {
    return fail(where + "/status_rate", "fault and status probabilities add up to more than 1");
  }
  return p;
}

Result<Profile> load_profile_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path, "cannot open the profile file", "check the path");
  std::ostringstream text;
  text << in.rdbuf();
  json j;
  try {
    j = json::parse(text.str());
  } catch (const json::parse_error& e) {
    return fail(text_position(path, text.str(), e.byte), "invalid JSON in the profile file");
  }
  Profile base;
  base.name = std::filesystem::path(path).stem().string();
  auto profile = profile_from_json(j, base, "");
  if (!profile) {
    Error error = profile.error();
    error.where = error.where.empty() ? path : path + " | " + error.where;
    return tl::unexpected(error);
  }
  if (j.is_object() && !j.contains("name")) profile->name = base.name;
  return profile;
}

}  // namespace ttft::sim
