#!/usr/bin/env bash
# Writes the git-ignored secret files the kind setup needs, once; later runs keep them
# (the PostgreSQL volume was initialised with the first password).
#   k8s/base/secrets/postgres.env          -> kustomize secretGenerator "postgres-credentials" (key: password)
#   deploy/kind/.secrets/grafana-admin-password  (only when GRAFANA_ADMIN_PASSWORD is not set)
set -euo pipefail

case "${1:-}" in
  "") ;;
  -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
  *) echo "gen-secrets: takes no arguments (got $1); see $0 --help" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pg_env="$root/k8s/base/secrets/postgres.env"
grafana_file="$root/deploy/kind/.secrets/grafana-admin-password"

random_password() {
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
}

umask 077
if [[ -s "$pg_env" ]]; then
  echo "gen-secrets: keeping $pg_env"
else
  mkdir -p "$(dirname "$pg_env")"
  printf 'password=%s\n' "$(random_password)" > "$pg_env"
  echo "gen-secrets: wrote a random PostgreSQL password to $pg_env"
fi

if [[ -n "${GRAFANA_ADMIN_PASSWORD:-}" ]]; then
  echo "gen-secrets: Grafana admin password taken from GRAFANA_ADMIN_PASSWORD"
elif [[ -s "$grafana_file" ]]; then
  echo "gen-secrets: keeping $grafana_file"
else
  mkdir -p "$(dirname "$grafana_file")"
  random_password > "$grafana_file"
  echo "gen-secrets: wrote a random Grafana admin password to $grafana_file"
fi
