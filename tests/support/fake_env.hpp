// An environment for tests: only the variables given, never the process's own.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace ttft::test {

/// A getenv over `values`: a name not among them is unset.
inline std::function<std::optional<std::string>(const std::string&)> fake_env(
    std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

}  // namespace ttft::test
