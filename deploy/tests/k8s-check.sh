#!/usr/bin/env bash
# Kubernetes checks for paymesh, without a cluster, Helm or Docker:
#   1 render every overlay with `kubectl kustomize` (from a copy of k8s/ holding a throwaway generated password)
#   2 node tests (deploy/tests/k8s/*.test.mjs): OpenAPI schema validation (kubernetes-models), probes, limits,
#     security contexts, PDBs, images per overlay, no literal secrets, NetworkPolicy reachability,
#     Helm values keys against the pinned charts' key fixtures, and paymesh's observability settings
#   3 shellcheck on every *.sh under deploy/
# Installs its own dependencies (shellcheck from apt, npm ci in deploy/tests/k8s). Last line: "N passed, M failed".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tests="$root/deploy/tests/k8s"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

echo "==> dependencies"
command -v kubectl >/dev/null 2>&1 || { echo "k8s-check: kubectl (with kustomize) is required" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "k8s-check: node is required" >&2; exit 1; }
if ! command -v shellcheck >/dev/null 2>&1; then
  apt-get install -y -qq shellcheck >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null; }
fi
(cd "$tests" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "kubectl $(kubectl version --client 2>/dev/null | head -1), node $(node --version), $(shellcheck --version | sed -n 2p)"

echo "==> render overlays (throwaway password in a copy of k8s/, never in the work tree)"
cp -R "$root/k8s" "$work/k8s"
throwaway="ci-render-only-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf 'password=%s\n' "$throwaway" > "$work/k8s/base/secrets/postgres.env"
mkdir -p "$work/rendered"
for overlay in "$work"/k8s/overlays/*/; do
  name="$(basename "$overlay")"
  if kubectl kustomize "$overlay" > "$work/rendered/$name.yaml" 2> "$work/render-$name.err"; then
    pass "kubectl kustomize k8s/overlays/$name ($(grep -c '^kind:' "$work/rendered/$name.yaml") objects)"
  else
    fail "kubectl kustomize k8s/overlays/$name"; cat "$work/render-$name.err"
  fi
done

echo "==> node tests"
if (cd "$tests" && RENDER_DIR="$work/rendered" THROWAWAY_PASSWORD="$throwaway" \
      node --test --test-reporter=spec ./*.test.mjs > "$work/node.out" 2>&1); then node_rc=0; else node_rc=$?; fi
awk '/failing tests:/ { exit } /^ *(✔|✖)/ { sub(/^ +/, ""); print }' "$work/node.out"
node_pass="$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$work/node.out" | tail -1)"
node_fail="$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$work/node.out" | tail -1)"
if [[ -z "$node_pass" || -z "$node_fail" ]]; then
  cat "$work/node.out"; fail "node test runner produced no summary (exit $node_rc)"
else
  passed=$((passed + node_pass)); failed=$((failed + node_fail))
  if [[ "$node_fail" != 0 || "$node_rc" != 0 ]]; then
    sed -n '/failing tests:/,$p' "$work/node.out"
    [[ "$node_fail" != 0 ]] || fail "node test runner exited $node_rc"
  fi
fi

echo "==> shellcheck deploy/**/*.sh"
mapfile -t scripts < <(cd "$root" && find deploy -name '*.sh' -not -path '*/node_modules/*' | sort)
for s in "${scripts[@]}"; do
  if (cd "$root" && shellcheck -x -P SCRIPTDIR -P "$root" "$s"); then pass "shellcheck $s"; else fail "shellcheck $s"; fi
done

echo "$passed passed, $failed failed"
[[ "$failed" == 0 ]]
