#!/usr/bin/env bash
# The CI recipes in scripts/ci parse, have the shape that makes them work,
# and their own commands, run here as the engine would run them (tests/node/ci-recipes.mjs reads
# them from the YAML), measure the simulator, merge and gate end to end.
# Usage: ci_recipes.sh SOURCE_DIR TTFTBENCH_BINARY
set -euo pipefail
source_dir=$1
ttftbench=$2
recipes="$source_dir/tests/node/ci-recipes.mjs"
workflow="$source_dir/scripts/ci/github-actions.yml"
measure_job="$source_dir/scripts/ci/k8s/measure-job.yaml"
report_job="$source_dir/scripts/ci/k8s/report-job.yaml"
scenario="$source_dir/tests/fixtures/scenarios/e2e/merge_regions.json"

fail() { echo "ci_recipes: FAIL: $*" >&2; exit 1; }

command -v node >/dev/null || fail "node is not installed (scripts/setup installs it)"
[[ -d "$source_dir/tests/node/node_modules/yaml" ]] ||
  fail "run scripts/setup: npm packages for tests/node are not installed (tests/node/node_modules/yaml missing)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$(dirname "$ttftbench"):$PATH"  # what the Build step (or the image) provides
unset JOB_COMPLETION_INDEX JOB_COMPLETION_COUNT

expected=$("$ttftbench" validate "$scenario" | awk '$1 == "requests" { print $2; exit }')
[[ "$expected" =~ ^[0-9]+$ ]] || fail "validate printed no request count for $scenario"

data_rows() { tail -n +2 "$1" | grep -c . || true; }

# The checks on the recipes' shape must be able to fail: a broken copy is refused.
sed 's/fail-fast: false/fail-fast: true/' "$workflow" >"$work/broken.yml"
if node "$recipes" github "$work/broken.yml" >/dev/null 2>"$work/broken.err"; then
  fail "a workflow with fail-fast: true was accepted"
fi
grep -q "must not fail fast" "$work/broken.err" || fail "unexpected message: $(cat "$work/broken.err")"
sed 's/value: "4"/value: "3"/' "$measure_job" >"$work/broken-job.yaml"
if node "$recipes" k8s "$work/broken-job.yaml" "$report_job" >/dev/null 2>&1; then
  fail "an Indexed Job whose JOB_COMPLETION_COUNT differs from completions was accepted"
fi
echo "ok: broken recipes are refused"

# GitHub Actions: every matrix region measures, then the report job merges and gates.
export GITHUB_STEP_SUMMARY="$work/step-summary.md"
node "$recipes" github "$workflow" "SCENARIO=$scenario" "TTFT_RESULTS=$work/gh" >"$work/gh.sh"
timeout 180 bash "$work/gh.sh" >"$work/gh.out" 2>&1 || { cat "$work/gh.out"; fail "the workflow's steps failed"; }
regions=$(node -e "
  const YAML = require('$source_dir/tests/node/node_modules/yaml');
  const w = YAML.parse(require('fs').readFileSync('$workflow', 'utf8'));
  console.log(w.jobs.measure.strategy.matrix.include.map((e) => e.region).join(' '));")
for region in $regions; do
  rows=$(data_rows "$work/gh/$region/samples.csv")
  [[ "$rows" == "$expected" ]] || fail "$region: $rows rows, expected $expected"
  grep -q "$region" "$GITHUB_STEP_SUMMARY" || fail "the job summary has no table for $region"
done
grep -q "PASS" "$GITHUB_STEP_SUMMARY" || fail "the job summary has no assertion results"
if grep -q "FAIL" "$work/gh.out"; then cat "$work/gh.out"; fail "an assertion failed"; fi
echo "ok: GitHub Actions steps: $(wc -w <<<"$regions") regions × $expected rows merged and gated"

# Kubernetes: the Indexed Job's pods run at once, one shard each, then the report Job.
node "$recipes" k8s "$measure_job" "$report_job" "SCENARIO=$scenario" "RESULTS_DIR=$work/k8s" >"$work/k8s.sh"
timeout 180 bash "$work/k8s.sh" >"$work/k8s.out" 2>&1 || { cat "$work/k8s.out"; fail "the Jobs' commands failed"; }
total=0
shards=0
for folder in "$work"/k8s/shard-*/; do
  rows=$(data_rows "$folder/samples.csv")
  ((rows > 0)) || fail "$folder has no rows"
  total=$((total + rows))
  shards=$((shards + 1))
done
((shards == 4)) || fail "$shards shard folders, expected 4"
[[ "$total" == "$expected" ]] || fail "the shards wrote $total rows together, expected $expected (one schedule)"
grep -q "PASS" "$work/k8s/summary.md" || fail "the report Job wrote no assertion results"
echo "ok: Kubernetes Indexed Job: 4 shards, $total rows together, merged and gated"
