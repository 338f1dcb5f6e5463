// libFuzzer target: the scenario loader (comments, JSON, ${VAR} substitution, validation,
// redaction) through scenario::parse_scenario with a fake environment. Input: the scenario text,
// optionally followed by a NUL byte and the contents of a prompts file named "fuzz.jsonl".
//
// The scenario "lives" in a private temp dir holding only the prompts files of the fixtures and
// fuzz.jsonl, and an input is skipped unless its prompts_file is a plain file name, so the loader
// never reads anything else (an absolute path could name /dev/zero or a FIFO).
//
// Checked: a failure says what is wrong; a Scenario that exists is one `run` can execute (at
// least two uniquely named targets with known protocols, a prompt, phases with one pacing each),
// and its redacted copy holds no secret and dumps as JSON (manifest.json).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "protocol/adapter.hpp"
#include "scenario/env_subst.hpp"
#include "scenario/json_reader.hpp"
#include "scenario/json_syntax.hpp"
#include "scenario/load.hpp"
#include "fuzz_support.hpp"

namespace {

namespace fs = std::filesystem;
using ttft::scenario::Json;

// ${UNSET...} is unset, ${EMPTY...} empty, ${BINARY...} not UTF-8 (an environment holds bytes),
// any other variable's value is its name, so the fuzzer can spell values (and secrets) through
// the environment too.
std::optional<std::string> fake_getenv(const std::string& name) {
  if (name.rfind("UNSET", 0) == 0) return std::nullopt;
  if (name.rfind("EMPTY", 0) == 0) return std::string();
  if (name.rfind("BINARY", 0) == 0) return "caf\xE9-" + name;
  return name;
}

struct Sandbox {
  fs::path dir;
  fs::path scenario;  // dir/scenario.json: never written, it only anchors relative paths
  fs::path prompts;   // dir/fuzz.jsonl: rewritten for each input
};

const Sandbox& sandbox() {
  static const Sandbox box = [] {
    std::string pattern = (fs::temp_directory_path() / "ttft-fuzz-scenario-XXXXXX").string();
    FUZZ_REQUIRE(mkdtemp(pattern.data()) != nullptr);
    Sandbox made{pattern, fs::path(pattern) / "scenario.json", fs::path(pattern) / "fuzz.jsonl"};
    for (const char* name : {"valid/prompts.jsonl", "invalid/invalid_jsonl.prompts.jsonl",
                             "invalid/invalid_jsonl_shape.prompts.jsonl"}) {
      const fs::path from = fs::path(TTFT_SCENARIO_FIXTURES_DIR) / name;
      fs::copy_file(from, made.dir / from.filename());
    }
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(sandbox().dir, ignored);
    });
    return made;
  }();
  return box;
}

bool plain_file_name(const Json* file) {
  if (file == nullptr || !file->is_string()) return true;  // the loader rejects it before reading
  const std::string& name = file->get_ref<const std::string&>();
  if (name.empty() || name == "." || name == "..") return false;
  return name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
         std::string::npos;
}

// True when the loader would read a file outside the sandbox: the substituted
// workload.prompts_file, workload.dataset.path or a phase's trace is not a plain file name.
bool escapes_sandbox(std::string_view text) {
  auto root = ttft::scenario::parse_json_with_comments(text, "fuzz");
  if (!root) return false;
  ttft::scenario::Reader reader("fuzz");
  (void)ttft::scenario::substitute_env(*root, fake_getenv, reader);
  using ttft::scenario::find_member;
  const Json* workload = find_member(*root, "workload");
  if (workload != nullptr && !plain_file_name(find_member(*workload, "prompts_file"))) return true;
  const Json* dataset = workload != nullptr ? find_member(*workload, "dataset") : nullptr;
  if (dataset != nullptr && !plain_file_name(find_member(*dataset, "path"))) return true;
  if (const Json* phases = find_member(*root, "phases"); phases != nullptr && phases->is_array()) {
    for (const Json& phase : *phases) {
      if (!plain_file_name(find_member(phase, "trace"))) return true;
    }
  }
  return false;
}

void check_scenario(const ttft::scenario::Scenario& s) {
  FUZZ_REQUIRE(s.targets.size() >= 2);
  std::set<std::string> names;
  const auto& protocols = ttft::protocol::protocol_names();
  for (const auto& target : s.targets) {
    FUZZ_REQUIRE(names.insert(target.name).second);
    FUZZ_REQUIRE(std::find(protocols.begin(), protocols.end(), target.protocol) != protocols.end());
  }
  FUZZ_REQUIRE(s.max_tokens >= 1);
  FUZZ_REQUIRE(!s.phases.empty());
  for (const auto& phase : s.phases) {
    // Every request has a prompt: the workload's, or the phase's own lengths or trace.
    FUZZ_REQUIRE(!s.prompts.empty() || s.input_tokens || phase.input_tokens || phase.replay());
    const int pacings = int(phase.cold()) + int(phase.interval_ns.has_value()) +
                        int(phase.rate_per_s.has_value()) + int(phase.concurrency.has_value()) +
                        int(phase.replay());
    FUZZ_REQUIRE(pacings == 1);
    FUZZ_REQUIRE(!phase.replay() || (phase.requests && *phase.requests == static_cast<std::int64_t>(phase.trace.size())));
    FUZZ_REQUIRE(!s.conversation || (phase.concurrency && phase.requests && *phase.requests % s.conversation->turns == 0));
  }
  FUZZ_REQUIRE(s.timeouts.connect_ns > 0 && s.timeouts.first_event_ns > 0 && s.timeouts.total_ns > 0);
  FUZZ_REQUIRE(s.time_scale > 0);
}

// Masking a secret writes "***", which can spell a secret that itself contains "***".
void check_redacted(const Json& node, const std::vector<std::string>& secrets) {
  if (node.is_structured()) {
    for (const auto& child : node) check_redacted(child, secrets);
    return;
  }
  if (!node.is_string()) return;
  const std::string& text = node.get_ref<const std::string&>();
  for (const std::string& secret : secrets) {
    FUZZ_REQUIRE(text.find(secret) == std::string::npos || secret.find("***") != std::string::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view prompts;
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    prompts = text.substr(nul + 1);
    text = text.substr(0, nul);
  }
  if (escapes_sandbox(text)) return -1;  // -1: keep it out of the corpus
  const Sandbox& box = sandbox();
  std::ofstream(box.prompts, std::ios::binary | std::ios::trunc).write(prompts.data(),
                                                                        static_cast<std::streamsize>(prompts.size()));

  const auto scenario = ttft::scenario::parse_scenario(text, box.scenario.string(), fake_getenv);
  if (!scenario) {
    FUZZ_REQUIRE(!scenario.error().message.empty());
    FUZZ_REQUIRE(!ttft::render_error(scenario.error()).empty());
    return 0;
  }
  check_scenario(*scenario);
  check_redacted(scenario->redacted, scenario->secrets);
  (void)scenario->redacted.dump();  // manifest.json is this dump: it must not throw
  return 0;
}
