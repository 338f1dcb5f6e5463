#!/usr/bin/env bash
# scripts/check-doc-citations on a small fake repository in a temp folder: it passes on the tree as
# made, and fails, naming file, line and what is missing, once one bad citation is added at a time.
# Usage: check_doc_citations_test.sh SCRIPT
set -euo pipefail
script=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The citations are spelt through $d so that this file itself cites nothing the real check reads.
d=docs
mkdir -p "$tmp/$d" "$tmp/src/core" "$tmp/tests/unit" "$tmp/fuzz" "$tmp/bench" "$tmp/scripts" \
  "$tmp/tests/node/node_modules/pkg" "$tmp/src/.hidden"

printf '# Metrics\n\n## The clock and t0\n\ntext\n\n### Not a section\n\n## Cost model\n' >"$tmp/$d/metrics.md"
printf '# Results\n\n## samples.csv\n' >"$tmp/$d/results.md"
cat >"$tmp/src/core/clock.hpp" <<EOF
// The clock ($d/metrics.md ("The clock and t0")); money in $d/metrics.md ("Cost model").
// A comment that wraps after the page: $d/metrics.md
// ("Cost model"), and the older comma form ($d/results.md, "samples.csv").
#pragma once
EOF
cat >"$tmp/src/core/error.cpp" <<EOF
const char* kHint = "the columns of $d/results.md (\\"samples.csv\\")";  // the whole page: $d/metrics.md
// Another project's page is not checked: https://github.com/ollama/ollama/blob/main/$d/api.md.
EOF
printf '# see %s/results.md\n' "$d" >"$tmp/bench/run.sh"
printf 'cites %s/nowhere.md\n' "$d" >"$tmp/tests/node/node_modules/pkg/README"
printf 'cites %s/nowhere.md\n' "$d" >"$tmp/src/.hidden/notes.md"
printf '\xff\xfe binary %s/nowhere.md\n' "$d" >"$tmp/tests/unit/blob.bin"

failures=0
expect() {  # expect EXIT_CODE EXACT_OUTPUT
  local out code=0
  out=$("$script" "$tmp" 2>&1) || code=$?
  if [[ $code != "$1" || "$out" != "$2" ]]; then
    printf 'FAILED: expected exit %s and:\n%s\ngot exit %s and:\n%s\n\n' "$1" "$2" "$code" "$out"
    failures=$((failures + 1))
  fi
}
# add FILE LINE_TEXT: appends a line (creating the file); the next expect sees it; undo restores.
add() {
  if [[ -e $1 ]]; then cp "$1" "$1.orig"; else : >"$1.orig.none"; fi
  echo "$2" >>"$1"
  added=$1
}
undo() {
  if [[ -e $added.orig ]]; then mv "$added.orig" "$added"; else rm -f "$added" "$added.orig.none"; fi
}

ok='doc citations: 7 citations (5 with a heading) in 3 files, ok'
expect 0 "$ok"

add "$tmp/src/core/clock.hpp" "// see $d/metric.md (\"The clock and t0\")"
expect 1 "src/core/clock.hpp:5: $d/metric.md (\"The clock and t0\") names a page that is not in docs/"
undo
add "$tmp/tests/unit/test_x.cpp" "// $d/metrics.md (\"The clock\")"
expect 1 "tests/unit/test_x.cpp:1: $d/metrics.md (\"The clock\") names no \"## The clock\" in $d/metrics.md"
undo
add "$tmp/fuzz/x.dict" "# level three is no section: $d/metrics.md (\"Not a section\")"
expect 1 "fuzz/x.dict:1: $d/metrics.md (\"Not a section\") names no \"## Not a section\" in $d/metrics.md"
undo
add "$tmp/scripts/tool" "# wrapped, and wrong: $d/results.md"
echo '#   ("Columns")' >>"$tmp/scripts/tool"
expect 1 "scripts/tool:1: $d/results.md (\"Columns\") names no \"## Columns\" in $d/results.md"
undo
add "$tmp/src/core/error.cpp" "const char* kOther = \"see $d/results.md (\\\"Crash safety\\\")\";"
expect 1 "src/core/error.cpp:3: $d/results.md (\"Crash safety\") names no \"## Crash safety\" in $d/results.md"
undo
add "$tmp/bench/run.sh" "# the comma form is checked too: $d/metrics.md, \"Costs\""
expect 1 "bench/run.sh:2: $d/metrics.md (\"Costs\") names no \"## Costs\" in $d/metrics.md"
undo
add "$tmp/src/core/clock.hpp" "// two on a line: $d/results.md (\"samples.csv\") and $d/exit-codes.md"
expect 1 "src/core/clock.hpp:5: $d/exit-codes.md names a page that is not in docs/"
undo
expect 0 "$ok"

if ! out=$("$script" "$tmp/nowhere" 2>&1) && [[ "$out" == *"no such folder"* ]]; then :; else
  echo "FAILED: a tree without docs/ must fail, saying so (got: $out)"
  failures=$((failures + 1))
fi
((failures == 0)) && echo "check-doc-citations: every case as expected"
exit $((failures > 0))
