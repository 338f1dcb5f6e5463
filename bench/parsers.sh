#!/usr/bin/env bash
# Parser throughput: runs bench_parsers (Google Benchmark) and prints Markdown table
# rows, events/s and MB/s (10^6 bytes) per core for the SSE parser and each protocol's decoder.
# Each benchmark runs 3 times for ~0.2 s and the median is printed: under a minute in all.
# Usage: bench/parsers.sh [BUILD_DIR]   (configured with -DTTFT_BENCH=ON; default: build)
#        PARSERS_FILTER=REGEX bench/parsers.sh   runs only the benchmarks whose name matches
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build}"
bin="$build_dir/bench/bench_parsers"
if [[ ! -x "$bin" ]]; then
  echo "bench/parsers.sh: error: $bin not found" >&2
  echo "  hint: cmake -S . -B $build_dir -DTTFT_BENCH=ON && ninja -C $build_dir bench_parsers" >&2
  exit 2
fi
json=$(mktemp)
trap 'rm -f "$json"' EXIT
load_before=$(cut -d' ' -f1 /proc/loadavg)
# timeout bounds the run even if the machine is far slower than expected.
timeout 300 "$bin" --benchmark_filter="${PARSERS_FILTER:-.}" --benchmark_min_time=0.2 \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json > /dev/null
load_after=$(cut -d' ' -f1 /proc/loadavg)
python3 - "$json" "$load_before" "$load_after" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for run in report["benchmarks"]:
    if run.get("aggregate_name") != "median" or run.get("error_occurred"):
        continue
    name = run["run_name"]
    print(f"| parser: {name} | events/s per core | {run['items_per_second']:,.0f} |")
    print(f"| parser: {name} | MB/s per core | {run['bytes_per_second'] / 1e6:,.1f} |")
failed = {}
for run in report["benchmarks"]:
    if run.get("error_occurred"):
        failed.setdefault(run["run_name"], run.get("error_message", "?"))
for name, message in failed.items():
    print(f"| parser: {name} | error | {message} |")
ctx = report["context"]
print(f"| parser: machine | cores / load average before, after | {ctx['num_cpus']} / "
      f"{sys.argv[2]}, {sys.argv[3]} |")
PY
