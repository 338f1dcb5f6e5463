#!/usr/bin/env bash
# scripts/check-layering on a small fake src/ tree in a temp folder: it passes on the tree as made,
# and fails, naming file, line and what is missing, once one violation is added at a time.
# Usage: check_layering_test.sh SCRIPT
set -euo pipefail
script=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/src
mkdir -p "$src/core" "$src/report/html" "$src/cli" "$src/notes"

cat >"$src/core/CMakeLists.txt" <<'EOF'
ttft_module(core SOURCES error.cpp DEPS fmt::fmt tl::expected)
EOF
cat >"$src/report/CMakeLists.txt" <<'EOF'
# A comment naming ttft_cli, which must not count as a dependency.
ttft_module(report
  SOURCES model.cpp html/page.cpp  # a comment at the end of a line
  DEPS ttft_core
       nlohmann_json::nlohmann_json)
target_link_libraries(ttft_report PRIVATE fmt::fmt)
EOF
cat >"$src/cli/CMakeLists.txt" <<'EOF'
ttft_module(cli SOURCES main.cpp DEPS ttft_report ttft_core CLI11::CLI11)
EOF
echo '# no module here' >"$src/notes/CMakeLists.txt"
printf '#pragma once\n#include <tl/expected.hpp>\n#include <string>\n' >"$src/core/error.hpp"
printf '#include "core/error.hpp"\n#include <fmt/format.h>\n' >"$src/core/error.cpp"
printf '#include "report/model.hpp"\n#include "core/error.hpp"\n#include <nlohmann/json.hpp>\n' >"$src/report/model.cpp"
printf '#pragma once\n#include <tl/expected.hpp>\n' >"$src/report/model.hpp"
printf '#include "report/model.hpp"\n#include <fmt/format.h>\n' >"$src/report/html/page.cpp"
printf '#include <CLI/CLI.hpp>\n#include "report/model.hpp"\n#include "core/error.hpp"\n' >"$src/cli/main.cpp"

failures=0
expect() {  # expect EXIT_CODE EXACT_OUTPUT
  local out code=0
  out=$("$script" "$src" 2>&1) || code=$?
  if [[ $code != "$1" || "$out" != "$2" ]]; then
    printf 'FAILED: expected exit %s and:\n%s\ngot exit %s and:\n%s\n\n' "$1" "$2" "$code" "$out"
    failures=$((failures + 1))
  fi
}
# add FILE LINE_TEXT: appends a line; the next expect sees it; undo restores the tree.
add() { cp "$1" "$1.orig"; echo "$2" >>"$1"; added=$1; }
undo() { mv "$added.orig" "$added"; }

expect 0 "layering: 3 modules, 13 includes, ok"

add "$src/report/html/page.cpp" '#include "cli/main.hpp"'
expect 1 'src/report/html/page.cpp:3: includes "cli/main.hpp" but ttft_report does not declare ttft_cli'
undo
add "$src/core/error.cpp" '#  include "report/model.hpp"'
expect 1 'src/core/error.cpp:3: includes "report/model.hpp" but ttft_core does not declare ttft_report'
undo
add "$src/cli/main.cpp" '#include "notes/todo.hpp"'
expect 1 'src/cli/main.cpp:4: includes "notes/todo.hpp" but there is no module notes (no notes/CMakeLists.txt)'
undo
add "$src/core/error.hpp" '#include <nlohmann/json.hpp>'
expect 1 'src/core/error.hpp:4: includes <nlohmann/json.hpp> but ttft_core does not declare nlohmann_json::nlohmann_json'
undo
add "$src/cli/main.cpp" '#include <fmt/format.h>'
expect 1 'src/cli/main.cpp:4: includes <fmt/format.h> but ttft_cli does not declare fmt::fmt'
undo
add "$src/report/model.cpp" '#include <CLI/CLI.hpp>'
expect 1 'src/report/model.cpp:4: includes <CLI/CLI.hpp>, which only ttft_cli may include'
undo
add "$src/report/model.cpp" '#include <curl/curl.h>'
expect 1 'src/report/model.cpp:4: includes <curl/curl.h>, which only ttft_driver, ttft_telemetry may include'
undo
expect 0 "layering: 3 modules, 13 includes, ok"

if ! out=$("$script" "$tmp/nowhere" 2>&1) && [[ "$out" == *"no such folder"* ]]; then :; else
  echo "FAILED: a missing folder must fail, saying so (got: $out)"
  failures=$((failures + 1))
fi
((failures == 0)) && echo "check-layering: every case as expected"
exit $((failures > 0))
