#include "cli/results_folder.hpp"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "core/duration.hpp"
#include "samples/csv_reader.hpp"
#include "scenario/json_syntax.hpp"
#include "scenario/pricing.hpp"

namespace ttft::cli {
namespace {

namespace fs = std::filesystem;
using scenario::Json;

std::optional<double> optional_number(const Json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_number()) return std::nullopt;
  return found->get<double>();
}

report::LatenessSummary lateness_of(const Json& j) {
  return {optional_number(j, "send_lag_p50_ms"), optional_number(j, "send_lag_p99_ms"),
          optional_number(j, "send_lag_max_ms"), optional_number(j, "wake_p50_ms"),
          optional_number(j, "wake_p99_ms"),     optional_number(j, "wake_max_ms"),
          optional_number(j, "busy_p99_ms"),     optional_number(j, "busy_max_ms")};
}

std::string text_or_empty(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
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

/// Targets (file order), phases and prices from the manifest's copy of the scenario.
Result<void> read_scenario_copy(const Json& scenario, const std::string& path, report::RunFacts& facts) {
  if (const auto targets = scenario.find("targets"); targets != scenario.end() && targets->is_object()) {
    for (const auto& [name, target] : targets->items()) {
      facts.targets.push_back(name);
      const auto pricing = target.find("pricing");
      if (pricing == target.end()) continue;
      auto parsed = scenario::parse_pricing(*pricing, path, fmt::format("/scenario/targets/{}/pricing", name));
      if (!parsed) return tl::unexpected(parsed.error());
      if (!parsed->empty()) facts.pricing[name] = *parsed;
    }
  }
  if (const auto phases = scenario.find("phases"); phases != scenario.end() && phases->is_array()) {
    for (const auto& phase : *phases) {
      if (phase.is_object()) facts.phases.push_back(text_or_empty(phase, "name"));
      if (phase.is_object()) read_idle_gaps(phase, facts.idle_gaps_ns);
    }
  }
  if (const auto scale = optional_number(scenario, "time_scale"); scale && *scale > 0) facts.time_scale = *scale;
  return {};
}

}  // namespace

Result<report::RunFacts> parse_manifest(const std::string& text, const std::string& path) {
  auto parsed = scenario::parse_json_with_comments(text, path);
  if (!parsed) return tl::unexpected(parsed.error());
  const Json& m = *parsed;
  if (!m.is_object()) return fail(path, "expected a JSON object (a ttftbench manifest)");
  report::RunFacts facts;
  facts.run_id = text_or_empty(m, "run_id");
  facts.scenario_name = text_or_empty(m, "scenario_name");
  facts.scenario_sha256 = text_or_empty(m, "scenario_sha256");
  facts.tool_version = text_or_empty(m, "tool_version");
  if (const auto seed = m.find("seed"); seed != m.end() && seed->is_number_unsigned()) {
    facts.seed = seed->get<std::uint64_t>();
  }
  const auto interrupted = m.find("interrupted");
  const bool stopped = interrupted != m.end() && interrupted->is_boolean() && interrupted->get<bool>();
  facts.interrupted = stopped || text_or_empty(m, "ended_at").empty();
  if (const auto lateness = m.find("client_lateness"); lateness != m.end() && lateness->is_object()) {
    facts.client_lateness = lateness_of(*lateness);
  }
  if (const auto copy = m.find("scenario"); copy != m.end() && copy->is_object()) {
    if (auto read = read_scenario_copy(*copy, path, facts); !read) return tl::unexpected(read.error());
  }
  return facts;
}

Result<ResultsFolder> read_results_folder(const std::string& dir, const samples::RowSink* on_row) {
  const fs::path folder(dir);
  const fs::path samples_path = folder / "samples.csv";
  std::error_code ec;
  if (!fs::is_regular_file(samples_path, ec)) {
    const char* what = fs::is_directory(folder, ec) ? "no samples.csv in this folder" : "no such folder";
    return fail(dir, what, "pass a results folder written by 'ttftbench run' (it holds samples.csv)");
  }
  ResultsFolder out;
  out.dir = dir;
  const samples::RowSink streamed = [&](samples::Sample& row) {
    if (out.first_run_id.empty()) out.first_run_id = row.run_id;
    (*on_row)(row);
  };
  auto rows = on_row ? samples::read_samples_csv(samples_path.string(), streamed)
                     : samples::read_samples_csv(samples_path.string());
  if (!rows) return tl::unexpected(rows.error());
  out.samples = std::move(rows->samples);
  if (!out.samples.empty()) out.first_run_id = out.samples.front().run_id;
  out.skipped_partial_lines = rows->skipped_partial_lines;
  const fs::path manifest_path = folder / "manifest.json";
  if (fs::exists(manifest_path, ec)) {
    std::ifstream file(manifest_path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (!file) return fail(manifest_path.string(), "cannot read this file");
    auto facts = parse_manifest(text.str(), manifest_path.string());
    if (!facts) return tl::unexpected(facts.error());
    out.manifest = std::move(*facts);
  }
  return out;
}

Result<std::vector<ResultsFolder>> read_results_folders(const std::vector<std::string>& dirs, Io& io,
                                                        const samples::RowSink* on_row) {
  std::vector<ResultsFolder> folders;
  for (const std::string& dir : dirs) {
    auto folder = read_results_folder(dir, on_row);
    if (!folder) return tl::unexpected(folder.error());
    if (folder->skipped_partial_lines > 0) {
      io.err << fmt::format("warning: {}/samples.csv: ignored a partial last row (the run was cut short)\n", dir);
    }
    if (!folder->manifest) {
      io.err << fmt::format("warning: {}: no manifest.json: the scenario cannot be checked, and prices are "
                            "unknown\n", dir);
    }
    folders.push_back(std::move(*folder));
  }
  return folders;
}

std::string short_sha256(const std::string& sha) {
  constexpr std::size_t kShown = 12;
  return sha.size() > kShown ? sha.substr(0, kShown) + "…" : sha;
}

report::RunFacts facts_of(const ResultsFolder& folder) {
  if (folder.manifest) return *folder.manifest;
  report::RunFacts facts;
  facts.run_id = folder.first_run_id.empty() ? folder.dir : folder.first_run_id;
  return facts;
}

}  // namespace ttft::cli
