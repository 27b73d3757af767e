#!/usr/bin/env bash
# compose-check.sh: static checks of the Compose stack, Prometheus rules, Grafana provisioning and traffic scripts.
# No Docker engine needed: docker-compose only parses the file. Installs its tools with apt-get when missing.
# Prints one line per check and a last line "N passed, M failed"; exits 1 when a check fails.
# The bash -c and jq programs below are single-quoted on purpose (their $ belong to them):
# shellcheck disable=SC2016
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
compose=deploy/compose/docker-compose.yml
datasources=deploy/grafana/provisioning/datasources/paymesh.yaml
provider=deploy/grafana/provisioning/dashboards/paymesh.yaml
dashboard=deploy/grafana/dashboards/paymesh-apm.json
fixtures=deploy/tests/compose
work="$(mktemp -d)"
mock_pid=""
cleanup() { if [[ -n "$mock_pid" ]]; then kill "$mock_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

# Tools: docker-compose (parses the file), promtool (Debian package prometheus), shellcheck, jq, python3 + yaml.
missing=""
for t in docker-compose promtool shellcheck jq python3; do command -v "$t" >/dev/null || missing+=" $t"; done
if [[ -z "$missing" ]] && ! python3 -c 'import yaml' 2>/dev/null; then missing=" python3-yaml"; fi
if [[ -n "$missing" ]]; then
  echo "== apt-get install docker-compose prometheus shellcheck jq python3 python3-yaml (missing:$missing)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    docker-compose prometheus shellcheck jq python3 python3-yaml >/dev/null
fi

passed=0 failed=0
check() { # check DESCRIPTION COMMAND...
  local what="$1"; shift
  if "$@" >"$work/out" 2>&1; then passed=$((passed + 1)); echo "ok   $what"
  else failed=$((failed + 1)); echo "FAIL $what"; sed 's/^/     /' "$work/out" | tail -n 20; fi
}
fails_with() { # fails_with EXIT_CODE TEXT COMMAND...: the command exits with that code and, unless TEXT is empty, says TEXT
  local want="$1" text="$2" rc=0; shift 2
  "$@" >"$work/fails.out" 2>&1 || rc=$?
  cat "$work/fails.out"
  [[ "$rc" == "$want" ]] || { echo "exit $rc, expected $want"; return 1; }
  [[ -z "$text" ]] || grep -qF -- "$text" "$work/fails.out" || { echo "no '$text' in its output"; return 1; }
}
py() { python3 -c "$1" "${@:2}"; }

# --- Compose -------------------------------------------------------------------------------------------
dc() { docker-compose -p paymesh -f "$compose" "$@"; }
check "docker-compose config parses (required secrets set)" \
  env GRAFANA_ADMIN_PASSWORD=throwaway-1 POSTGRES_PASSWORD=throwaway-2 docker-compose -p paymesh -f "$compose" config -q
GRAFANA_ADMIN_PASSWORD=throwaway-1 POSTGRES_PASSWORD=throwaway-2 dc config >"$work/compose.yml" 2>/dev/null || true
check "compose refuses to start without GRAFANA_ADMIN_PASSWORD" \
  fails_with 1 "set GRAFANA_ADMIN_PASSWORD" env -u GRAFANA_ADMIN_PASSWORD POSTGRES_PASSWORD=x docker-compose -p paymesh -f "$compose" config -q
check "compose refuses to start without POSTGRES_PASSWORD" \
  fails_with 1 "set POSTGRES_PASSWORD" env -u POSTGRES_PASSWORD GRAFANA_ADMIN_PASSWORD=x docker-compose -p paymesh -f "$compose" config -q
check "compose publishes the lab's ports 8888 3000 3200 4317 4318" bash -c \
  'for p in 8888 3000 3200 4317 4318; do grep -qE "[:-] *\"?(127\.0\.0\.1:)?$p:$p" "$1" || { echo "port $p missing"; exit 1; }; done' _ "$work/compose.yml"
check "compose pins Tempo 2.10.x and Prometheus >= 2.49 with exemplars and remote write" py '
import sys, yaml, re
s = yaml.safe_load(open(sys.argv[1]))["services"]
assert re.fullmatch(r"grafana/tempo:2\.10\.\d+", s["tempo"]["image"]), s["tempo"]["image"]
v = [int(x) for x in re.search(r":v(\d+)\.(\d+)", s["prometheus"]["image"]).groups()]
assert v >= [2, 49], v
cmd = s["prometheus"]["command"]
for flag in ("--enable-feature=exemplar-storage", "--web.enable-remote-write-receiver"): assert flag in cmd, flag
for svc in ("payment-gateway", "fraud-service", "ledger-service"):
    b = s[svc]["build"]; assert b["dockerfile"] == "src/main/docker/Dockerfile.jvm", b
    assert s[svc]["image"].startswith("paymesh/" + svc + ":"), s[svc]["image"]
for svc in ("loki", "alloy", "grafana", "postgres"): assert svc in s, svc
' "$work/compose.yml"
check "compose mounts the one Grafana provisioning and the dashboard folder of the provider" py '
import sys, yaml
g = yaml.safe_load(open(sys.argv[1]))["services"]["grafana"]["volumes"]
targets = [v["target"] if isinstance(v, dict) else v.split(":")[1] for v in g]
path = yaml.safe_load(open(sys.argv[2]))["providers"][0]["options"]["path"]
for t in ("/etc/grafana/provisioning/datasources/paymesh.yaml", "/etc/grafana/provisioning/dashboards/paymesh.yaml", path):
    assert t in targets, (t, targets)
' "$work/compose.yml" "$provider"
check "Tempo config carries the lab's settings and the metrics generator" py '
import sys, yaml
t = yaml.safe_load(open(sys.argv[1]))
assert t["server"]["http_listen_port"] == 3200
p = t["distributor"]["receivers"]["otlp"]["protocols"]
assert p["grpc"]["endpoint"] == "0.0.0.0:4317" and p["http"]["endpoint"] == "0.0.0.0:4318"
assert t["ingester"] == {"trace_idle_period": "10s", "max_block_bytes": 1000000, "max_block_duration": "5m"}, t["ingester"]
assert t["compactor"]["compaction"]["block_retention"] == "1h"
st = t["storage"]["trace"]
assert st["backend"] == "local" and st["local"]["path"] == "/var/tempo/traces" and st["wal"]["path"] == "/var/tempo/wal"
assert st["pool"] == {"max_workers": 100, "queue_depth": 10000}
assert t["metrics_generator"]["storage"]["remote_write"][0]["url"] == "http://prometheus:9090/api/v1/write"
assert t["overrides"]["defaults"]["metrics_generator"]["processors"] == ["service-graphs", "span-metrics"]
' deploy/compose/tempo.yaml
check "Alloy keeps the trace_id field of the JSON logs" \
  grep -qE 'trace_id *= *"trace_id"' deploy/compose/alloy.alloy

# --- Prometheus ----------------------------------------------------------------------------------------
# Debian's promtool (2.42) predates scrape_protocols (Prometheus 2.49) and rejects the key. Then the copy
# below, without that key, is checked instead; the real file keeps it (the stack runs Prometheus v3).
promtool_config() {
  local out
  if out="$(promtool check config deploy/prometheus/prometheus.yml 2>&1)"; then echo "$out"; return 0; fi
  grep -q 'field scrape_protocols not found' <<<"$out" || { echo "$out"; return 1; }
  echo "promtool $(promtool --version 2>&1 | awk 'NR == 1 { print $3 }') predates scrape_protocols: checking a copy without it"
  mkdir -p "$work/prom" && cp -r deploy/prometheus/rules "$work/prom/"
  awk '/^ *scrape_protocols:/ { skip = 1; next } skip && /^ *- / { next } { skip = 0; print }' \
    deploy/prometheus/prometheus.yml >"$work/prom/prometheus.yml"
  promtool check config "$work/prom/prometheus.yml"
}
check "promtool check config deploy/prometheus/prometheus.yml" promtool_config
check "prometheus.yml scrapes /q/metrics as OpenMetrics only (exemplars)" py '
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
job = [j for j in c["scrape_configs"] if j["job_name"] == "paymesh"][0]
assert job["scrape_protocols"] == ["OpenMetricsText1.0.0"] and job["metrics_path"] == "/q/metrics"
targets = sorted(t for sc in job["static_configs"] for t in sc["targets"])
assert targets == ["fraud-service:8081", "ledger-service:8082", "payment-gateway:8888"], targets
assert c["rule_files"] == ["rules/paymesh-rules.yml"]
' deploy/prometheus/prometheus.yml
check "promtool check rules paymesh-rules.yml" promtool check rules deploy/prometheus/rules/paymesh-rules.yml
check "promtool test rules (the lab's three queries on Micrometer-shaped series)" \
  bash -c 'cd deploy/prometheus/rules && promtool test rules paymesh-rules.test.yml'

# --- Grafana -------------------------------------------------------------------------------------------
check "datasources: uids, Tempo correlations, exemplars and derived fields" py '
import sys, yaml
d = {x["uid"]: x for x in yaml.safe_load(open(sys.argv[1]))["datasources"]}
assert sorted(d) == ["loki", "prometheus", "tempo"], sorted(d)
t = d["tempo"]; j = t["jsonData"]
assert t["type"] == "tempo" and t["url"] == "http://tempo:3200"
l = j["tracesToLogsV2"]
assert l["datasourceUid"] == "loki" and l["spanStartTimeShift"] == "-1h" and l["spanEndTimeShift"] == "1h" and l["filterByTraceID"]
assert {"container", "namespace"} <= {x.get("value", x["key"]) for x in l["tags"]}
m = j["tracesToMetrics"]
assert m["datasourceUid"] == "prometheus" and len(m["queries"]) >= 2
assert all("http_requests_total" in q["query"] or "http_request_duration" in q["query"] for q in m["queries"])
assert j["serviceMap"]["datasourceUid"] == "prometheus" and j["nodeGraph"]["enabled"] is True
assert d["prometheus"]["url"] == "http://prometheus:9090" and d["loki"]["url"] == "http://loki:3100"
# Exemplar labels: trace_id from Micrometer, traceID from the Tempo metrics generator (its default trace_id_label_name).
assert {(x["name"], x["datasourceUid"]) for x in d["prometheus"]["jsonData"]["exemplarTraceIdDestinations"]} == {("trace_id", "tempo"), ("traceID", "tempo")}
assert any(f["datasourceUid"] == "tempo" and "trace_id" in f["name"] for f in d["loki"]["jsonData"]["derivedFields"])
' "$datasources"
check "datasources: every literal \$ is escaped as \$\$ (Grafana expands env vars)" \
  fails_with 1 "" grep -nE '(^|[^$])\$([^$]|$)' <(sed 's/\$\$//g' "$datasources")
check "dashboard JSON: the 3 rows and their panels named as the lab, variables service and endpoint as the lab" jq -e '
  ([.panels[] | select(.type == "row") | .title] == ["Golden Signals", "Traces", "Service Map"])
  and ([.panels[].title][:12] == ["Golden Signals", "Request Rate", "Latency (P50, P95, P99)", "Error Rate",
         "Saturation", "Traces", "Recent Traces", "Slowest Traces", "Failed Traces", "Service Map", "Dependencies",
         "Call graph"])
  and (.templating.list | map(select(.name == "service"))[0].definition == "label_values(http_requests_total, service)")
  and (.templating.list | map(select(.name == "endpoint"))[0].definition == "label_values(http_requests_total{service=\"$service\"}, endpoint)")
  and ([.panels[].id] | length == (unique | length))' "$dashboard"
check "dashboard: golden signals, TraceQL tables, service map, only known datasources" jq -e '
  ([.. | objects | select(has("expr")) | .expr] | any(test("http_requests_total")) and any(test("histogram_quantile\\(0.95")))
  and ([.panels[] | select(.type == "stat") | .fieldConfig.defaults | select(.unit == "percent")
        | .thresholds.steps | map(.value)] | any(. == [null, 1, 5]))
  and ([.. | objects | select(.queryType? == "traceql") | .query] | any(. == "{status=error}") and any(test("resource.service.name")))
  and ([.panels[] | select(.type == "nodeGraph") | .targets[].queryType] | any(. == "serviceMap"))
  and ([.. | objects | select(has("datasource")) | .datasource.uid] | all(. == "prometheus" or . == "tempo" or . == "loki"))' "$dashboard"
check "dashboard-metrics.sh passes on the scrape fixtures" \
  bash deploy/tests/dashboard-metrics.sh "$fixtures/scrape-payment-gateway.txt" "$fixtures/scrape-ledger-service.txt"
grep -v '_bucket' "$fixtures/scrape-payment-gateway.txt" >"$work/no-buckets.txt"
check "dashboard-metrics.sh fails when the histogram buckets are missing" \
  fails_with 1 "FAIL http_server_requests_seconds_bucket" bash deploy/tests/dashboard-metrics.sh "$work/no-buckets.txt"

# --- Scripts -------------------------------------------------------------------------------------------
check "shellcheck of the traffic script and the checks" shellcheck deploy/scripts/generate-traces.sh \
  deploy/tests/compose-check.sh deploy/tests/dashboard-metrics.sh
check "generate-traces.sh --help documents the options and exit status" bash -c \
  'out="$(bash deploy/scripts/generate-traces.sh --help)" && for w in --count --delay --url --scenario study "Exit status"; do
     grep -q -- "$w" <<<"$out" || { echo "no $w in --help"; exit 1; }; done'
check "generate-traces.ps1 has the same options" bash -c \
  'for w in "\$Count = 50" "\$Delay = 100" "http://localhost:8888" "\"lab\", \"study\"" "Idempotency-Key" "exit 1"; do
     grep -qF -- "$w" deploy/scripts/generate-traces.ps1 || { echo "no $w"; exit 1; }; done'

# The traffic script against a stand-in gateway (contract behaviour, see mock-gateway.py).
python3 "$fixtures/mock-gateway.py" >"$work/mock.out" 2>&1 &
mock_pid=$!
for _ in $(seq 1 100); do grep -q ready "$work/mock.out" 2>/dev/null && break; kill -0 "$mock_pid" 2>/dev/null || break; sleep 0.1; done
port="$(sed -n 's/^ready \([0-9]*\)$/\1/p' "$work/mock.out")"
[[ -n "$port" ]] || { echo "compose-check: the stand-in gateway did not start:"; cat "$work/mock.out"; exit 1; }
check "generate-traces.sh --count 3 --delay 0 (lab) against a stand-in gateway" \
  bash deploy/scripts/generate-traces.sh --count 3 --delay 0 --url "http://127.0.0.1:$port"
check "generate-traces.sh --scenario study --count 20: slow, error, declined and refund cases" bash -c \
  'out="$(bash deploy/scripts/generate-traces.sh --scenario study --count 20 --delay 0 --url "$1")" || { echo "$out"; exit 1; }
   for w in fraud-slow fraud-error CUST666 DECLINED refunded "20 succeeded, 0 failed"; do
     grep -q -- "$w" <<<"$out" || { echo "$out"; echo "no $w"; exit 1; }; done' _ "http://127.0.0.1:$port"
check "generate-traces.sh exits 1 when the gateway is unreachable" \
  fails_with 1 "0 succeeded, 2 failed" bash deploy/scripts/generate-traces.sh --count 2 --delay 0 --url "http://127.0.0.1:1"

echo "$passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
