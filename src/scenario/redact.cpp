// Secret redaction: whole header values first, then substrings anywhere, so a token pasted
// into a URL query is hidden too. Short values are not hunted as substrings: replacing "1"
// everywhere would destroy the record without protecting anything.
#include "scenario/redact.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "core/redact.hpp"

namespace ttft::scenario {
namespace {

constexpr std::size_t kMinSubstringSecret = 8;
constexpr const char* kMask = "***";

/// A header whose value is a credential: its last dash- or underscore-separated word names one
/// ("Authorization", "x-api-key", "x-goog-api-key", "X-Auth-Token"). The last word, so that
/// settings such as "x-sim-tokens" or "x-sim-token-interval-ms" stay readable.
bool sensitive_header(std::string_view name) {
  static const std::vector<std::string> kWords = {"authorization", "cookie", "key", "apikey", "token",
                                                  "secret", "password", "auth"};
  const std::size_t cut = name.find_last_of("-_");
  std::string word(cut == std::string_view::npos ? name : name.substr(cut + 1));
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

void mask_strings(Json& node, const Redactor& redactor) {
  if (node.is_structured()) {
    for (auto& child : node) mask_strings(child, redactor);
  } else if (node.is_string()) {
    node = redactor.apply(node.get<std::string>());
  }
}

}  // namespace

Redaction redact(const Json& substituted, const SubstitutionReport& report) {
  Redaction out;
  out.secrets = report.secrets;
  Json copy = substituted;
  for (const std::string& pointer : report.secret_pointers)
    copy[Json::json_pointer(pointer)] = kMask;
  if (const Json* targets = find_member(copy, "targets");
      targets != nullptr && targets->is_object()) {
    for (auto& [target_name, target] : copy["targets"].items()) {
      if (find_member(target, "headers") == nullptr || !target["headers"].is_object()) continue;
      for (auto& [header, value] : target["headers"].items()) {
        if (!sensitive_header(header) || !value.is_string() || value == kMask) continue;
        if (!value.get<std::string>().empty()) out.secrets.push_back(value.get<std::string>());
        value = kMask;
      }
    }
  }
  // Only secrets long enough to be keys are hunted as substrings, here and in everything the run
  // writes (request ids, traces, error details): a short value would garble the record.
  std::erase_if(out.secrets, [](const std::string& secret) { return secret.size() < kMinSubstringSecret; });
  std::sort(out.secrets.begin(), out.secrets.end());
  out.secrets.erase(std::unique(out.secrets.begin(), out.secrets.end()), out.secrets.end());
  mask_strings(copy, Redactor(out.secrets));
  out.redacted = std::move(copy);  // keeps file order: `report` reads the targets' order from it
  return out;
}

}  // namespace ttft::scenario
