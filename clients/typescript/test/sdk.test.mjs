// The TypeScript client against a live server: TARN_BIN (or the cargo-built binary) on a free
// port with a fresh SQLite catalog and lake in a temporary folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { Tarn, TarnError } from "../src/index.js";

const PASSWORD = "ts-sdk-admin-pw";
const repo = resolve(import.meta.dirname, "../../..");
let server;
let dataDir;
let url;

function binary() {
  if (process.env.TARN_BIN) return process.env.TARN_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? join(repo, "target");
  return [join(target, "debug", "tarn"), join(target, "release", "tarn")].find(existsSync);
}

const freePort = () =>
  new Promise((ok) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });

before(async () => {
  const bin = binary();
  assert.ok(bin && existsSync(bin), "no tarn binary: run `cargo build` or set TARN_BIN");
  dataDir = mkdtempSync(join(tmpdir(), "tarn-ts-"));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, TARN_ADMIN_PASSWORD: PASSWORD, TARN_LISTEN: `127.0.0.1:${port}`,
    TARN_DATA_DIR: dataDir, TARN_LOG_LEVEL: "warn" };
  delete env.TARN_DATABASE_URL;
  server = spawn(bin, ["serve"], { env, stdio: "ignore" });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {}
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error("tarn did not start");
});

after(() => {
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("a wrong password is a TarnError with its code", async () => {
  await assert.rejects(new Tarn(url).login("admin", "wrong-password"), (e) => {
    assert.ok(e instanceof TarnError);
    assert.equal(e.status, 401);
    assert.equal(e.code, "invalid_credentials");
    return true;
  });
});

test("the catalog through the typed client: create, list across pages, update with If-Match", async () => {
  const lake = await new Tarn(url).login("admin", PASSWORD);
  for (const name of ["ts_one", "ts_two", "ts_three"]) {
    await lake.call(lake.api.POST("/v1/databases", { body: { name } }));
  }
  const names = [];
  for await (const db of lake.pages("/v1/databases", "databases", { query: { max_results: 2 } })) names.push(db.name);
  assert.deepEqual(names.filter((n) => n.startsWith("ts_")).sort(), ["ts_one", "ts_three", "ts_two"]);

  const columns = [{ name: "id", type: "Int64" }, { name: "amount", type: "Float64" }];
  await lake.call(lake.api.POST("/v1/databases/{db}/tables", {
    params: { path: { db: "ts_one" } }, body: { name: "orders", format: "csv", columns },
  }));
  const path = { db: "ts_one", table: "orders" };
  const table = await lake.call(lake.api.GET("/v1/databases/{db}/tables/{table}", { params: { path } }));
  const update = (etag) => lake.api.PATCH("/v1/databases/{db}/tables/{table}", {
    params: { path, header: { "If-Match": etag } }, body: { description: "All orders" },
  });
  const updated = await lake.call(update(table.etag));
  assert.equal(updated.version, table.version + 1);
  await assert.rejects(lake.call(update(table.etag)), (e) => e.code === "version_mismatch" && e.status === 412);

  // The index follows committed changes within moments: poll for a while.
  const deadline = Date.now() + 15000;
  for (;;) {
    const hits = await lake.call(lake.api.GET("/v1/search", { params: { query: { q: "orders" } } }));
    if (hits.results.some((h) => h.table === "orders" && h.kind === "table")) break;
    assert.ok(Date.now() < deadline, JSON.stringify(hits.results));
    await new Promise((ok) => setTimeout(ok, 100));
  }
});

test("upload bytes, then query as JSON and as Arrow", async () => {
  const lake = await new Tarn(url).login("admin", PASSWORD);
  await lake.call(lake.api.POST("/v1/databases", { body: { name: "ts_lake" } }));
  const columns = [{ name: "id", type: "Int64" }, { name: "who", type: "Utf8" }];
  await lake.call(lake.api.POST("/v1/databases/{db}/tables", {
    params: { path: { db: "ts_lake" } }, body: { name: "people", format: "csv", columns },
  }));
  const csv = new TextEncoder().encode("id,who\n1,ann\n2,bob\n");
  const file = await lake.upload(csv, "ts_lake", "people", "part-0.csv");
  assert.equal(file.created, true);
  const json = await lake.query("SELECT id, who FROM ts_lake.people ORDER BY id");
  assert.deepEqual(json.rows, [{ id: 1, who: "ann" }, { id: 2, who: "bob" }]);
  const arrow = await lake.query("SELECT id, who FROM ts_lake.people ORDER BY id", { format: "arrow" });
  assert.equal(arrow.numRows, 2);
  assert.deepEqual([...arrow.getChild("who")], ["ann", "bob"]);
  assert.deepEqual([...arrow.getChild("id")], [1n, 2n]);
});

test("errors carry the problem document", async () => {
  const lake = await new Tarn(url).login("admin", PASSWORD);
  await assert.rejects(
    lake.call(lake.api.GET("/v1/databases/{db}", { params: { path: { db: "no_such_db" } } })),
    (e) => e.code === "not_found" && e.status === 404 && typeof e.requestId === "string",
  );
});
