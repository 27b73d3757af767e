#!/usr/bin/env bash
# Tears down everything deploy/kind/up.sh created: the kind cluster (with paymesh, the observability
# stack and their volumes). --purge also deletes the generated secret files.
# usage: deploy/kind/down.sh [--purge]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cluster="${KIND_CLUSTER_NAME:-paymesh}"
purge=false
for arg in "$@"; do
  case "$arg" in
    --purge) purge=true ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "down.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

command -v kind >/dev/null 2>&1 || { echo "down.sh: kind is not installed" >&2; exit 1; }
# The same engine as up.sh: with Docker and Podman both installed, kind would otherwise look in Docker only.
if [[ "${CONTAINER_ENGINE:-docker}" == podman ]]; then export KIND_EXPERIMENTAL_PROVIDER=podman; fi

if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  echo "==> deleting kind cluster $cluster"
  kind delete cluster --name "$cluster"
else
  echo "==> no kind cluster named $cluster"
fi

if [[ "$purge" == true ]]; then
  echo "==> deleting generated secrets"
  rm -f "$root/k8s/base/secrets/postgres.env"
  rm -rf "$root/deploy/kind/.secrets"
fi
echo "==> done"
