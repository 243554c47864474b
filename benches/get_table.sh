#!/usr/bin/env bash
# GET one table over HTTP with auth on, driven by wrk at 1, 16 and 64 connections, against
# SQLite and (when psql reaches 127.0.0.1:5432) PostgreSQL. Needs wrk (Debian: apt install wrk).
#
#     bash benches/get_table.sh [seconds-per-run]
#
# TARN_BIN=<path> benchmarks another build (e.g. an older commit, for a side-by-side ratio);
# BACKENDS=sqlite skips PostgreSQL; LABEL prefixes the output lines.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
PORT=18471
PASSWORD=bench-password-1
if [[ -z "${TARN_BIN:-}" ]]; then
    cargo build --release --quiet
fi
BIN="${TARN_BIN:-${CARGO_TARGET_DIR:-target}/release/tarn}"
BACKENDS="${BACKENDS:-both}"
WORK=$(mktemp -d)
PGDB="tarn_bench_$$"

cleanup() {
    [[ -n "${PID:-}" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

bench() {
    local label="$1" url="$2"
    TARN_ADMIN_PASSWORD=$PASSWORD "$BIN" serve --listen 127.0.0.1:$PORT --data-dir "$WORK/$label" \
        --database-url "$url" --log-level warn >"$WORK/$label.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 50); do curl -sf "localhost:$PORT/readyz" >/dev/null && break; sleep 0.2; done
    local token
    token=$(curl -sf -X POST "localhost:$PORT/v1/auth/token" -d grant_type=password -d username=admin \
        -d password=$PASSWORD | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
    local auth="Authorization: Bearer $token"
    curl -sf -X POST "localhost:$PORT/v1/databases" -H "$auth" -H 'content-type: application/json' \
        -d '{"name": "sales"}' >/dev/null
    curl -sf -X POST "localhost:$PORT/v1/databases/sales/tables" -H "$auth" -H 'content-type: application/json' -d '{
        "name": "orders", "zone": "curated", "description": "One row per order",
        "columns": [{"name": "id", "type": "int64"}, {"name": "amount", "type": "decimal(12,2)"},
                    {"name": "customer_id", "type": "int64"}, {"name": "region", "type": "utf8"},
                    {"name": "placed_at", "type": "timestamp(us, UTC)"}],
        "partition_keys": [{"name": "year", "type": "int32"}],
        "business": {"owner": "sales-eng", "steward": "alice", "domain": "sales"}}' >/dev/null
    local target="http://127.0.0.1:$PORT/v1/databases/sales/tables/orders"
    wrk -t1 -c1 -d2s -H "$auth" "$target" >/dev/null # warm up
    for c in 1 16 64; do
        local threads=2; [[ $c == 1 ]] && threads=1
        local out
        out=$(wrk -t$threads -c$c -d"${DURATION}s" --latency -H "$auth" "$target")
        local rps p50 p99 non2xx
        rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
        p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
        p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
        non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
        printf '%s%-8s %3s clients: %10s req/s  p50 %8s  p99 %8s  non-2xx %s\n' "${LABEL:-}" "$label" "$c" "$rps" "$p50" "$p99" "${non2xx:-0}"
    done
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
}

bench sqlite "sqlite://$WORK/sqlite/catalog.db"
if [[ "$BACKENDS" != sqlite ]] && psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $PGDB" >/dev/null 2>&1; then
    bench postgres "postgres://postgres@127.0.0.1:5432/$PGDB"
fi
