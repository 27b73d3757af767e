#!/usr/bin/env bash
set -euo pipefail
url=http://localhost:8888 count=50
while [[ $# -gt 0 ]]; do case "$1" in --url) url="$2"; shift;; --count) count="$2"; shift;; --scenario) shift;; esac; shift; done
for i in $(seq 1 "$count"); do
  if curl -fsS -o /dev/null -H 'Content-Type: application/json' -d "{\"amount\":$((RANDOM % 990 + 10)),\"currency\":\"EUR\",\"customerId\":\"CUST$((RANDOM % 99 + 1))\",\"description\":\"Payment #$i\"}" "$url/api/payments"; then echo "  ✅ Payment #$i created"; else echo "  ❌ Payment #$i failed"; fi
done
