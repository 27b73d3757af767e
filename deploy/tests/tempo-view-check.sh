#!/usr/bin/env bash
# The quick start's report read from Tempo's HTTP API (--tempo): MeshTool must decode Tempo's base64 ids and
# "batches" and print the same trace tree as from the OTLP JSON file. Uses the spans the quick start just exported.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
spans="${1:-$root/.paymesh/traces/spans.otlp.jsonl}"
classpath="$root/.paymesh/tool.classpath"
[[ -s "$spans" && -s "$classpath" ]] || { echo "tempo-view-check: run deploy/scripts/quickstart.sh --once first" >&2; exit 1; }

port_file="$(mktemp)"
python3 "$root/deploy/tests/tempo-view/fake_tempo.py" "$spans" "$port_file" &
tempo_pid=$!
trap 'kill "$tempo_pid" 2>/dev/null || true; rm -f "$port_file"' EXIT
for _ in $(seq 1 100); do [[ -s "$port_file" ]] && break; kill -0 "$tempo_pid" 2>/dev/null || break; sleep 0.1; done
[[ -s "$port_file" ]] || { echo "tempo-view-check: the stand-in Tempo did not start" >&2; exit 1; }
port="$(cat "$port_file")"
echo "stand-in Tempo on http://127.0.0.1:$port"

# shellcheck source=SCRIPTDIR/../scripts/mesh-lib.sh
source "$root/deploy/scripts/mesh-lib.sh"
# The quick start's wait for Tempo (--tempo) polls this count until it reaches the payments sent: the traces with
# payment-gateway's POST /api/payments span, not its other traces (reads, approvals).
payments_in_file="$(python3 -c 'import json, sys
print(len({span["traceId"] for line in open(sys.argv[1]) if line.strip() for rs in json.loads(line)["resourceSpans"]
           if {"key": "service.name", "value": {"stringValue": "payment-gateway"}} in rs["resource"]["attributes"]
           for ss in rs["scopeSpans"] for span in ss["spans"] if span["name"] == "POST /api/payments"}))' "$spans")"
settled="$(mesh_settle 0.1 20 "$payments_in_file" 2 20 mesh_tempo_payment_count "http://127.0.0.1:$port" 0)"
# A window that starts after the run finds nothing: the poll asks for this run's payments only.
if later_answer="$(mesh_tempo_payment_search "http://127.0.0.1:$port" "$(( ($(date +%s) + 120) * 1000 ))")"; then
  later="$({ grep -o '"traceID"' <<< "$later_answer" || true; } | wc -l | tr -d ' ')"
else
  later="no answer"
fi

tool() { java -cp "$(cat "$classpath")" "$root/deploy/scripts/MeshTool.java" show "$@"; }
# A failed view fails the checks below instead of stopping the script.
from_file="$(tool --traces "$spans")" || from_file=""
from_tempo="$(tool --tempo "http://127.0.0.1:$port")" || from_tempo=""

passed=0 failed=0
check() { if [[ "$2" == true ]]; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi; }
tree() { sed -n '/^Slowest payment/,$p' <<< "$1"; }
check "the Tempo view finds the slowest payment" "$(grep -q '^Slowest payment: trace [0-9a-f]\{32\}' <<< "$from_tempo" && echo true)"
check "the Tempo view draws the same tree as the file view" "$([[ "$(tree "$from_tempo")" == "$(tree "$from_file")" ]] && echo true)"
check "the quick start's Tempo poll counts the payments' traces, ${settled:-none} of $payments_in_file" \
  "$([[ "$settled" == "$payments_in_file" ]] && echo true)"
check "the Tempo poll counts only the payments since its start ($later after the run)" "$([[ "$later" == 0 ]] && echo true)"
check "the tree crosses the three services" "$(grep -q 'over 3 services' <<< "$from_tempo" && echo true)"
echo "$passed passed, $failed failed"
[[ "$failed" == 0 ]]
