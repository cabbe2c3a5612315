#!/usr/bin/env bash
# What the one base URL costs: the same requests through the gateway and on the service's own port, side by
# side in one run, with wrk (a keep-alive client; Debian package `wrk`). Starts nothing: point it at a running
# devstack (or docker-compose).
#
#   bench/gateway.sh BASE_URL QUERY_SIDE_URL COMMAND_SIDE_URL ACCESS_TOKEN
#
# e.g. bench/gateway.sh http://127.0.0.1:8080 http://127.0.0.1:8082 http://127.0.0.1:8081 "$TOKEN"
# Environment: THREADS (2), CONNECTIONS (8), DURATION (20s), ROUNDS (2: base URL and own port alternate, so that a
# change in the machine's load meets both alike), WARMUP (5s per target, not reported).
set -euo pipefail

if [ $# -ne 4 ]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
base=${1%/} query_side=${2%/} command_side=${3%/} token=$4
threads=${THREADS:-2} connections=${CONNECTIONS:-8} duration=${DURATION:-20s} rounds=${ROUNDS:-2}
warmup=${WARMUP:-5s}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

# One wrk run; prints "requests/s p50 p99 errors" (latencies in ms).
measure() {
  local url=$1 length=$2 out
  shift 2
  out=$(wrk -t"$threads" -c"$connections" -d"$length" --latency "$@" "$url")
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, errors }' <<<"$out"
}

printf '| request | via | round | requests/s | p50 ms | p99 ms | errors |\n| --- | --- | --- | --- | --- | --- | --- |\n'
declare -A total
row() {
  local name=$1 via=$2 round=$3 url=$4
  shift 4
  read -r rps p50 p99 errors < <(measure "$url" "$duration" "$@")
  total["$name|$via"]=$(( ${total["$name|$via"]:-0} + rps ))
  printf '| `%s` | %s | %s | %s | %s | %s | %s |\n' "$name" "$via" "$round" "$rps" "$p50" "$p99" "$errors"
}

auth=(-H "Authorization: Bearer $token")
for url in "$base/api/timeline" "$query_side/api/timeline"; do measure "$url" "$warmup" "${auth[@]}" >/dev/null; done
for url in "$base/.well-known/jwks.json" "$command_side/.well-known/jwks.json"; do measure "$url" "$warmup" >/dev/null; done

for round in $(seq 1 "$rounds"); do
  row "GET /api/timeline" "base URL" "$round" "$base/api/timeline" "${auth[@]}"
  row "GET /api/timeline" "query-side's port" "$round" "$query_side/api/timeline" "${auth[@]}"
  row "GET /.well-known/jwks.json" "base URL" "$round" "$base/.well-known/jwks.json"
  row "GET /.well-known/jwks.json" "command-side's port" "$round" "$command_side/.well-known/jwks.json"
done

echo
for pair in "GET /api/timeline|query-side's port" "GET /.well-known/jwks.json|command-side's port"; do
  name=${pair%%|*}
  via_base=${total["$name|base URL"]} direct=${total["$pair"]}
  awk -v n="$name" -v b="$via_base" -v d="$direct" \
    'BEGIN { printf "`%s`: base URL %.0f%% of the own port'"'"'s requests/s (all rounds)\n", n, 100 * b / d }'
done
