#!/usr/bin/env bash
# Time from a client's request to 201 Created (the program launched and ready), over N requests, each session ended
# right after. Usage: bench/request-latency.sh [base-url] [app] [n]   (against a running ./switchboard)
set -euo pipefail
base=${1:-http://127.0.0.1:8080}
app=${2:-cat}
n=${3:-50}
times=()
for i in $(seq 1 "$n"); do
  out=$(curl -s -o /tmp/switchboard-bench.json -w '%{http_code} %{time_total}' -X POST \
        -H 'Content-Type: application/json' -d "{\"app\":\"$app\",\"clientId\":\"bench-$i\"}" "$base/api/v1/sessions")
  read -r code seconds <<< "$out"
  [ "$code" = 201 ] || { echo "request $i: HTTP $code: $(cat /tmp/switchboard-bench.json)" >&2; exit 1; }
  id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' /tmp/switchboard-bench.json)
  curl -s -o /dev/null -X DELETE "$base/api/v1/sessions/$id"
  times+=("$seconds")
done
rm -f /tmp/switchboard-bench.json
printf '%s\n' "${times[@]}" | sort -n | awk -v app="$app" '{ t[NR] = $1 * 1000 } END {
  printf "%d requests for %s: median %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms\n",
         NR, app, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)], t[1], t[NR] }'
