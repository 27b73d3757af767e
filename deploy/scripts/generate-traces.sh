#!/usr/bin/env bash
# generate-traces.sh: the lab's traffic script (Part 3, "Script de Charge") for bash + curl.
# Run with --help for the options. Twin of generate-traces.ps1 (PowerShell).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: generate-traces.sh [--count N] [--delay MS] [--url URL] [--scenario lab|study]

Sends payments to the paymesh gateway so that Tempo has traces to explore.
  -n, --count N        number of payments (default 50)
  -d, --delay MS       (alias --rate) pause between payments in milliseconds (default 100; 0 = no pause)
  -u, --url URL        gateway base URL (default $PAYMESH_URL or http://localhost:8888)
  -s, --scenario NAME  lab   (default) the lab's script: random amount 10..1000 EUR, customer CUST1..CUST99
                       study the same, mixed with cases for the lab's exercises, in a fixed cycle of 10:
                             a slow fraud check (baggage paymesh.fault=fraud-slow -> PENDING_REVIEW), or in
                             every other cycle a fraud-service error (paymesh.fault=fraud-error -> PENDING_REVIEW),
                             blocked customer CUST666 and an amount above 10000 EUR (-> DECLINED),
                             a refund flow (create, POST /api/payments/process approve, then refund);
                             the faults need fraud-service with FRAUD_HONOUR_BAGGAGE=true (the quick start,
                             Compose and the kind overlay set it; off by default)
  -h, --help           this help

Every payment carries its own Idempotency-Key header. One line per payment (✅ or ❌) and a summary.
Exit status: 0 when every payment succeeded, 1 if any line is ❌ (HTTP error, gateway unreachable, or in the
study scenario a final status other than the expected one), 2 on bad options.
EOF
}

bad_option() { echo "generate-traces.sh: $*" >&2; exit 2; }
needs_value() { [[ -n "${2:-}" ]] || bad_option "$1 needs a value (see --help)"; }

count=50 delay=100 url="${PAYMESH_URL:-http://localhost:8888}" scenario=lab
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n|--count) needs_value "$@"; count="$2"; shift 2 ;;
    -d|--delay|--rate) needs_value "$@"; delay="$2"; shift 2 ;;
    -u|--url) needs_value "$@"; url="$2"; shift 2 ;;
    -s|--scenario) needs_value "$@"; scenario="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) bad_option "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$count" =~ ^[0-9]{1,6}$ ]] || bad_option "--count must be a whole number"
[[ "$delay" =~ ^[0-9]{1,6}$ ]] || bad_option "--delay must be milliseconds (a whole number)"
[[ "$scenario" == lab || "$scenario" == study ]] || bad_option "--scenario is lab or study"
command -v curl >/dev/null || bad_option "curl is required"
count=$((10#$count)) delay=$((10#$delay))  # base 10: bash would read 09 as a bad octal number
url="${url%/}"

new_key() {
  if [[ -r /proc/sys/kernel/random/uuid ]]; then cat /proc/sys/kernel/random/uuid
  elif command -v uuidgen >/dev/null; then uuidgen
  else printf 'gt-%s-%s-%s%s\n' "$(date +%s)" "$$" "$RANDOM" "$RANDOM"; fi
}

# post PATH JSON [curl args...]: sets $code (HTTP status, 000 if unreachable) and $resp (body).
code="" resp=""
post() {
  local path="$1" data="$2" out
  shift 2
  if out="$(curl -sS --max-time 30 -w '\n%{http_code}' -H 'Content-Type: application/json' "$@" \
      -d "$data" "$url$path" 2>&1)"; then
    code="${out##*$'\n'}" resp="${out%$'\n'*}"
  else
    code=000 resp="${out%%$'\n'*}"  # curl's error line, without the empty line -w adds after it
  fi
}
# field KEY: a top-level string or number of the JSON answer (enough for id and status; no jq needed).
field() { sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p" <<<"$resp" | head -n 1; }

ok=0 failed=0
pass() { ok=$((ok + 1)); echo "  ✅ $*"; }
fail() { failed=$((failed + 1)); echo "  ❌ $*"; }

# send N AMOUNT CUSTOMER [FAULT]: POST /api/payments; sets $code, $resp, $id, $status and $what.
id="" status="" what=""
send() {
  local extra=()
  [[ -n "${4:-}" ]] && extra=(-H "baggage: paymesh.fault=$4")
  post /api/payments "{\"amount\":$2,\"currency\":\"EUR\",\"customerId\":\"$3\",\"description\":\"Payment #$1\"}" \
    -H "Idempotency-Key: $(new_key)" ${extra[@]+"${extra[@]}"}
  id="$(field id)" status="$(field status)" what="Payment #$1 ($2 EUR, $3${4:+, $4})"
}

# create N AMOUNT CUSTOMER EXPECTED [FAULT]: one payment, one line; EXPECTED is a status, or "" for any.
create() {
  send "$1" "$2" "$3" "${5:-}"
  if [[ "$code" != 2* ]]; then fail "$what failed: HTTP $code ${resp:0:160}"
  elif [[ -n "$4" && "$status" != "$4" ]]; then fail "$what $id: expected $4, got '$status'"
  else pass "$what created: $id $status"; fi
}

# refund_flow N: create, approve, then refund the same payment (three traces), one line.
refund_flow() {
  local action want
  send "$1" "$((RANDOM % 991 + 10))" "CUST$((RANDOM % 99 + 1))"
  [[ "$code" == 2* ]] || { fail "$what failed: HTTP $code ${resp:0:160}"; return 0; }
  for action in approve refund; do
    want=APPROVED; [[ "$action" == refund ]] && want=REFUNDED
    post /api/payments/process "{\"paymentId\":\"$id\",\"action\":\"$action\"}"
    if [[ "$code" != 2* || "$(field status)" != "$want" ]]; then
      fail "$what $id $action: HTTP $code, status '$(field status)' (expected $want)"; return 0
    fi
  done
  pass "$what created: $id, approved, then refunded"
}

sleep_ms() { [[ "$1" -gt 0 ]] && sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; return 0; }

readonly FAULTS=(fraud-slow fraud-error)  # the study scenario's forced fraud faults, one per cycle in turn
echo "🚀 Generating traces: $count payments to $url (scenario $scenario, ${delay} ms apart)"
for ((i = 1; i <= count; i++)); do
  amount=$((RANDOM % 991 + 10)) customer="CUST$((RANDOM % 99 + 1))"
  case "$scenario:$((i % 10))" in
    # One forced fault per cycle, slow and error in turn: two per cycle, retries included, came close enough to half
    # of the gateway's fraud calls that a random failure opened its circuit breaker.
    study:2) create "$i" "$amount" "$customer" PENDING_REVIEW "${FAULTS[i / 10 % 2]}" ;;
    study:4) refund_flow "$i" ;;
    study:5) create "$i" "$amount" CUST666 DECLINED ;;
    study:7) create "$i" "$((RANDOM % 40000 + 10001))" "$customer" DECLINED ;;
    *) create "$i" "$amount" "$customer" "" ;;
  esac
  if [[ "$i" -lt "$count" ]]; then sleep_ms "$delay"; fi
done

if [[ "$failed" -eq 0 ]]; then
  echo "✅ Generated $count traces: $ok succeeded, 0 failed"
else
  echo "❌ Sent $count payments: $ok succeeded, $failed failed"
  exit 1
fi
