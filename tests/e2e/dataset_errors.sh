#!/usr/bin/env bash
# Five broken datasets each stop `validate` and `run` before anything is sent: exit code 2, the
# message located at the dataset's file:line, no results folder, and no request at the targets'
# server (`ttftbench serve --log`). A good dataset validates and runs; entries without a human turn
# are left out with a note.
# Usage: dataset_errors.sh SOURCE_DIR TTFTBENCH_BINARY
set -euo pipefail
source_dir=$1
ttftbench=$2
fixtures="$source_dir/tests/fixtures/datasets"
fail() { echo "dataset_errors: FAIL: $*" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cp "$fixtures"/broken/* "$fixtures/no_human.sharegpt.jsonl" "$fixtures/sharegpt.json" "$work/"

# A real server that logs every request it receives: "nothing sent" is checked there.
"$ttftbench" serve --port 0 --profile fast --log "$work/server.log" --quiet >"$work/serve.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
base=$(sed -n 's/^listening on //p' "$work/serve.out")
[[ -n "$base" ]] || fail "ttftbench serve did not start: $(cat "$work/serve.out")"

# scenario NAME DATASET FORMAT: a scenario on two targets of that server reading DATASET.
scenario() {
  cat >"$work/$1.json" <<JSON
{
  "name": "$1",
  "targets": {
    "a": { "protocol": "openai-chat", "url": "$base/v1/chat/completions" },
    "b": { "protocol": "workers-ai", "url": "$base/ai/run/@cf/meta/m" }
  },
  "workload": { "dataset": { "path": "$2", "format": "$3" }, "max_tokens": 8 },
  "phases": [ { "name": "p", "requests": 2, "concurrency": 1 } ]
}
JSON
}
scenario good sharegpt.json sharegpt
scenario skipping no_human.sharegpt.jsonl sharegpt

"$ttftbench" validate "$work/good.json" >"$work/good.out" 2>&1 || fail "a good dataset did not validate: $(cat "$work/good.out")"

# Entries without a human turn (the published ShareGPT files have them) are left out, and said so.
"$ttftbench" validate "$work/skipping.json" >"$work/skip.out" 2>&1 || fail "a dataset with an entry without a human turn did not validate: $(cat "$work/skip.out")"
note="note: left out 1 dataset entry without a human turn (the first at $work/no_human.sharegpt.jsonl:2)"
grep -qxF "$note" "$work/skip.out" || fail "validate: expected the line '$note', got: $(cat "$work/skip.out")"

# Five broken datasets, each: exit 2 from validate and run, the error located at file:line, no
# results folder, and not one request at the server.
while IFS='|' read -r file format expected; do
  scenario broken "$file" "$format"
  for command in validate run; do
    cd "$work"
    rm -rf "$work/results-run" "$work/results"
    status=0
    if [[ $command == run ]]; then
      "$ttftbench" run "$work/broken.json" --out "$work/results-run" >"$work/out.txt" 2>"$work/err.txt" || status=$?
    else
      "$ttftbench" validate "$work/broken.json" >"$work/out.txt" 2>"$work/err.txt" || status=$?
    fi
    [[ $status -eq 2 ]] || fail "$file: $command exited $status, expected 2; stderr: $(cat "$work/err.txt")"
    line="ttftbench: error: $work/$expected"
    grep -qxF "$line" "$work/err.txt" || fail "$file: $command: expected the line '$line', got: $(cat "$work/err.txt")"
    [[ ! -e "$work/results-run" && ! -e "$work/results" ]] || fail "$file: $command wrote a results folder"
  done
done <<'CASES'
turn_value.sharegpt.jsonl|sharegpt|turn_value.sharegpt.jsonl:1: /conversations/1/value: expected a string, got number 5
not_an_entry.sharegpt.jsonl|sharegpt|not_an_entry.sharegpt.jsonl:3: expected a "conversations" array, got an array
missing_comma.sharegpt.json|sharegpt|missing_comma.sharegpt.json:3:3: syntax error: expected ',' or ']' after an entry
bad_role.openai.jsonl|openai|bad_role.openai.jsonl:2: /messages/0/role: expected "system", "user" or "assistant", got "bot"
syntax.openai.jsonl|openai|syntax.openai.jsonl:2:51: syntax error: trailing comma before ']'
CASES
[[ ! -s "$work/server.log" ]] || fail "the server received requests: $(head -c 500 "$work/server.log")"

# The server does log what it receives: a good dataset's run reaches it.
cd "$work"
"$ttftbench" run "$work/good.json" --out "$work/results-good" -q >/dev/null 2>"$work/err.txt" || fail "a good dataset's run failed: $(cat "$work/err.txt")"
[[ $(wc -l <"$work/server.log") -eq 4 ]] || fail "expected 4 requests at the server, got $(wc -l <"$work/server.log")"
echo "dataset_errors: ok"
