#!/usr/bin/env bash
# The cost of making one request on the run's loop (bench_workload, Google Benchmark): the workload
# pick (drawn lengths, a synthetic prompt cut from fixed text, or a dataset prompt) and the pick plus
# its openai-chat body. Prints Markdown table rows, the median of 3 runs of ~0.2 s each.
# Usage: bench/workload.sh [BUILD_DIR]   (configured with -DTTFT_BENCH=ON; default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build}"
bin="$build_dir/bench/bench_workload"
if [[ ! -x "$bin" ]]; then
  echo "bench/workload.sh: error: $bin not found" >&2
  echo "  hint: cmake -S . -B $build_dir -DTTFT_BENCH=ON && ninja -C $build_dir bench_workload" >&2
  exit 2
fi
json=$(mktemp)
trap 'rm -f "$json"' EXIT
timeout 120 "$bin" --benchmark_min_time=0.2 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json > /dev/null
python3 - "$json" <<'PY'
import json, sys
names = {
    "BM_PickSynthetic1k": ("workload pick", "synthetic prompt, lognormal median 1,000 tokens"),
    "BM_PickSynthetic8k": ("workload pick", "synthetic prompt, lognormal median 8,000 tokens"),
    "BM_PickDataset": ("workload pick", "dataset prompt of 2 KB"),
    "BM_RequestSynthetic1k": ("pick + body", "synthetic prompt, median 1,000 tokens"),
    "BM_RequestSynthetic8k": ("pick + body", "synthetic prompt, median 8,000 tokens"),
    "BM_RequestDataset": ("pick + body", "dataset prompt of 2 KB"),
}
for run in json.load(open(sys.argv[1]))["benchmarks"]:
    if run.get("aggregate_name") != "median" or run["run_name"] not in names:
        continue
    what, figure = names[run["run_name"]]
    print("| %s | %s | %.1f µs per request |" % (what, figure, run["real_time"] / 1000.0))
PY
