#!/usr/bin/env bash
# Server CPU time per GET-table request under wrk (16 connections, 10 s): a steadier figure
# than req/s on a 2-core machine where wrk and the server share the cores.
#
#     bash benches/cpu_per_request.sh <tarn binary> <label>
set -euo pipefail
BIN=$1; PORT=18473; PASSWORD=bench-password-1; WORK=$(mktemp -d)
TARN_ADMIN_PASSWORD=$PASSWORD "$BIN" serve --listen 127.0.0.1:$PORT --data-dir "$WORK" --log-level warn >"$WORK/log" 2>&1 &
PID=$!
for _ in $(seq 1 50); do curl -sf "localhost:$PORT/readyz" >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -sf -X POST "localhost:$PORT/v1/auth/token" -d grant_type=password -d username=admin -d password=$PASSWORD | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
A="Authorization: Bearer $TOKEN"
curl -sf -X POST "localhost:$PORT/v1/databases" -H "$A" -H 'content-type: application/json' -d '{"name": "sales"}' >/dev/null
curl -sf -X POST "localhost:$PORT/v1/databases/sales/tables" -H "$A" -H 'content-type: application/json' -d '{"name": "orders", "zone": "curated", "description": "One row per order", "columns": [{"name": "id", "type": "int64"}, {"name": "amount", "type": "decimal(12,2)"}, {"name": "customer_id", "type": "int64"}, {"name": "region", "type": "utf8"}, {"name": "placed_at", "type": "timestamp(us, UTC)"}], "partition_keys": [{"name": "year", "type": "int32"}], "business": {"owner": "sales-eng", "steward": "alice", "domain": "sales"}}' >/dev/null
URL="http://127.0.0.1:$PORT/v1/databases/sales/tables/orders"
wrk -t1 -c1 -d2s -H "$A" "$URL" >/dev/null
ticks() { awk '{print $14+$15}' /proc/$PID/stat; }
t0=$(ticks)
OUT=$(wrk -t2 -c16 -d10s -H "$A" "$URL")
t1=$(ticks)
REQS=$(awk '/requests in/ {print $1}' <<<"$OUT")
RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$OUT")
HZ=$(getconf CLK_TCK)
python3 -c "print(f'$2 req/s {float($RPS):.0f}  server CPU per request {($t1-$t0)/$HZ/$REQS*1e6:.1f} us')"
kill $PID; wait $PID 2>/dev/null || true; rm -rf "$WORK"
