// Reads a prompt's "expected" answer (docs/scenario.md ("Graded prompts")): exactly one of equals,
// contains, regex, one_of, and ignore_case. A regex must compile (ECMAScript) here, at load.
#include <fmt/format.h>

#include "scenario/load.hpp"
#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kExpectedKeys = {"equals", "contains", "regex", "one_of", "ignore_case"};
const std::vector<std::pair<std::string, metrics::ExpectKind>> kKinds = {{"equals", metrics::ExpectKind::equals},
                                                                         {"contains", metrics::ExpectKind::contains},
                                                                         {"regex", metrics::ExpectKind::regex},
                                                                         {"one_of", metrics::ExpectKind::one_of}};

// The one kind `value` names, or nullptr with the error in `reader`.
const std::pair<std::string, metrics::ExpectKind>* only_kind(Reader& reader, const Json& value,
                                                               const std::string& pointer) {
  const std::pair<std::string, metrics::ExpectKind>* found = nullptr;
  for (const auto& kind : kKinds) {
    if (find_member(value, kind.first) == nullptr) continue;
    if (found != nullptr) {
      reader.fail(pointer, fmt::format("\"{}\" and \"{}\" together: an expected answer has one kind", found->first,
                                       kind.first));
      return nullptr;
    }
    found = &kind;
  }
  if (found == nullptr) reader.fail(pointer, "expected one of \"equals\", \"contains\", \"regex\" or \"one_of\"");
  return found;
}

}  // namespace

bool read_expected(Reader& reader, const Json& value, const std::string& pointer, metrics::Expected& out) {
  if (!reader.object(value, pointer, kExpectedKeys)) return false;
  const auto* kind = only_kind(reader, value, pointer);
  if (kind == nullptr) return false;
  out.kind = kind->second;
  const std::string at = pointer_child(pointer, kind->first);
  if (const Json* fold = find_member(value, "ignore_case")) {
    if (!reader.boolean(*fold, pointer_child(pointer, "ignore_case"), out.ignore_case)) return false;
  }
  const Json& given = value[kind->first];
  if (out.kind == metrics::ExpectKind::one_of) {
    if (!reader.array(given, at, true)) return false;
    for (std::size_t i = 0; i < given.size(); ++i) {
      if (!reader.string(given[i], pointer_child(at, i), out.values.emplace_back())) return false;
    }
    return true;
  }
  if (!reader.string(given, at, out.values.emplace_back())) return false;
  if (out.kind != metrics::ExpectKind::regex) return true;
  if (const auto bad = metrics::regex_error(out.values.front(), out.ignore_case)) {
    return reader.fail(at, fmt::format("bad regex \"{}\": {}", out.values.front(), *bad),
                       "the pattern is ECMAScript, as in JavaScript; escape \\ as \\\\ inside JSON strings");
  }
  return true;
}

Result<GradedPrompts> load_graded_prompts(const std::string& path) {
  Reader reader("--grade");
  GradedPrompts out;
  if (!read_prompts_file(reader, "", path, out.prompts, out.expected)) return tl::unexpected(reader.error());
  if (out.expected.empty()) {
    return fail(path, "no prompt has an \"expected\" answer, so nothing can be graded",
                "add \"expected\" to the lines to grade (docs/scenario.md, \"Graded prompts\")");
  }
  return out;
}

}  // namespace ttft::scenario
