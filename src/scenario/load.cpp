// Scenario loading: the top-level keys, timeouts and cross-section checks, in the order a
// reader of the file meets them. Section details live in the *_reader.cpp files.
#include "scenario/load.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "core/sha256.hpp"
#include "scenario/env_subst.hpp"
#include "scenario/redact.hpp"
#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kRootKeys = {
    "name",     "description",       "targets", "workload",   "phases",
    "timeouts", "request_id_header", "seed",    "time_scale", "reuse_connections", "slo",
    "headline", "record_outputs"};
const std::vector<std::string> kHeadlines = {"ttft", "first_token", "first_answer"};
const std::vector<std::string> kTimeoutKeys = {"connect", "first_event", "total"};

bool read_timeouts(Reader& reader, const Json& value, Timeouts& out) {
  if (!reader.object(value, "/timeouts", kTimeoutKeys)) return false;
  if (const Json* v = find_member(value, "connect"))
    reader.duration(*v, "/timeouts/connect", out.connect_ns);
  if (const Json* v = find_member(value, "first_event")) {
    reader.duration(*v, "/timeouts/first_event", out.first_event_ns);
  }
  if (const Json* v = find_member(value, "total"))
    reader.duration(*v, "/timeouts/total", out.total_ns);
  return reader.ok();
}

bool read_request_id_header(Reader& reader, const Json& value, std::string& out) {
  if (value.is_boolean() && !value.get<bool>()) {
    out.clear();  // false: send no request id header
    return true;
  }
  const bool valid = value.is_string() && !value.get<std::string>().empty() &&
                     value.get<std::string>().find_first_of(" \t\r\n:") == std::string::npos;
  if (!valid) {
    return reader.fail("/request_id_header", fmt::format("expected a header name or false, got {}",
                                                         describe_value(value)));
  }
  out = value.get<std::string>();
  return true;
}

bool read_seed(Reader& reader, const Json& value, std::optional<std::uint64_t>& out) {
  if (value.is_number_unsigned()) {
    out = value.get<std::uint64_t>();
    return true;
  }
  const std::string got = value.is_number_integer() ? value.dump() : describe_value(value);
  return reader.fail("/seed", fmt::format("expected an integer >= 0, got {}", got));
}

// time_scale compresses the schedule; against a real provider that would just be a different
// (and mislabelled) benchmark, so it is only allowed when every target is simulated.
bool check_time_scale(Reader& reader, const Json& value, const Scenario& scenario) {
  if (scenario.time_scale == 1.0) return true;
  for (const Target& target : scenario.targets) {
    if (target.is_simulated()) continue;
    return reader.fail("/time_scale",
                       fmt::format("expected 1 because target \"{}\" is not simulated, got {}",
                                   target.name, value.dump()),
                       "time_scale compresses time for sim:// targets only; remove it or point "
                       "every target at sim://PROFILE");
  }
  return true;
}

bool read_root(Reader& reader, const Json& root, const std::filesystem::path& base_dir,
               Scenario& out) {
  if (const Json* v = reader.required(root, "", "name")) {
    if (reader.string(*v, "/name", out.name) && !valid_name(out.name)) {
      return reader.fail("/name", fmt::format("expected a name of letters, digits, '-' and '_' "
                                              "(it names the results folder), got {}",
                                              describe_value(*v)));
    }
  }
  std::string description;
  if (const Json* v = find_member(root, "description"))
    reader.string(*v, "/description", description);
  bool reuse_default = false;
  if (const Json* v = find_member(root, "reuse_connections")) {
    reader.boolean(*v, "/reuse_connections", reuse_default);
  }
  if (const Json* v = reader.required(root, "", "targets")) {
    read_targets(reader, *v, reuse_default, base_dir, out.targets);
  }
  if (const Json* v = reader.required(root, "", "workload"))
    read_workload(reader, *v, base_dir, out);
  if (const Json* v = reader.required(root, "", "phases")) read_phases(reader, *v, base_dir, out.phases);
  if (reader.ok()) check_workload_phases(reader, out);
  if (const Json* v = find_member(root, "timeouts")) read_timeouts(reader, *v, out.timeouts);
  if (const Json* v = find_member(root, "slo")) read_slo(reader, *v, "/slo", out.slo.emplace());
  if (const Json* v = find_member(root, "headline")) reader.one_of(*v, "/headline", kHeadlines, out.headline);
  if (const Json* v = find_member(root, "request_id_header"); v != nullptr && reader.ok()) {
    read_request_id_header(reader, *v, out.request_id_header);
  }
  if (const Json* v = find_member(root, "seed"); v != nullptr && reader.ok())
    read_seed(reader, *v, out.seed);
  if (const Json* v = find_member(root, "record_outputs")) reader.boolean(*v, "/record_outputs", out.record_outputs);
  if (const Json* v = find_member(root, "time_scale")) {
    if (reader.number(*v, "/time_scale", true, out.time_scale)) check_time_scale(reader, *v, out);
  }
  // The simulators' idle thresholds are compressed with the schedule.
  for (Target& target : out.targets) {
    if (target.sim_profile) target.sim_profile->time_scale *= out.time_scale;
  }
  return reader.ok();
}

}  // namespace

Result<std::string> read_file_bytes(const std::string& path) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) return fail(path, std::strerror(errno));
  std::string bytes;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) bytes.append(buffer, got);
  if (std::ferror(file.get()) != 0) return fail(path, std::strerror(errno));
  return bytes;
}

Result<Scenario> load_scenario(const std::string& path, const Getenv& getenv) {
  const Result<std::string> bytes = read_file_bytes(path);
  if (!bytes) return fail(path, "cannot read scenario: " + bytes.error().message);
  return parse_scenario(*bytes, path, getenv);
}

Result<Scenario> parse_scenario(std::string_view text, const std::string& path,
                                const Getenv& getenv) {
  Result<Json> root = parse_json_with_comments(text, path);
  if (!root) return tl::unexpected(root.error());
  Reader reader(path);
  if (!reader.object(*root, "", kRootKeys)) return tl::unexpected(reader.error());
  const SubstitutionReport substitution = substitute_env(*root, getenv, reader);
  Scenario scenario;
  scenario.path = path;
  scenario.sha256 = sha256_hex(text);  // the bytes as written, before ${VAR} substitution
  if (!reader.ok() ||
      !read_root(reader, *root, std::filesystem::path(path).parent_path(), scenario)) {
    return tl::unexpected(reader.error());
  }
  Redaction redaction = redact(*root, substitution);
  scenario.secrets = std::move(redaction.secrets);
  scenario.redacted = std::move(redaction.redacted);
  return scenario;
}

}  // namespace ttft::scenario
