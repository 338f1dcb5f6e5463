#!/usr/bin/env bash
# A broken dataset stops `validate` and `run` before anything is sent: exit code 2, the message
# located at the dataset's file:line, and no results folder. A good dataset validates.
# Usage: dataset_errors.sh SOURCE_DIR TTFTBENCH_BINARY
set -euo pipefail
source_dir=$1
ttftbench=$2
fixtures="$source_dir/tests/fixtures/datasets"
fail() { echo "dataset_errors: FAIL: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$fixtures/broken/turn_value.sharegpt.jsonl" "$fixtures/no_human.sharegpt.jsonl" "$fixtures/sharegpt.json" "$work/"

# scenario NAME DATASET FORMAT: a scenario on two simulated targets reading DATASET.
scenario() {
  cat >"$work/$1.json" <<JSON
{
  "name": "$1",
  "targets": {
    "a": { "protocol": "openai-chat", "url": "sim://fast" },
    "b": { "protocol": "workers-ai", "url": "sim://fast" }
  },
  "workload": { "dataset": { "path": "$2", "format": "$3" }, "max_tokens": 8 },
  "phases": [ { "name": "p", "requests": 2, "concurrency": 1 } ]
}
JSON
}
scenario good sharegpt.json sharegpt
scenario broken turn_value.sharegpt.jsonl sharegpt
scenario skipping no_human.sharegpt.jsonl sharegpt

"$ttftbench" validate "$work/good.json" >"$work/good.out" 2>&1 || fail "a good dataset did not validate: $(cat "$work/good.out")"

# Entries without a human turn (the published ShareGPT files have them) are left out, and said so.
"$ttftbench" validate "$work/skipping.json" >"$work/skip.out" 2>&1 || fail "a dataset with an entry without a human turn did not validate: $(cat "$work/skip.out")"
note="note: left out 1 dataset entry without a human turn (the first at $work/no_human.sharegpt.jsonl:2)"
grep -qxF "$note" "$work/skip.out" || fail "validate: expected the line '$note', got: $(cat "$work/skip.out")"

expected="ttftbench: error: $work/turn_value.sharegpt.jsonl:1: /conversations/1/value: expected a string, got number 5"
for command in validate run; do
  cd "$work"
  status=0
  if [[ $command == run ]]; then
    "$ttftbench" run "$work/broken.json" --out "$work/results-run" >"$work/out.txt" 2>"$work/err.txt" || status=$?
  else
    "$ttftbench" validate "$work/broken.json" >"$work/out.txt" 2>"$work/err.txt" || status=$?
  fi
  [[ $status -eq 2 ]] || fail "$command exited $status, expected 2; stderr: $(cat "$work/err.txt")"
  grep -qxF "$expected" "$work/err.txt" || fail "$command: expected the line '$expected', got: $(cat "$work/err.txt")"
  [[ ! -e "$work/results-run" && ! -e "$work/results" ]] || fail "$command wrote a results folder"
done
echo "dataset_errors: ok"
