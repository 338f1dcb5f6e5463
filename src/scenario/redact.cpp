// Secret redaction: whole header values first, then substrings anywhere, so a token pasted
// into a URL query is hidden too. Short values are not hunted as substrings: replacing "1"
// everywhere would destroy the record without protecting anything.
#include "scenario/redact.hpp"

#include <algorithm>
#include <cctype>

#include "core/redact.hpp"

namespace ttft::scenario {
namespace {

constexpr std::size_t kMinSubstringSecret = 8;
constexpr const char* kMask = "***";

bool sensitive_header(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* word : {"authorization", "cookie", "key", "token", "secret", "password"}) {
    if (name.find(word) != std::string::npos) return true;
  }
  return false;
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
  std::sort(out.secrets.begin(), out.secrets.end());
  out.secrets.erase(std::unique(out.secrets.begin(), out.secrets.end()), out.secrets.end());
  std::vector<std::string> hunted;
  for (const std::string& secret : out.secrets) {
    if (secret.size() >= kMinSubstringSecret) hunted.push_back(secret);
  }
  mask_strings(copy, Redactor(std::move(hunted)));
  out.redacted = std::move(copy);  // keeps file order: `report` reads the targets' order from it
  return out;
}

}  // namespace ttft::scenario
