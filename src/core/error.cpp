#include "core/error.hpp"

#include <fmt/format.h>

namespace ttft {

std::string render_error(const Error& error) {
  std::string text = error.where.empty()
                         ? fmt::format("ttftbench: error: {}\n", error.message)
                         : fmt::format("ttftbench: error: {}: {}\n", error.where, error.message);
  if (!error.hint.empty()) text += fmt::format("  hint: {}\n", error.hint);
  return text;
}

}  // namespace ttft
