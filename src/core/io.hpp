// The outside world as the CLI sees it, injected so the whole CLI runs in-process under test:
// output streams, whether they are terminals, and the environment.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

namespace ttft {

struct Io {
  std::ostream& out;  // data: tables, JSON, CSV
  std::ostream& err;  // progress, warnings, errors
  bool out_is_tty = false;
  bool err_is_tty = false;
  std::function<std::optional<std::string>(const std::string&)> getenv;

  /// The real process: std::cout, std::cerr, isatty, ::getenv.
  static Io process();
};

}  // namespace ttft
