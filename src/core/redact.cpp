#include "core/redact.hpp"

#include <algorithm>

namespace ttft {

Redactor::Redactor(std::vector<std::string> secrets) : secrets_(std::move(secrets)) {
  std::erase_if(secrets_, [](const std::string& s) { return s.empty(); });
  // Longest first, so a secret that contains another is hidden whole.
  std::sort(secrets_.begin(), secrets_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string Redactor::apply(std::string_view text) const {
  std::string out(text);
  for (const auto& secret : secrets_) {
    for (auto at = out.find(secret); at != std::string::npos; at = out.find(secret, at + 3)) {
      out.replace(at, secret.size(), "***");
    }
  }
  return out;
}

std::vector<std::string> Redactor::apply_all(const std::vector<std::string>& texts) const {
  std::vector<std::string> out;
  out.reserve(texts.size());
  for (const auto& text : texts) out.push_back(apply(text));
  return out;
}

}  // namespace ttft
