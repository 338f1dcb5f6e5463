// The environment of scenario tests: no variable is set.
#pragma once

#include <optional>
#include <string>

namespace ttft::test {

inline std::optional<std::string> no_env(const std::string&) { return std::nullopt; }

}  // namespace ttft::test
