#!/usr/bin/env bash
# Benchmark of dataset loading: `ttftbench validate` (which reads the whole dataset) on a
# 100,000-line ShareGPT JSONL and a 100,000-line OpenAI-messages JSONL (bench/gen_datasets.py),
# printed as Markdown table rows (| benchmark | figure | value |). The target is under 1 s each;
# the CPU time is shown too, as the wall time also counts waiting for a busy machine's cores.
# Usage: bench/datasets.sh BIN [LINES]   (needs GNU time and python3)
set -euo pipefail
bin=${1:?usage: bench/datasets.sh BIN [LINES]}
lines=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
[[ -x "$bin" ]] || { echo "datasets.sh: $bin is not an executable" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "datasets.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/gen_datasets.py" "$work" --lines "$lines"
for format in sharegpt openai; do
  cat > "$work/$format.json" <<JSON
{
  "name": "bench-dataset-$format",
  "targets": {
    "a": { "protocol": "openai-chat", "url": "sim://fast" },
    "b": { "protocol": "workers-ai", "url": "sim://fast" }
  },
  "workload": { "dataset": { "path": "$format.jsonl", "format": "$format" }, "max_tokens": 16 },
  "phases": [ { "name": "load", "requests": 10, "concurrency": 2 } ]
}
JSON
  mib=$(awk -v b="$(stat -c %s "$work/$format.jsonl")" 'BEGIN { printf "%.0f", b / 1048576 }')
  # The best of three: the figure is the reader's, not the page cache's or a neighbour's.
  best=""
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$bin" validate "$work/$format.json" >"$work/out.txt" 2>"$work/err.txt" ||
      { echo "datasets.sh: validate failed on $format:" >&2; cat "$work/err.txt" >&2; exit 1; }
    read -r wall_s user_s sys_s peak_kib <"$work/time.txt"
    if [[ -z "$best" ]] || awk -v a="$wall_s" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall_s
      best_cpu=$(awk -v u="$user_s" -v s="$sys_s" 'BEGIN { printf "%.2f", u + s }')
    fi
  done
  echo "| validate, $format dataset: $lines lines, $mib MiB | wall time (best of 3) / its CPU time | ${best} s / ${best_cpu} s |"
  echo "| | peak resident memory | $((peak_kib / 1024)) MiB |"
done
