#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# paymesh on this machine with a JDK alone: builds what is missing, starts PostgreSQL (embedded binaries from
# Maven), the three services and a local OTLP receiver, drives the lab's traffic, and shows RED per endpoint and
# the slowest payment's trace tree. Runs until Ctrl-C, or exits after the report with --once.
set -euo pipefail
# shellcheck source=mesh-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/mesh-lib.sh"

usage() {
  cat <<'USAGE'
Usage: deploy/scripts/quickstart.sh [--once] [--wipe] [--count N] [--scenario lab|study] [--tempo URL] [--postgres-only]
  --once             exit after the report and stop everything (for scripts and CI)
  --wipe             delete the local data (.paymesh/pgdata, .paymesh/traces) before starting
  --count N          payments to send (default 50, the lab's script)
  --scenario NAME    lab (default) or study: slow fraud checks, fraud errors, declines and a refund
  --tempo URL        read traces from Tempo's HTTP API (e.g. http://localhost:3200) instead of local files;
                     the services then export to OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318)
  --postgres-only    start only PostgreSQL and print the variables for `quarkus dev` without Docker
USAGE
}

once=false wipe=false postgres_only=false count=50 scenario=lab tempo=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --once) once=true ;;
    --wipe) wipe=true ;;
    --count) count="${2:?--count needs a number}"; shift ;;
    --scenario) scenario="${2:?--scenario needs lab or study}"; shift ;;
    --tempo) tempo="${2:?--tempo needs a URL such as http://localhost:3200}"; shift ;;
    --postgres-only) postgres_only=true ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift
done

# Checked here, not by generate-traces.sh after the whole mesh has started.
[[ "$count" =~ ^[0-9]{1,6}$ && "$((10#$count))" -gt 0 ]] || { usage >&2; die "--count needs a number of payments, 1 or more"; }
[[ "$scenario" == lab || "$scenario" == study ]] || { usage >&2; die "--scenario is lab or study"; }
count=$((10#$count))  # base 10: bash would read 010 as octal

readonly POSTGRES_PORT=55432 OTLP_PORT=4318 GATEWAY_PORT=8888 FRAUD_PORT=8081 LEDGER_PORT=8082
traces="$PAYMESH_HOME/traces/spans.otlp.jsonl"

mesh_require_java
if $postgres_only; then
  ports=("$POSTGRES_PORT")
else
  ports=("$GATEWAY_PORT" "$FRAUD_PORT" "$LEDGER_PORT" "$POSTGRES_PORT")
  [[ -n "$tempo" ]] || ports+=("$OTLP_PORT")
fi
mesh_require_free_ports "stop what listens there first" "${ports[@]}"
# Checked before anything starts, since the report reads Tempo only after the whole run. A Tempo that has just
# started answers 503 on /ready for 15 s or more.
if [[ -n "$tempo" ]]; then
  say "waiting for Tempo to be ready at $tempo/ready (at most 90 s; start it first: README, \"Quick start\")"
  mesh_wait_for "Tempo at $tempo" 90 curl -fs --max-time 5 -o /dev/null "$tempo/ready"
fi
if $wipe; then
  say "wiping $PAYMESH_HOME/pgdata and $PAYMESH_HOME/traces"
  rm -rf "$PAYMESH_HOME/pgdata" "$PAYMESH_HOME/traces"
fi
mkdir -p "$PAYMESH_HOME/traces" "$PAYMESH_HOME/logs"

if $postgres_only; then mesh_toolbox; else mesh_build; fi
# A second Ctrl-C while the services stop must not cut the cleanup short: they ignore SIGINT (started with &) and
# would keep their ports.
trap 'trap "" INT TERM; echo; say "stopping everything this script started"; mesh_stop_all; say "stopped; data kept in $PAYMESH_HOME (--wipe deletes it)"' EXIT
trap 'exit 130' INT TERM
mesh_start_postgres "$POSTGRES_PORT"
if $postgres_only; then
  cat <<DEV

PostgreSQL runs on localhost:$POSTGRES_PORT. In another terminal, for live coding without Docker:
  export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:$POSTGRES_PORT/paymesh
  export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$POSTGRES_PORT/paymesh
  export QUARKUS_DATASOURCE_USERNAME=postgres
  ./mvnw -pl ledger-service quarkus:dev
Press Ctrl-C here to stop PostgreSQL (its data stays in $PAYMESH_HOME/pgdata).
DEV
  mesh_wait_forever
fi

if [[ -z "$tempo" ]]; then
  say "starting the OTLP receiver on http://127.0.0.1:$OTLP_PORT (spans go to $traces as OTLP JSON)"
  mesh_start_otlp_receiver "$OTLP_PORT" --file "$traces"
  otlp_endpoint="http://127.0.0.1:$OTLP_PORT"
else
  otlp_endpoint="${OTEL_EXPORTER_OTLP_ENDPOINT:-http://localhost:4318}"
  say "exporting to $otlp_endpoint, reading traces from Tempo at $tempo"
fi
telemetry=(OTEL_EXPORTER_OTLP_ENDPOINT="$otlp_endpoint" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
  PAYMESH_ENVIRONMENT=quickstart QUARKUS_OTEL_BSP_SCHEDULE_DELAY=500ms)

mesh_start_service ledger-service "$LEDGER_PORT" "${telemetry[@]}" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$POSTGRES_PORT/paymesh" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$POSTGRES_PORT/paymesh" \
  QUARKUS_DATASOURCE_USERNAME=postgres
# FRAUD_HONOUR_BAGGAGE: the study scenario forces slow and failing fraud checks through W3C baggage (off by default).
mesh_start_service fraud-service "$FRAUD_PORT" "${telemetry[@]}" FRAUD_HONOUR_BAGGAGE=true
mesh_start_service payment-gateway "$GATEWAY_PORT" "${telemetry[@]}" \
  FRAUD_SERVICE_URL="http://localhost:$FRAUD_PORT" LEDGER_SERVICE_URL="http://localhost:$LEDGER_PORT"
mesh_wait_healthy ledger-service "$LEDGER_PORT"
mesh_wait_healthy fraud-service "$FRAUD_PORT"
mesh_wait_healthy payment-gateway "$GATEWAY_PORT"

# A JVM's first requests load classes, open connections and prepare statements: without a warm-up, the first payment
# is the slowest one and the report's tree shows a start-up instead of the mesh. One warm-up payment per start (a key
# of its own, or a kept database would only replay an earlier start's, never calling fraud-service or inserting),
# sent five times (stored once, then replayed), and a few reads, before the report's window.
warm_up_key="quickstart-warm-up-$(date +%s)"
say "warming the services up: one payment of customer WARMUP and a few reads"
for _ in 1 2 3 4 5; do
  curl -sS --max-time 10 -o /dev/null -H 'Content-Type: application/json' -H "Idempotency-Key: $warm_up_key" \
    -d '{"amount":1.00,"currency":"EUR","customerId":"WARMUP","description":"Quick start warm-up"}' \
    "http://localhost:$GATEWAY_PORT/api/payments" || true
  curl -sS --max-time 10 -o /dev/null "http://localhost:$GATEWAY_PORT/api/payments/PAY001" || true
done
# The report's window starts on the next whole second (date has no milliseconds everywhere), after the warm-up.
started_ms="$(( ($(date +%s) + 1) * 1000 ))"
sleep 1
say "driving the lab's traffic: $count payments ($scenario)"
traffic_ok=true
bash "$PAYMESH_ROOT/deploy/scripts/generate-traces.sh" --url "http://localhost:$GATEWAY_PORT" --count "$count" \
  --scenario "$scenario" || traffic_ok=false

say "waiting for the last spans to be exported"
report_ok=true
if [[ -z "$tempo" ]]; then
  # The services export every 500 ms: the receiver's count holding for 2 s means every span has arrived (at most 30 s).
  mesh_settle 0.5 60 0 4 4 curl -fsS --max-time 2 "http://127.0.0.1:$OTLP_PORT/count" >/dev/null
  mesh_tool show --traces "$traces" --since-ms "$started_ms" || report_ok=false
else
  # Tempo makes a trace searchable once it has been idle for trace_idle_period (10 s): poll its search until it finds
  # every payment sent (at most 200, the search's limit) and holds for 2 s, or finds no more for 15 s (a sampled or
  # lost payment); at most 60 polls.
  mesh_settle 1 60 "$((count < 200 ? count : 200))" 2 15 mesh_tempo_payment_count "$tempo" "$started_ms" >/dev/null
  mesh_tool show --tempo "$tempo" --since-ms "$started_ms" || report_ok=false
fi

echo
echo "Where to look next"
if ! $once; then
  echo "  API            http://localhost:$GATEWAY_PORT/api/payments   (OpenAPI: http://localhost:$GATEWAY_PORT/q/openapi)"
  echo "  metrics        http://localhost:$GATEWAY_PORT/q/metrics"
  echo "  study traffic  deploy/scripts/generate-traces.sh --scenario study   (slow fraud, errors, declines, a refund)"
fi
if [[ -z "$tempo" ]]; then
  echo "  traces         $traces  (OTLP JSON, one export per line; an OpenTelemetry Collector's otlpjsonfile receiver reads it)"
else
  echo "  traces         $tempo  (Tempo's HTTP API; in Grafana: Explore, Tempo)"
fi
echo "  logs           $PAYMESH_HOME/logs/<service>.log  (JSON; grep a trace_id from the tree above)"
echo "  Grafana/Tempo  see README \"Compose\" (Docker) or \"Kubernetes\" (kind) for the full lab stack"

$traffic_ok || die "some payments failed (see the ❌ lines above)"
$report_ok || die "no complete payment trace to show (see the report above): see $PAYMESH_HOME/logs/"
if $once; then
  exit 0
fi
say "the mesh keeps running; press Ctrl-C to stop it"
mesh_wait_forever
