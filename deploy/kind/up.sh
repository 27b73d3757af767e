#!/usr/bin/env bash
# One command from nothing to a traced paymesh on kind:
#   1 create the kind cluster   2 install Prometheus, Loki, Tempo, Alloy and Grafana from their Helm charts
#   3 build the images          4 load them into kind    5 apply the overlay
#   6 wait for the rollout      7 send the lab's traffic  8 print where to click
# usage: deploy/kind/up.sh [--native] [--skip-build] [--no-traffic]
#   --native      native executables (Dockerfile.native-multistage) and the k8s/overlays/native overlay
#   --skip-build  reuse paymesh images already built with the expected tags
#   --no-traffic  do not run deploy/scripts/generate-traces.sh
# env: CONTAINER_ENGINE=docker|podman (default docker), KIND_CLUSTER_NAME (default paymesh),
#      GRAFANA_ADMIN_PASSWORD (default: a random one, stored in deploy/kind/.secrets/)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cluster="${KIND_CLUSTER_NAME:-paymesh}"
engine="${CONTAINER_ENGINE:-docker}"
services=(payment-gateway fraud-service ledger-service)
obs=observability
mode=jvm
build=true
traffic=true

for arg in "$@"; do
  case "$arg" in
    --native) mode=native ;;
    --skip-build) build=false ;;
    --no-traffic) traffic=false ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "up.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done
overlay="$root/k8s/overlays/$([[ "$mode" == native ]] && echo native || echo kind)"
tag="$mode"

step() { printf '\n==> %s\n' "$*"; }
die() { echo "up.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required (see README.md, section Kubernetes, What you need)"; }
temp_files=()
trap 'rm -f "${temp_files[@]:-}"' EXIT

for tool in kind kubectl helm curl "$engine"; do need "$tool"; done
# The JVM images are packaged by ./mvnw on this machine; native ones are built inside the Mandrel builder image.
if [[ "$build" == true && "$mode" == jvm ]]; then need java; fi
for f in deploy/grafana/provisioning/datasources/paymesh.yaml deploy/grafana/provisioning/dashboards/paymesh.yaml \
         deploy/grafana/dashboards/paymesh-apm.json deploy/prometheus/rules/paymesh-rules.yml; do
  [[ -f "$root/$f" ]] || die "missing $f (the Compose stack's provisioning files)"
done
# shellcheck source=deploy/helm/charts.env
source "$root/deploy/helm/charts.env"
if [[ "$engine" == podman ]]; then export KIND_EXPERIMENTAL_PROVIDER=podman; fi

step "1/8 kind cluster $cluster"
if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  echo "cluster $cluster exists; reusing it"
else
  # The cluster publishes 8888 and 3000 on this machine, as the quick start and the Compose stack do.
  for port in 8888 3000; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "port $port is in use: stop the quick start (Ctrl-C) or the Compose stack (docker compose down) first"
    fi
  done
  kind create cluster --name "$cluster" --config "$root/deploy/kind/kind-config.yaml" --wait 120s
fi
kubectl config use-context "kind-$cluster" >/dev/null

step "secrets (generated, git-ignored)"
bash "$root/deploy/kind/gen-secrets.sh"
grafana_password_file="$root/deploy/kind/.secrets/grafana-admin-password"
kubectl create namespace "$obs" --dry-run=client -o yaml | kubectl apply -f -
if [[ -n "${GRAFANA_ADMIN_PASSWORD:-}" ]]; then
  grafana_password_file="$(mktemp)"
  temp_files+=("$grafana_password_file")
  printf '%s' "$GRAFANA_ADMIN_PASSWORD" > "$grafana_password_file"
fi
kubectl -n "$obs" create secret generic grafana-admin --from-literal=admin-user=admin \
  --from-file=admin-password="$grafana_password_file" --dry-run=client -o yaml | kubectl apply -f -

step "2/8 observability stack (Helm)"
helm repo add grafana-community "$GRAFANA_COMMUNITY_REPO_URL" --force-update >/dev/null
helm repo add prometheus-community "$PROMETHEUS_COMMUNITY_REPO_URL" --force-update >/dev/null
helm repo add grafana "$GRAFANA_REPO_URL" --force-update >/dev/null
helm repo update grafana-community prometheus-community grafana >/dev/null

# Grafana provisioning: the Compose stack's own files, as ConfigMaps.
configmap_from() { # name file key
  kubectl -n "$obs" create configmap "$1" --from-file="$3=$root/$2" --dry-run=client -o yaml | kubectl apply -f -
}
configmap_from grafana-paymesh-datasources deploy/grafana/provisioning/datasources/paymesh.yaml paymesh.yaml
configmap_from grafana-paymesh-dashboard-provider deploy/grafana/provisioning/dashboards/paymesh.yaml paymesh.yaml
configmap_from grafana-paymesh-dashboards deploy/grafana/dashboards/paymesh-apm.json paymesh-apm.json

install() { # release chart version values [extra helm args...]
  local release="$1" chart="$2" version="$3" values="$4"
  shift 4
  echo "-- $release: $chart $version"
  helm upgrade --install "$release" "$chart" --version "$version" --namespace "$obs" \
    --values "$root/deploy/helm/$values" --wait --timeout 10m "$@"
}
install prometheus prometheus-community/prometheus "$PROMETHEUS_CHART_VERSION" prometheus-values.yaml \
  --set-file 'ruleFiles.paymesh-rules\.yml'="$root/deploy/prometheus/rules/paymesh-rules.yml"
install loki grafana-community/loki "$LOKI_CHART_VERSION" loki-values.yaml
install tempo grafana-community/tempo "$TEMPO_CHART_VERSION" tempo-values.yaml
install alloy grafana/alloy "$ALLOY_CHART_VERSION" alloy-values.yaml
# Grafana reads its provisioning at start, and subPath mounts never see a ConfigMap change: a new checksum restarts it.
provisioning_sum="$(cat "$root/deploy/grafana/provisioning/datasources/paymesh.yaml" \
  "$root/deploy/grafana/provisioning/dashboards/paymesh.yaml" | sha256sum | cut -c1-16)"
install grafana grafana-community/grafana "$GRAFANA_CHART_VERSION" grafana-values.yaml \
  --set-string "podAnnotations.checksum/provisioning=$provisioning_sum"

step "3/8 images ($mode)"
if [[ "$build" == true ]]; then
  if [[ "$mode" == native ]]; then
    for s in "${services[@]}"; do
      echo "-- paymesh/$s:$tag (native build inside the Mandrel builder image; takes minutes)"
      "$engine" build -f "$root/$s/src/main/docker/Dockerfile.native-multistage" -t "paymesh/$s:$tag" "$root"
    done
  else
    (cd "$root" && ./mvnw -B -q package -DskipTests)
    for s in "${services[@]}"; do
      echo "-- paymesh/$s:$tag"
      "$engine" build -f "$root/$s/src/main/docker/Dockerfile.jvm" -t "paymesh/$s:$tag" "$root/$s"
    done
  fi
else
  echo "skipped (--skip-build)"
fi

step "4/8 load images into kind"
for s in "${services[@]}"; do
  if [[ "$engine" == podman ]]; then
    archive="$(mktemp "${TMPDIR:-/tmp}/paymesh-image.XXXXXX")"
    temp_files+=("$archive")
    # podman names local builds localhost/...; the pods ask for docker.io/paymesh/...
    podman tag "paymesh/$s:$tag" "docker.io/paymesh/$s:$tag"
    podman save -o "$archive" "docker.io/paymesh/$s:$tag"
    kind load image-archive "$archive" --name "$cluster"
    rm -f "$archive"
  else
    kind load docker-image "paymesh/$s:$tag" --name "$cluster"
  fi
done

step "5/8 kubectl apply -k ${overlay#"$root"/}"
deployed="$(kubectl -n paymesh get deployments -o name 2>/dev/null || true)"
kubectl apply -k "$overlay"
if [[ -n "$deployed" ]]; then
  # Same tag, imagePullPolicy Never: pods started before this run would keep the images it replaced.
  echo "restarting the services onto the images just loaded"
  for s in "${services[@]}"; do kubectl -n paymesh rollout restart "deployment/$s"; done
fi

step "6/8 rollout"
kubectl -n paymesh rollout status statefulset/postgres --timeout=5m
for s in "${services[@]}"; do kubectl -n paymesh rollout status "deployment/$s" --timeout=5m; done

step "7/8 traffic"
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null http://localhost:8888/health && break
  sleep 2
done
curl -fsS -o /dev/null http://localhost:8888/health \
  || die "gateway not answering on http://localhost:8888/health; see kubectl -n paymesh get pods and kubectl -n paymesh logs deployment/payment-gateway"
if [[ "$traffic" == true ]]; then
  # Simulated fraud failures make a payment fail now and then: the cluster is up all the same.
  bash "$root/deploy/scripts/generate-traces.sh" --url http://localhost:8888 \
    || echo "up.sh: some payments failed (lines marked above); the cluster is up"
else
  echo "skipped (--no-traffic)"
fi

step "8/8 where to click"
if [[ -n "${GRAFANA_ADMIN_PASSWORD:-}" ]]; then
  password_hint="the value of GRAFANA_ADMIN_PASSWORD"
else
  password_hint="cat deploy/kind/.secrets/grafana-admin-password"
fi
cat <<INFO
  Payment API   http://localhost:8888/api/payments        (health: http://localhost:8888/health)
  Grafana       http://localhost:3000   user admin, password: $password_hint
                Explore -> Tempo (search service payment-gateway), Dashboards -> paymesh APM
  Tempo API     kubectl -n $obs port-forward svc/tempo 3200:3200   then http://localhost:3200/status
  Prometheus    kubectl -n $obs port-forward svc/prometheus 9090:9090   then http://localhost:9090
  Tear down     deploy/kind/down.sh
INFO
