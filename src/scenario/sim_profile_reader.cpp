// Reads a simulator profile's JSON form (a target's "sim" overrides, a profile file) through the
// scenario's Reader, so its errors look and locate like every other scenario error.
#include <algorithm>
#include <charconv>
#include <filesystem>

#include <fmt/format.h>

#include "scenario/sections.hpp"
#include "scenario/sim_profile.hpp"

namespace ttft::scenario {
namespace {

constexpr double kMaxValue = 1e9;  // ms, s or a factor: far beyond any sensible profile
constexpr double kMaxSigma = 10;
constexpr std::int64_t kMaxOutputTokens = 1'000'000;
constexpr std::int64_t kMaxSlots = 1'000'000;
constexpr std::int64_t kMaxToolCalls = 100;
constexpr std::int64_t kMaxEmbeddingDimensions = 65'536;

const std::vector<std::string> kProfileKeys = {
    "base", "name", "network_ms", "prefill_ms_per_input_token", "warm", "cold",
    "scale_to_zero_after_s", "token_interval_ms", "token_jitter_sigma", "output_tokens", "slots",
    "reasoning_tokens", "reasoning_ms", "cached_input_tokens", "cache_write_tokens", "faults", "status_rate",
    "time_scale", "tool_calls", "embedding_dimensions", "wrong_answer_rate"};
const std::vector<std::string> kLatencyKeys = {"median_ms", "sigma"};

const std::vector<std::string>& fault_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const FaultInfo& info : fault_table()) out.emplace_back(info.profile_key);
    return out;
  }();
  return keys;
}

bool read_latency(Reader& reader, const Json& value, const std::string& pointer,
                  LatencyDist& out) {
  if (!reader.object(value, pointer, kLatencyKeys)) return false;
  if (const Json* v = find_member(value, "median_ms")) {
    reader.number_in(*v, pointer_child(pointer, "median_ms"), 0, kMaxValue, out.median_ms);
  }
  if (const Json* v = find_member(value, "sigma")) {
    reader.number_in(*v, pointer_child(pointer, "sigma"), 0, kMaxSigma, out.sigma);
  }
  return reader.ok();
}

bool read_faults(Reader& reader, const Json& value, const std::string& pointer, Faults& out) {
  if (!reader.object(value, pointer, fault_keys())) return false;
  for (const FaultInfo& info : fault_table()) {
    if (const Json* v = find_member(value, info.profile_key)) {
      reader.number_in(*v, pointer_child(pointer, info.profile_key), 0, 1, out[info.fault]);
    }
  }
  if (reader.ok() && out.total() > 1 + 1e-9) {
    return reader.fail(pointer, fmt::format("expected fault rates that add up to at most 1, got {}",
                                            out.total()));
  }
  return reader.ok();
}

// "status_rate": {"429": 0.2, "503": 0.05}, statuses from 400 to 599, kept in ascending order.
bool read_status_rates(Reader& reader, const Json& value, const std::string& pointer,
                       std::vector<std::pair<int, double>>& out) {
  if (!value.is_object()) return reader.fail(pointer, "expected an object of HTTP statuses and rates, e.g. {\"429\": 0.2}");
  out.clear();
  for (const auto& [key, rate] : value.items()) {
    const std::string at = pointer_child(pointer, key);
    int status = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), status);
    if (ec != std::errc() || end != key.data() + key.size() || status < 400 || status > 599) {
      return reader.fail(at, fmt::format("expected an HTTP error status from 400 to 599, got \"{}\"", key));
    }
    double number = 0;
    if (!reader.number_in(rate, at, 0, 1, number)) return false;
    out.emplace_back(status, number);
  }
  std::sort(out.begin(), out.end());
  return true;
}

// "base" first, whatever its place in the object: the other keys override the profile it names.
bool read_base(Reader& reader, const Json& value, const std::string& pointer, SimProfile& out) {
  std::string name;
  if (!reader.string(value, pointer, name)) return false;
  Result<SimProfile> builtin = builtin_profile(name);
  if (!builtin) return reader.fail(pointer, builtin.error().message, builtin.error().hint);
  out = std::move(*builtin);
  return true;
}

}  // namespace

bool read_sim_profile(Reader& reader, const Json& value, const std::string& pointer,
                      SimProfile& out) {
  if (!reader.object(value, pointer, kProfileKeys)) return false;
  const auto at = [&](std::string_view key) { return pointer_child(pointer, key); };
  const Json* base = find_member(value, "base");
  if (base != nullptr && !read_base(reader, *base, at("base"), out)) return false;
  if (const Json* v = find_member(value, "name")) reader.string(*v, at("name"), out.name);
  const std::pair<std::string_view, double*> numbers[] = {
      {"network_ms", &out.network_ms},
      {"prefill_ms_per_input_token", &out.prefill_ms_per_input_token},
      {"scale_to_zero_after_s", &out.scale_to_zero_after_s},
      {"token_interval_ms", &out.token_interval_ms}};
  for (const auto& [key, field] : numbers) {
    if (const Json* v = find_member(value, key)) {
      reader.number_in(*v, at(key), 0, kMaxValue, *field);
    }
  }
  if (const Json* v = find_member(value, "token_jitter_sigma")) {
    reader.number_in(*v, at("token_jitter_sigma"), 0, kMaxSigma, out.token_jitter_sigma);
  }
  if (const Json* v = find_member(value, "warm")) read_latency(reader, *v, at("warm"), out.warm);
  if (const Json* v = find_member(value, "cold")) read_latency(reader, *v, at("cold"), out.cold);
  if (const Json* v = find_member(value, "output_tokens")) {
    reader.integer_in(*v, at("output_tokens"), 0, kMaxOutputTokens, out.output_tokens);
  }
  if (const Json* v = find_member(value, "slots")) reader.integer_in(*v, at("slots"), 0, kMaxSlots, out.slots);
  const std::pair<std::string_view, std::int64_t*> counts[] = {
      {"reasoning_tokens", &out.reasoning_tokens},
      {"cached_input_tokens", &out.cached_input_tokens},
      {"cache_write_tokens", &out.cache_write_tokens}};
  for (const auto& [key, field] : counts) {
    if (const Json* v = find_member(value, key)) reader.integer_in(*v, at(key), 0, kMaxOutputTokens, *field);
  }
  if (const Json* v = find_member(value, "tool_calls")) {
    reader.integer_in(*v, at("tool_calls"), 0, kMaxToolCalls, out.tool_calls);
  }
  if (const Json* v = find_member(value, "embedding_dimensions")) {
    reader.integer_in(*v, at("embedding_dimensions"), 1, kMaxEmbeddingDimensions, out.embedding_dimensions);
  }
  if (const Json* v = find_member(value, "reasoning_ms")) {
    reader.number_in(*v, at("reasoning_ms"), 0, kMaxValue, out.reasoning_ms.emplace());
  }
  if (const Json* v = find_member(value, "wrong_answer_rate")) {
    reader.number_in(*v, at("wrong_answer_rate"), 0, 1, out.wrong_answer_rate);
  }
  if (const Json* v = find_member(value, "faults")) {
    read_faults(reader, *v, at("faults"), out.faults);
  }
  if (const Json* v = find_member(value, "status_rate")) {
    read_status_rates(reader, *v, at("status_rate"), out.status_rates);
  }
  double failures = out.faults.total();
  for (const auto& [status, rate] : out.status_rates) failures += rate;
  if (reader.ok() && failures > 1 + 1e-9) {
    return reader.fail(at("status_rate"), "expected fault and status rates that add up to at most 1");
  }
  if (const Json* v = find_member(value, "time_scale")) {
    if (reader.number(*v, at("time_scale"), true, out.time_scale)) {
      reader.number_in(*v, at("time_scale"), 0, kMaxValue, out.time_scale);
    }
  }
  return reader.ok();
}

Result<SimProfile> parse_sim_profile(const Json& value, const SimProfile& base,
                                     const std::string& file, const std::string& pointer) {
  Reader reader(file);
  SimProfile profile = base;
  if (!read_sim_profile(reader, value, pointer, profile)) return tl::unexpected(reader.error());
  return profile;
}

Result<SimProfile> load_profile_file(const std::string& path) {
  const Result<std::string> bytes = read_file_bytes(path);
  if (!bytes) return fail(path, "cannot read profile: " + bytes.error().message);
  const Result<Json> root = parse_json_with_comments(*bytes, path);
  if (!root) return tl::unexpected(root.error());
  SimProfile base;
  base.name = std::filesystem::path(path).stem().string();
  Result<SimProfile> profile = parse_sim_profile(*root, base, path, "");
  if (profile && find_member(*root, "name") == nullptr) profile->name = base.name;
  return profile;
}

}  // namespace ttft::scenario
