#!/usr/bin/env bash
# catch_discover_tests splits a test case name at ';' into ctest entries that match no test case,
# and Catch2 exits 0 when a filter matches nothing: such a test would never run yet "pass". This
# fails naming every TEST_CASE whose name holds a ';'. Usage: check_test_names.sh TESTS_DIR
set -euo pipefail
dir=${1:?usage: check_test_names.sh TESTS_DIR}
if found=$(grep -rn --include='*.cpp' -E 'TEST_CASE\("[^"]*;' "$dir"); then
  echo "test case names with ';' (ctest would run nothing for them):" >&2
  echo "$found" >&2
  exit 1
fi
echo "test names: no ';' in any TEST_CASE name"
