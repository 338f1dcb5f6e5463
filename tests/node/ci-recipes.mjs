// Reads the CI recipes in scripts/ci (the GitHub Actions workflow and the Kubernetes Jobs),
// checks the shape that makes them work, and prints a bash script that runs the same commands
// locally: the workflow's `run:` steps per matrix entry then the report job's, or every index of
// the Indexed Job concurrently then the report Job's container. tests/e2e/ci_recipes.sh runs it.
//
// Usage: node ci-recipes.mjs github WORKFLOW.yml [NAME=VALUE]...
//        node ci-recipes.mjs k8s MEASURE_JOB.yaml REPORT_JOB.yaml [NAME=VALUE]...
// NAME=VALUE replaces the value of an environment variable the recipe sets (a path on a runner
// or in a pod, say); naming a variable the recipe does not set is an error, so the local run
// cannot drift from the recipe unnoticed.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';

function fail(message) {
  process.stderr.write(`ci-recipes: ${message}\n`);
  process.exit(2);
}

function check(condition, message) {
  if (!condition) fail(message);
}

function load(path) {
  const doc = YAML.parseDocument(readFileSync(path, 'utf8'));
  check(doc.errors.length === 0, `${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS();
}

function shellQuote(text) {
  return `'${String(text).replaceAll("'", `'\\''`)}'`;
}

function parseOverrides(args) {
  const overrides = new Map();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    check(eq > 0, `expected NAME=VALUE, got ${arg}`);
    overrides.set(arg.slice(0, eq), arg.slice(eq + 1));
  }
  return overrides;
}

// Applies the overrides to `env` (a Map); records which were used.
function applyOverrides(env, overrides, used) {
  for (const [name, value] of overrides) {
    if (env.has(name)) {
      env.set(name, value);
      used.add(name);
    }
  }
}

function checkAllUsed(overrides, used, where) {
  for (const name of overrides.keys()) {
    check(used.has(name), `${where} sets no variable ${name}`);
  }
}

// A subshell that exports `env` and runs `command` with bash -e, as a runner or `sh -c` would.
function subshell(env, command) {
  const exports = [...env].map(([k, v]) => `export ${k}=${shellQuote(v)}`).join('; ');
  return `(${exports ? `${exports}; ` : ''}exec bash -eo pipefail -c ${shellQuote(command)})`;
}

// ---- GitHub Actions -------------------------------------------------------------------------

// GitHub replaces ${{ ... }} before the shell sees the text; only what the workflow uses here.
function expandExpressions(text, context) {
  return String(text).replaceAll(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr) => {
    const m = /^(matrix|env|secrets)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(expr);
    check(m, `unsupported expression \${{ ${expr} }}`);
    const value = context[m[1]][m[2]];
    if (m[1] === 'secrets') return '';  // no secrets locally: the simulator needs none
    check(value !== undefined, `\${{ ${expr} }} is not defined`);
    return value;
  });
}

function envOf(...objects) {
  const env = new Map();
  for (const object of objects) {
    for (const [k, v] of Object.entries(object ?? {})) env.set(k, String(v));
  }
  return env;
}

// The `run:` steps of one job, as subshells. The Build step (scripts/setup) is left to the
// caller, who has built ttftbench already and puts it on PATH, as that step does.
function jobCommands(workflow, jobName, matrix, overrides, used) {
  const job = workflow.jobs[jobName];
  const commands = [];
  for (const step of job.steps) {
    check(('run' in step) !== ('uses' in step), `${jobName}: a step needs exactly one of run/uses`);
    if (!('run' in step) || /^scripts\/setup\b/.test(step.run)) continue;
    const workflowEnv = envOf(workflow.env);
    applyOverrides(workflowEnv, overrides, used);
    const context = { matrix, env: Object.fromEntries(workflowEnv), secrets: {} };
    const env = envOf(workflow.env, job.env, step.env);
    applyOverrides(env, overrides, used);
    for (const [k, v] of env) env.set(k, expandExpressions(v, context));
    commands.push(subshell(env, expandExpressions(step.run, context)));
  }
  return commands;
}

function github(path, overrides) {
  const workflow = load(path);
  check(workflow.jobs?.measure && workflow.jobs?.report, `${path}: needs jobs measure and report`);
  const { measure, report } = workflow.jobs;
  const include = measure.strategy?.matrix?.include;
  check(Array.isArray(include) && include.length > 0, `${path}: measure needs a matrix include list`);
  for (const entry of include) check(entry.region && entry.runner, `${path}: matrix entries need region and runner`);
  check(measure.strategy['fail-fast'] === false, `${path}: measure must not fail fast`);
  check([report.needs].flat().includes('measure'), `${path}: report must need measure`);
  check(report.if === 'always()', `${path}: report must run when a region failed`);

  // What measure uploads is what report downloads, into the same folder.
  const upload = measure.steps.find((s) => String(s.uses).startsWith('actions/upload-artifact'));
  const download = report.steps.find((s) => String(s.uses).startsWith('actions/download-artifact'));
  check(upload && download, `${path}: measure uploads and report downloads the results`);
  check(upload.if === 'always()', `${path}: a failed run's folder must still be uploaded`);
  const namePrefix = String(upload.with.name).replace(/\$\{\{.*$/, '');
  check(download.with.pattern === `${namePrefix}*`, `${path}: download pattern must match upload name`);
  check(download.with['merge-multiple'] === true, `${path}: regions must merge into one folder`);
  check(String(download.with.path) === String(upload.with.path).replace(/\/$/, ''),
        `${path}: download path must be the upload path`);

  const used = new Set();
  const lines = ['set -e', '# measure: one job per region'];
  for (const entry of include) {
    lines.push(...jobCommands(workflow, 'measure', entry, overrides, used));
  }
  lines.push('# report: merge and gate');
  lines.push(...jobCommands(workflow, 'report', {}, overrides, used));
  checkAllUsed(overrides, used, path);
  return lines;
}

// ---- Kubernetes -----------------------------------------------------------------------------

function container(job, path) {
  check(job.apiVersion === 'batch/v1' && job.kind === 'Job', `${path}: expected a batch/v1 Job`);
  const pod = job.spec?.template?.spec;
  check(pod?.restartPolicy === 'Never', `${path}: restartPolicy must be Never`);
  check(pod.containers?.length === 1, `${path}: expected one container`);
  const c = pod.containers[0];
  check(JSON.stringify(c.command) === '["sh","-c"]' && c.args?.length === 1,
        `${path}: the container runs one sh -c command`);
  return { pod, container: c };
}

function containerEnv(c, path) {
  const env = new Map();
  for (const variable of c.env ?? []) {
    if ('value' in variable) env.set(variable.name, String(variable.value));
    else check(variable.valueFrom?.secretKeyRef?.optional === true,
               `${path}: ${variable.name}: secrets must be optional so a simulator run needs none`);
  }
  return env;
}

function claimName(pod) {
  return pod.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim.claimName;
}

function k8s(measurePath, reportPath, overrides) {
  const measure = load(measurePath);
  const report = load(reportPath);
  const m = container(measure, measurePath);
  const r = container(report, reportPath);
  const { completions, parallelism, completionMode } = measure.spec;
  check(completionMode === 'Indexed', `${measurePath}: completionMode must be Indexed`);
  check(Number.isInteger(completions) && completions > 0, `${measurePath}: completions`);
  check(parallelism === completions, `${measurePath}: parallelism must equal completions`);
  const measureEnv = containerEnv(m.container, measurePath);
  check(measureEnv.get('JOB_COMPLETION_COUNT') === String(completions),
        `${measurePath}: JOB_COMPLETION_COUNT must equal completions (${completions})`);
  check(claimName(m.pod) && claimName(m.pod) === claimName(r.pod),
        'measure and report must mount the same results volume');

  const used = new Set();
  applyOverrides(measureEnv, overrides, used);
  const reportEnv = containerEnv(r.container, reportPath);
  applyOverrides(reportEnv, overrides, used);
  checkAllUsed(overrides, used, `${measurePath} and ${reportPath}`);

  const lines = ['set -e', `# measure: ${completions} indexed pods at once`, 'pids=()'];
  for (let index = 0; index < completions; index++) {
    const env = new Map([...measureEnv, ['JOB_COMPLETION_INDEX', String(index)]]);
    lines.push(`${subshell(env, m.container.args[0])} & pids+=($!)`);
  }
  lines.push('failed=0; for pid in "${pids[@]}"; do wait "$pid" || failed=1; done');
  lines.push('if ((failed)); then echo "ci-recipes: a shard failed" >&2; exit 1; fi');
  lines.push('# report: merge and gate');
  lines.push(subshell(reportEnv, r.container.args[0]));
  return lines;
}

const [mode, ...rest] = process.argv.slice(2);
let lines;
if (mode === 'github' && rest.length >= 1) {
  lines = github(rest[0], parseOverrides(rest.slice(1)));
} else if (mode === 'k8s' && rest.length >= 2) {
  lines = k8s(rest[0], rest[1], parseOverrides(rest.slice(2)));
} else {
  fail('usage: ci-recipes.mjs github WORKFLOW [NAME=VALUE]... | k8s MEASURE REPORT [NAME=VALUE]...');
}
process.stdout.write(`${lines.join('\n')}\n`);
