// Replaces secret values (API keys substituted from the environment) with "***" in any text we
// are about to write: error details, traces, the manifest's command line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ttft {

class Redactor {
 public:
  explicit Redactor(std::vector<std::string> secrets);
  /// `text` with every occurrence of every secret replaced by "***" (longest secrets first).
  std::string apply(std::string_view text) const;
  std::vector<std::string> apply_all(const std::vector<std::string>& texts) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace ttft
