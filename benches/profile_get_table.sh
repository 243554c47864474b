#!/usr/bin/env bash
# Where GET table spends its CPU: perf on a release server while wrk GETs one table at 16
# connections (SQLite). Needs wrk, perf and jq.
#
#     bash benches/profile_get_table.sh target/release/tarn
set -e
BIN=${1:-target/release/tarn}; PORT=18472; PW=bench-password-1; W=$(mktemp -d)
TARN_ADMIN_PASSWORD=$PW $BIN serve --listen 127.0.0.1:$PORT --data-dir $W --log-level warn > $W/log 2>&1 &
PID=$!
for _ in $(seq 1 50); do curl -sf localhost:$PORT/readyz >/dev/null && break; sleep 0.2; done
T=$(curl -sf -X POST localhost:$PORT/v1/auth/token -d grant_type=password -d username=admin -d password=$PW | jq -r .access_token)
curl -sf -X POST localhost:$PORT/v1/databases -H "Authorization: Bearer $T" -H 'content-type: application/json' -d '{"name":"sales"}' >/dev/null
curl -sf -X POST localhost:$PORT/v1/databases/sales/tables -H "Authorization: Bearer $T" -H 'content-type: application/json' -d '{"name":"orders","zone":"curated","columns":[{"name":"id","type":"int64"},{"name":"amount","type":"decimal(12,2)"}],"partition_keys":[{"name":"year","type":"int32"}],"business":{"owner":"sales-eng"}}' >/dev/null
U=http://127.0.0.1:$PORT/v1/databases/sales/tables/orders
wrk -t1 -c1 -d2s -H "Authorization: Bearer $T" $U >/dev/null
wrk -t2 -c16 -d25s --latency -H "Authorization: Bearer $T" $U > $W/wrk.txt &
WP=$!
sleep 3
perf record -F 499 -g -p $PID -o $W/perf.data -- sleep 15 2>/dev/null
wait $WP
kill $PID
grep -E "Requests/sec|99%" $W/wrk.txt
perf report -i $W/perf.data --stdio --no-children --sort dso,symbol 2>/dev/null | grep -E "^ +[0-9]" | head -45
