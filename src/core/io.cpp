#include "core/io.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace ttft {

Io Io::process() {
  return Io{std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1, ::isatty(STDERR_FILENO) == 1,
            [](const std::string& name) -> std::optional<std::string> {
              const char* value = std::getenv(name.c_str());
              if (value == nullptr) return std::nullopt;
              return std::string(value);
            }};
}

}  // namespace ttft
