#!/usr/bin/env bash
# dashboard-metrics.sh SCRAPE_FILE...
# Checks that every metric the paymesh APM dashboard queries in Prometheus exists: either as a series name in the
# given /q/metrics scrapes (Prometheus or OpenMetrics text), or as the output of a paymesh recording rule whose
# input metrics all exist in them. CI calls it with real scrapes of the three running services, e.g.
#   curl -s -H 'Accept: application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1' localhost:8888/q/metrics > gateway.txt
#   (Prometheus's header; application/openmetrics-text alone gets a 406 from Micrometer's endpoint)
# Env: DASHBOARD (default deploy/grafana/dashboards/paymesh-apm.json), RULES (deploy/prometheus/rules/paymesh-rules.yml).
# Needs jq. Prints one line per metric and a last line "N passed, M failed"; exits 1 when a metric is missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dashboard="${DASHBOARD:-$root/deploy/grafana/dashboards/paymesh-apm.json}"
rules="${RULES:-$root/deploy/prometheus/rules/paymesh-rules.yml}"
[[ $# -gt 0 ]] || { echo "usage: dashboard-metrics.sh SCRAPE_FILE..." >&2; exit 2; }
command -v jq >/dev/null || { echo "dashboard-metrics.sh: jq is required (apt-get install -y jq)" >&2; exit 2; }
for f in "$dashboard" "$rules" "$@"; do
  [[ -r "$f" ]] || { echo "dashboard-metrics.sh: cannot read $f" >&2; exit 2; }
done

# metric_names: PromQL expressions on stdin, one per line -> the metric names they select, one per line.
# Drops variables, strings, label matchers, ranges, grouping clauses and numbers, then keeps the identifiers that
# are neither functions (followed by "(") nor keywords.
metric_names() {
  sed -E -e 's/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?//g' -e 's/"[^"]*"//g' -e 's/\{[^}]*\}//g' -e 's/\[[^]]*\]//g' \
      -e 's/\b(by|without|on|ignoring|group_left|group_right)[[:space:]]*\([^)]*\)//g' \
      -e 's/\b[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\b//g' |
    grep -oE '[A-Za-z_:][A-Za-z0-9_:]*[[:space:]]*\(?' |
    grep -vE '\($' | sed -E 's/[[:space:]]+$//' |
    grep -vxE '(by|without|on|ignoring|group_left|group_right|bool|and|or|unless|offset|inf|nan|Inf|NaN)' |
    sort -u || true
}

# Series names present in the scrapes (the text before "{" or the first space of every sample line).
scraped="$(grep -hvE '^[[:space:]]*(#|$)' "$@" | sed -E 's/^([A-Za-z_:][A-Za-z0-9_:]*).*/\1/' | sort -u)"
[[ -n "$scraped" ]] || { echo "dashboard-metrics.sh: no samples in $*" >&2; exit 1; }
has_scraped() { grep -qxF "$1" <<<"$scraped"; }

# Recording rules: "record<TAB>expr" pairs (each expr must stay on one line in the rules file).
rule_pairs="$(awk '
  /^[[:space:]]*-[[:space:]]*record:/ { sub(/.*record:[[:space:]]*/, ""); rec = $0; next }
  /^[[:space:]]*expr:/ && rec != "" { sub(/.*expr:[[:space:]]*/, ""); print rec "\t" $0; rec = "" }' "$rules")"
[[ -n "$rule_pairs" ]] || { echo "dashboard-metrics.sh: no recording rules found in $rules" >&2; exit 1; }

# What the dashboard queries in Prometheus: panel targets' expr, and the metric of label_values() variables.
wanted="$( {
  jq -r '.. | objects | select(has("expr")) | .expr' "$dashboard"
  jq -r '.templating.list[]? | select(.type == "query") | (.definition // .query.query // .query // "")' "$dashboard" |
    sed -nE 's/^label_values\(([^,]*),.*$/\1/p'
} | metric_names)"
[[ -n "$wanted" ]] || { echo "dashboard-metrics.sh: no Prometheus query found in $dashboard" >&2; exit 1; }

passed=0 failed=0
while IFS= read -r metric; do
  if has_scraped "$metric"; then
    passed=$((passed + 1)); echo "ok   $metric (scraped)"; continue
  fi
  expr="$(awk -F '\t' -v m="$metric" '$1 == m { print $2; exit }' <<<"$rule_pairs")"
  if [[ -z "$expr" ]]; then
    failed=$((failed + 1)); echo "FAIL $metric: neither in the scrapes nor recorded by $(basename "$rules")"; continue
  fi
  expr="$(sed -E "s/^['\"]//; s/['\"]$//" <<<"$expr")"
  if [[ -z "$(metric_names <<<"$expr")" ]]; then
    failed=$((failed + 1)); echo "FAIL $metric: no metric read from its recording rule ('$expr'; one line per expr)"; continue
  fi
  missing=""
  while IFS= read -r input; do
    [[ -n "$input" ]] && ! has_scraped "$input" && missing+=" $input"
  done < <(metric_names <<<"$expr")
  if [[ -z "$missing" ]]; then
    passed=$((passed + 1)); echo "ok   $metric (recording rule over: $(metric_names <<<"$expr" | paste -sd ' ' -))"
  else
    failed=$((failed + 1)); echo "FAIL $metric: recording rule input missing from the scrapes:$missing"
  fi
done <<<"$wanted"

echo "$passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
