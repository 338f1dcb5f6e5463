// Reads a target's "pricing" (docs/scenario.md ("Pricing")) into integer money. Prices arrive as JSON
// numbers; cost::usd_from_json_number converts them through their shortest decimal text, so 0.15
// is exactly 150000 micro-dollars and never 149999 from binary rounding.
#include <fmt/format.h>

#include "cost/money.hpp"
#include "scenario/pricing.hpp"
#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kPricingKeys = {"input_usd_per_mtok",        "output_usd_per_mtok",
                                               "cached_input_usd_per_mtok", "cache_write_usd_per_mtok",
                                               "neurons",                   "per_request_usd",
                                               "gpu_hour"};
const std::vector<std::string> kNeuronKeys = {"input_per_mtok", "output_per_mtok",
                                              "usd_per_1k_neurons", "free_per_day"};
const std::vector<std::string> kGpuHourKeys = {"usd_per_hour", "tokens_per_s"};
constexpr double kMaxUsd = 1e12;  // cost::parse_usd's limit

bool read_money(Reader& reader, const Json& object, const std::string& pointer,
                std::string_view key, cost::Uusd& out) {
  const Json* value = reader.required(object, pointer, key);
  if (value == nullptr) return false;
  const std::string at = pointer_child(pointer, key);
  double usd = 0;
  if (!reader.number(*value, at, false, usd)) return false;
  if (usd < 0) return reader.fail(at, fmt::format("expected a price >= 0, got {}", value->dump()));
  const Result<cost::Uusd> uusd = cost::usd_from_json_number(usd);
  if (!uusd) {
    const char* wanted = usd >= kMaxUsd
                             ? "a price below 10^12 USD"
                             : "a price with at most 6 decimal places (whole micro-dollars)";
    return reader.fail(at, fmt::format("expected {}, got {}", wanted, value->dump()));
  }
  out = *uusd;
  return true;
}

// The prompt-cache prices (docs/metrics.md ("Cost model")), each unset (the input price) when absent.
void read_cache_prices(Reader& reader, const Json& value, const std::string& pointer,
                       cost::TokenPrices& out) {
  if (find_member(value, "cached_input_usd_per_mtok") != nullptr) {
    read_money(reader, value, pointer, "cached_input_usd_per_mtok", out.cached_input_uusd_per_mtok.emplace());
  }
  if (find_member(value, "cache_write_usd_per_mtok") != nullptr) {
    read_money(reader, value, pointer, "cache_write_usd_per_mtok", out.cache_write_uusd_per_mtok.emplace());
  }
}

bool read_count(Reader& reader, const Json& object, const std::string& pointer,
                std::string_view key, std::int64_t& out) {
  const Json* value = reader.required(object, pointer, key);
  return value != nullptr && reader.integer(*value, pointer_child(pointer, key), 0, out);
}

bool read_neurons(Reader& reader, const Json& value, const std::string& pointer, bool input_only,
                  cost::NeuronPrices& out) {
  if (!reader.object(value, pointer, kNeuronKeys)) return false;
  read_count(reader, value, pointer, "input_per_mtok", out.input_neurons_per_mtok);
  if (!input_only || find_member(value, "output_per_mtok") != nullptr) {
    read_count(reader, value, pointer, "output_per_mtok", out.output_neurons_per_mtok);
  }
  read_money(reader, value, pointer, "usd_per_1k_neurons", out.uusd_per_1k_neurons);
  if (find_member(value, "free_per_day") != nullptr) {
    read_count(reader, value, pointer, "free_per_day", out.free_neurons_per_day);
  }
  return reader.ok();
}

bool read_gpu_hour(Reader& reader, const Json& value, const std::string& pointer,
                   cost::GpuHourPrices& out) {
  if (!reader.object(value, pointer, kGpuHourKeys)) return false;
  read_money(reader, value, pointer, "usd_per_hour", out.uusd_per_hour);
  if (const Json* v = reader.required(value, pointer, "tokens_per_s")) {
    reader.number(*v, pointer_child(pointer, "tokens_per_s"), true, out.tokens_per_s);
  }
  return reader.ok();
}

}  // namespace

bool read_pricing(Reader& reader, const Json& value, const std::string& pointer,
                  cost::Pricing& out, bool input_only) {
  if (!reader.object(value, pointer, kPricingKeys)) return false;
  const bool has_input = find_member(value, "input_usd_per_mtok") != nullptr;
  const bool has_output = find_member(value, "output_usd_per_mtok") != nullptr;
  if (has_input || has_output) {
    // Both or neither: a missing half would silently price those tokens at zero. An embeddings
    // target has no output tokens, so its input price may stand alone.
    cost::TokenPrices tokens;
    read_money(reader, value, pointer, "input_usd_per_mtok", tokens.input_uusd_per_mtok);
    if (!input_only || has_output) read_money(reader, value, pointer, "output_usd_per_mtok", tokens.output_uusd_per_mtok);
    read_cache_prices(reader, value, pointer, tokens);
    out.tokens = tokens;
  } else {
    for (const char* key : {"cached_input_usd_per_mtok", "cache_write_usd_per_mtok"}) {
      if (find_member(value, key) == nullptr || !reader.ok()) continue;
      reader.fail(pointer_child(pointer, key),
                  fmt::format("\"{}\" prices part of the input: it needs \"input_usd_per_mtok\" and "
                              "\"output_usd_per_mtok\"",
                              key));
    }
  }
  if (const Json* v = find_member(value, "neurons")) {
    read_neurons(reader, *v, pointer_child(pointer, "neurons"), input_only, out.neurons.emplace());
  }
  if (find_member(value, "per_request_usd") != nullptr) {
    read_money(reader, value, pointer, "per_request_usd", out.per_request_uusd.emplace());
  }
  if (const Json* v = find_member(value, "gpu_hour")) {
    read_gpu_hour(reader, *v, pointer_child(pointer, "gpu_hour"), out.gpu_hour.emplace());
  }
  return reader.ok();
}

Result<cost::Pricing> parse_pricing(const Json& value, const std::string& file,
                                    const std::string& pointer, bool input_only) {
  Reader reader(file);
  cost::Pricing pricing;
  if (!read_pricing(reader, value, pointer, pricing, input_only)) return tl::unexpected(reader.error());
  return pricing;
}

}  // namespace ttft::scenario
