#!/usr/bin/env bash
# Benchmark of `ttftbench report` on a large synthetic results folder: wall time and peak memory
# per output format, printed as Markdown table rows (| benchmark | figure | value |). Each run's
# counts are checked against what the generator wrote, so a figure is always of a correct run.
# Usage: bench/analysis.sh BIN [ROWS]   (ROWS defaults to 1,000,000; needs GNU time and python3)
set -euo pipefail
bin=${1:?usage: bench/analysis.sh BIN [ROWS]}
rows=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
[[ -x "$bin" ]] || { echo "analysis.sh: $bin is not an executable" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "analysis.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run="$work/run"

load=$(cut -d' ' -f1 /proc/loadavg)
gen_start=$(date +%s.%N)
python3 "$here/gen_samples.py" "$run" --rows "$rows"
gen_s=$(awk -v a="$gen_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
csv_mib=$(awk -v b="$(stat -c %s "$run/samples.csv")" 'BEGIN { printf "%.0f", b / 1048576 }')

# check FORMAT OUTPUT: the report's counts against expected.json; exits non-zero on a mismatch.
check() {
  python3 - "$1" "$2" "$run/expected.json" <<'PY'
import csv, io, json, sys
fmt, out_path, expected_path = sys.argv[1:]
expected = json.load(open(expected_path))
text = open(out_path, encoding="utf-8").read()
problems = []
def expect(what, got, want):
    if got != want:
        problems.append(f"{what}: report says {got}, generated {want}")
targets = expected["targets"]
ok = {t: {**v["ok"], "all": sum(v["ok"].values())} for t, v in targets.items()}
errors = {t: sum(v["errors"].values()) for t, v in targets.items()}
if fmt == "json":
    doc = json.loads(text)
    expect("samples", doc["samples"], expected["samples"])
    expect("errors", doc["errors"], expected["errors"])
    for t, v in targets.items():
        expect(f"{t} errors by class", doc["errors_by_class"][t], v["errors"])
    rows = [(r["target"], r["phase"], r["metric"], r["n"]) for r in doc["rows"]]
elif fmt == "csv":
    rows = [(r["target"], r["phase"], r["metric"], int(r["n"])) for r in csv.DictReader(io.StringIO(text))]
else:  # the terminal table: "target  cold p50 ... n  errors", one line per target
    seen = {}
    for line in text.splitlines():
        cells = line.split()
        if cells and cells[0] in targets and len(cells) >= 7 and cells[-1].isdigit():
            seen.setdefault(cells[0], (int(cells[-2]), int(cells[-1])))
    for t in targets:
        expect(f"{t} n, errors", seen.get(t), (ok[t]["all"], errors[t]))
    rows = []
for target, phase, metric, n in rows:
    if metric == "ttft":  # every successful generated row has a ttft
        expect(f"{target} {phase} ttft n", n, ok[target][phase])
if fmt != "table" and not rows:
    problems.append("no summary rows")
if problems:
    sys.exit("analysis.sh: the report's counts are wrong:\n  " + "\n  ".join(problems))
PY
}

rows_text=$(echo "$rows" | sed -e :a -e 's/\B[0-9]\{3\}\>/,&/;ta')
echo "| report: ${rows_text} synthetic rows (${csv_mib} MiB samples.csv, 2 targets, cold + warm, ~1% errors) | generating them (bench/gen_samples.py) | ${gen_s} s |"
for format in table json csv; do
  status=0
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" report "$run" --format "$format" \
    > "$work/out.$format" 2> "$work/err" || status=$?
  if (( status != 0 )); then
    echo "analysis.sh: '$bin report --format $format' exited $status:" >&2
    cat "$work/err" >&2
    exit 1
  fi
  check "$format" "$work/out.$format"
  read -r wall_s peak_kib < "$work/time"
  per_row=$(awk -v k="$peak_kib" -v n="$rows" 'BEGIN { printf "%.0f", k * 1024 / n }')
  echo "| | report --format $format: wall time / peak RSS (counts checked) | ${wall_s} s / $((peak_kib / 1024)) MiB (${per_row} B per row) |"
done
echo "| | load average (1 min) when the report benchmark started, $(nproc) cores | ${load} |"
