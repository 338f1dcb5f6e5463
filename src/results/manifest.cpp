#include "results/manifest.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/duration.hpp"
#include "results/atomic_write.hpp"
#include "results/folder_layout.hpp"
#include "scenario/json_syntax.hpp"
#include "scenario/pricing.hpp"
#include "scenario/scenario.hpp"
#include "scenario/slo.hpp"

namespace ttft::results {
namespace {

using Json = nlohmann::ordered_json;

Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

std::string text_of(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::vector<std::string> texts_of(const Json& object, const char* key) {
  std::vector<std::string> texts;
  const auto found = object.find(key);
  if (found == object.end() || !found->is_array()) return texts;
  for (const Json& item : *found) {
    if (item.is_string()) texts.push_back(item.get<std::string>());
  }
  return texts;
}

bool flag_of(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_boolean() && found->get<bool>();
}

/// A phase's "idle" gaps ("30m" or a list) appended to `gaps_ns`; the run validated them.
void read_idle_gaps(const Json& phase, std::vector<Nanos>& gaps_ns) {
  const auto idle = phase.find("idle");
  if (idle == phase.end()) return;
  for (const Json& gap : idle->is_array() ? *idle : Json::array({*idle})) {
    if (!gap.is_string()) continue;
    if (const auto ns = parse_duration(gap.get<std::string>())) gaps_ns.push_back(*ns);
  }
}

/// The sweep a phase writes: its first of concurrency, rate and input_tokens that is a list of
/// numbers; nullopt for a phase that sweeps nothing.
std::optional<SweepFacts> sweep_of(const Json& phase) {
  static const std::vector<scenario::SweepParameter> kParameters = {
      scenario::SweepParameter::concurrency, scenario::SweepParameter::rate, scenario::SweepParameter::input_tokens};
  for (const scenario::SweepParameter parameter : kParameters) {
    const std::string key(scenario::sweep_parameter_name(parameter));
    const auto list = phase.find(key);
    if (list == phase.end() || !list->is_array()) continue;
    SweepFacts sweep{text_of(phase, "name"), key, {}, {}};
    for (const Json& value : *list) {
      if (!value.is_number()) continue;
      sweep.values.push_back(value.get<double>());
      sweep.phases.push_back(scenario::sweep_phase_name(sweep.phase, sweep.values.back()));
    }
    return sweep;
  }
  return std::nullopt;
}

/// The names samples.csv gives a phase's rows: each sweep value's, else the name as written.
std::vector<std::string> row_phases_of(const Json& phase) {
  if (auto sweep = sweep_of(phase)) return std::move(sweep->phases);
  return {text_of(phase, "name")};
}

/// The scenario copy's top-level and phases' "slo" into `facts.slo` (phases already read).
Result<void> read_slo_spec(const Json& scenario, const std::string& path, ScenarioFacts& facts) {
  if (const auto slo = scenario.find("slo"); slo != scenario.end()) {
    auto parsed = scenario::parse_slo(*slo, path, "/scenario/slo");
    if (!parsed) return tl::unexpected(parsed.error());
    facts.slo.every_phase = std::move(*parsed);
  }
  const auto phases = scenario.find("phases");
  if (phases == scenario.end() || !phases->is_array()) return {};
  for (std::size_t i = 0; i < phases->size(); ++i) {
    const Json& phase = (*phases)[i];
    const auto slo = phase.is_object() ? phase.find("slo") : phase.end();
    if (slo == phase.end()) continue;
    auto parsed = scenario::parse_slo(*slo, path, fmt::format("/scenario/phases/{}/slo", i));
    if (!parsed) return tl::unexpected(parsed.error());
    for (std::string& name : row_phases_of(phase)) facts.slo.by_phase.emplace_back(std::move(name), *parsed);
  }
  return {};
}

/// Targets (file order), phases, prices, idle gaps, time scale, SLO and headline from the scenario copy.
Result<ScenarioFacts> facts_of(const Json& scenario, const std::string& path) {
  ScenarioFacts facts;
  if (!scenario.is_object()) return facts;
  if (const auto targets = scenario.find("targets"); targets != scenario.end() && targets->is_object()) {
    for (const auto& [name, target] : targets->items()) {
      facts.targets.push_back(name);
      const auto stream = target.find("stream");
      if (stream != target.end() && stream->is_boolean() && !stream->get<bool>()) facts.non_streaming_targets.push_back(name);
      const bool embeds = target.value("kind", nlohmann::json()) == "embeddings";
      if (embeds) facts.embeddings_targets.push_back(name);
      if (target.value("client", nlohmann::json()) == "browser" && target.contains("native") && target["native"].is_string()) {
        facts.browser_pairs.emplace_back(target["native"].get<std::string>(), name);
      }
      const auto pricing = target.find("pricing");
      if (pricing == target.end()) continue;
      auto parsed = scenario::parse_pricing(*pricing, path, fmt::format("/scenario/targets/{}/pricing", name), embeds);
      if (!parsed) return tl::unexpected(parsed.error());
      if (!parsed->empty()) facts.pricing[name] = *parsed;
    }
  }
  if (const auto phases = scenario.find("phases"); phases != scenario.end() && phases->is_array()) {
    for (const auto& phase : *phases) {
      if (!phase.is_object()) continue;
      for (std::string& name : row_phases_of(phase)) facts.phases.push_back(std::move(name));
      if (auto sweep = sweep_of(phase)) facts.sweeps.push_back(std::move(*sweep));
      read_idle_gaps(phase, facts.idle_gaps_ns);
    }
  }
  if (const auto scale = scenario.find("time_scale"); scale != scenario.end() && scale->is_number()) {
    if (scale->get<double>() > 0) facts.time_scale = scale->get<double>();
  }
  if (const auto headline = scenario.find("headline"); headline != scenario.end() && headline->is_string()) {
    facts.headline = headline->get<std::string>();
  }
  if (auto slo = read_slo_spec(scenario, path, facts); !slo) return tl::unexpected(slo.error());
  return facts;
}

Json resumes_to_json(const std::vector<ResumeRecord>& resumes) {
  Json list = Json::array();
  for (const ResumeRecord& r : resumes) {
    list.push_back({{"resumed_at", r.resumed_at}, {"command_line", r.command_line}, {"host", r.host}});
  }
  return list;
}

std::vector<ResumeRecord> resumes_of(const Json& m) {
  std::vector<ResumeRecord> resumes;
  const auto found = m.find("resumes");
  if (found == m.end() || !found->is_array()) return resumes;
  for (const Json& r : *found) {
    if (r.is_object()) resumes.push_back({text_of(r, "resumed_at"), texts_of(r, "command_line"), text_of(r, "host")});
  }
  return resumes;
}

/// The file's JSON, or an error at its line and column.
Result<Json> parse_json(const std::string& text, const std::string& path) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& error) {
    const auto at = scenario::position_at(text, error.byte == 0 ? 0 : error.byte - 1);
    return fail(fmt::format("{}:{}:{}", path, at.line, at.column), "not valid JSON (a ttftbench manifest)");
  }
}

}  // namespace

Manifest continued(const Manifest& earlier, Manifest now) {
  now.resumes = earlier.resumes;
  now.resumes.push_back({now.started_at, now.command_line, now.host});
  now.started_at = earlier.started_at;
  now.command_line = earlier.command_line;
  now.host = earlier.host;
  return now;
}

Json manifest_to_json(const Manifest& m) {
  Json j;
  j["schema_version"] = m.schema_version;
  j["tool"] = "ttftbench";
  j["tool_version"] = m.tool_version;
  j["libcurl_version"] = m.libcurl_version;
  j["run_id"] = m.run_id;
  j["command_line"] = m.command_line;
  j["scenario_path"] = m.scenario_path;
  j["scenario_sha256"] = m.scenario_sha256;
  j["scenario_name"] = m.scenario_name;
  j["scenario"] = m.scenario;
  j["host"] = m.host;
  j["region"] = text_or_null(m.region);
  j["shard"] = text_or_null(m.shard);
  j["seed"] = m.seed;
  j["prompt_cache"] = text_or_null(m.prompt_cache);
  j["tls_insecure"] = m.tls_insecure;  // a run without certificate verification says so, and for which targets
  j["tls_insecure_targets"] = m.tls_insecure_targets;
  j["started_at"] = m.started_at;
  j["ended_at"] = m.ended_at ? Json(*m.ended_at) : Json(nullptr);
  j["interrupted"] = m.interrupted;
  j["client_lateness"] = m.client_lateness ? lateness_to_json(*m.client_lateness) : Json(nullptr);
  j["resumes"] = resumes_to_json(m.resumes);
  if (!m.exports.empty()) {  // absent without --export, so other runs' manifests stay as they were
    Json exports = Json::array();
    for (const ExportRecord& e : m.exports) {
      exports.push_back({{"kind", e.kind}, {"url", e.url}, {"pushes", e.pushes}, {"failed", e.failed}});
    }
    j["exports"] = exports;
  }
  return j;
}

Result<Manifest> parse_manifest(const std::string& text, const std::string& path) {
  auto parsed = parse_json(text, path);
  if (!parsed) return tl::unexpected(parsed.error());
  const Json& j = *parsed;
  if (!j.is_object()) return fail(path, "expected a JSON object (a ttftbench manifest)");
  Manifest m;
  if (const auto v = j.find("schema_version"); v != j.end() && v->is_number_integer()) m.schema_version = v->get<int>();
  m.tool_version = text_of(j, "tool_version");
  m.libcurl_version = text_of(j, "libcurl_version");
  m.run_id = text_of(j, "run_id");
  m.command_line = texts_of(j, "command_line");
  m.scenario_path = text_of(j, "scenario_path");
  m.scenario_sha256 = text_of(j, "scenario_sha256");
  m.scenario_name = text_of(j, "scenario_name");
  if (const auto copy = j.find("scenario"); copy != j.end()) m.scenario = *copy;
  m.host = text_of(j, "host");
  m.region = text_of(j, "region");
  m.shard = text_of(j, "shard");
  if (const auto seed = j.find("seed"); seed != j.end() && seed->is_number_unsigned()) m.seed = seed->get<std::uint64_t>();
  m.prompt_cache = text_of(j, "prompt_cache");
  m.tls_insecure = flag_of(j, "tls_insecure");
  m.tls_insecure_targets = texts_of(j, "tls_insecure_targets");
  m.started_at = text_of(j, "started_at");
  if (auto ended = text_of(j, "ended_at"); !ended.empty()) m.ended_at = std::move(ended);
  m.interrupted = flag_of(j, "interrupted");
  if (const auto lateness = j.find("client_lateness"); lateness != j.end() && lateness->is_object()) {
    m.client_lateness = lateness_from_json(*lateness);
  }
  m.resumes = resumes_of(j);
  if (const auto exports = j.find("exports"); exports != j.end() && exports->is_array()) {
    const auto count_of = [](const Json& e, const char* key) {
      const auto v = e.find(key);
      return v != e.end() && v->is_number_integer() ? v->get<std::int64_t>() : std::int64_t{0};
    };
    for (const Json& e : *exports) {
      if (e.is_object()) m.exports.push_back({text_of(e, "kind"), text_of(e, "url"), count_of(e, "pushes"), count_of(e, "failed")});
    }
  }
  auto facts = facts_of(m.scenario, path);
  if (!facts) return tl::unexpected(facts.error());
  m.facts = std::move(*facts);
  return m;
}

Result<void> write_manifest(const std::filesystem::path& dir, const Manifest& manifest) {
  return write_file_atomic((dir / kManifestJson).string(), manifest_to_json(manifest).dump(2) + "\n");
}

Result<std::optional<Manifest>> read_manifest(const std::filesystem::path& dir) {
  const std::filesystem::path path = dir / kManifestJson;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::optional<Manifest>{};
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file) return fail(path.string(), "cannot read this file");
  auto manifest = parse_manifest(text.str(), path.string());
  if (!manifest) return tl::unexpected(manifest.error());
  return std::optional<Manifest>(std::move(*manifest));
}

std::vector<std::pair<std::string, std::string>> manifest_display_rows(const Manifest& m) {
  std::vector<std::pair<std::string, std::string>> rows{
      {"scenario", m.scenario_name},
      {"scenario file", m.scenario_path},
      {"scenario SHA-256", m.scenario_sha256},
      {"command line", fmt::format("{}", fmt::join(m.command_line, " "))},
      {"ttftbench version", m.tool_version},
      {"libcurl version", m.libcurl_version},
      {"host", m.host}};
  if (!m.region.empty()) rows.emplace_back("region", m.region);
  if (!m.shard.empty()) rows.emplace_back("shard", m.shard);
  rows.emplace_back("seed", std::to_string(m.seed));
  if (!m.prompt_cache.empty()) rows.emplace_back("prompt cache", m.prompt_cache);
  rows.emplace_back("started (UTC)", m.started_at);
  if (m.ended_at) rows.emplace_back("ended (UTC)", *m.ended_at);
  rows.emplace_back("interrupted", m.interrupted ? "yes" : "no");
  if (!m.resumes.empty()) rows.emplace_back("resumed", std::to_string(m.resumes.size()) + " time(s)");
  return rows;
}

}  // namespace ttft::results
