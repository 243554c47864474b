// The hand-written layer over the generated types (src/schema.d.ts) and openapi-fetch:
// login, paginated lists, queries as JSON or Arrow, uploads, typed errors. Types: index.d.ts.
import createClient from "openapi-fetch";
import { tableFromIPC } from "apache-arrow";

/** A request Tarn refused or failed; carries its RFC 9457 problem document. */
export class TarnError extends Error {
  constructor(status, problem) {
    super(`${status} ${problem?.code ?? "error"}: ${problem?.detail ?? ""}`);
    this.name = "TarnError";
    this.status = status;
    this.code = problem?.code ?? "error";
    this.detail = problem?.detail ?? "";
    this.requestId = problem?.request_id;
    this.problem = problem ?? {};
  }
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return {};
  }
}

export class Tarn {
  constructor(url = "http://127.0.0.1:8470", options = {}) {
    this.url = url.replace(/\/+$/, "");
    this.token = options.token;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.api = createClient({ baseUrl: this.url, fetch: this.fetch });
    this.api.use({
      onRequest: ({ request }) => {
        if (this.token) request.headers.set("Authorization", `Bearer ${this.token}`);
        return request;
      },
    });
  }

  /** Signs in as a user. */
  login(username, password) {
    return this.#token({ grant_type: "password", username, password });
  }

  /** Signs in as a service principal (OAuth2 client credentials). */
  loginService(clientId, clientSecret) {
    return this.#token({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
  }

  async #token(body) {
    const answer = await this.call(this.api.POST("/v1/auth/token", { body }));
    this.token = answer.access_token;
    return this;
  }

  /** Awaits an openapi-fetch call: its data, or a TarnError from its problem document. */
  async call(pending) {
    const { data, error, response } = await pending;
    if (!response.ok) throw new TarnError(response.status, error);
    return data;
  }

  /** Every item of a paginated list: `pages("/v1/databases", "databases")`. */
  async *pages(path, items, params = {}) {
    let token;
    do {
      const query = { ...(params.query ?? {}), ...(token ? { page_token: token } : {}) };
      const page = await this.call(this.api.GET(path, { params: { ...params, query } }));
      yield* page[items];
      token = page.next_page_token;
    } while (token);
  }

  databases() {
    return this.pages("/v1/databases", "databases");
  }

  tables(db) {
    return this.pages("/v1/databases/{db}/tables", "tables", { path: { db } });
  }

  /** Runs SQL: `{columns, rows}` as JSON, or an apache-arrow Table with `{format: "arrow"}`. */
  async query(sql, options = {}) {
    const format = options.format ?? "json";
    const body = { sql, format, ...(options.maxRows != null ? { max_rows: options.maxRows } : {}) };
    const response = await this.#send("POST", "/v1/query", JSON.stringify(body), "application/json");
    if (format === "arrow") return tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    if (format === "json") return response.json();
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Uploads a file (Blob or bytes) into a table's folder; needs INSERT on the table. */
  async upload(content, db, table, name, options = {}) {
    const search = new URLSearchParams();
    if (options.partition) search.set("partition", options.partition);
    if (options.overwrite) search.set("overwrite", "true");
    const segments = [db, table].map(encodeURIComponent);
    const path = `/v1/databases/${segments[0]}/tables/${segments[1]}/files/${encodeURIComponent(name)}`;
    const query = search.size ? `?${search}` : "";
    const response = await this.#send("PUT", path + query, content, "application/octet-stream");
    return response.json();
  }

  async #send(method, path, body, contentType) {
    const headers = { "Content-Type": contentType };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const response = await this.fetch(this.url + path, { method, headers, body });
    if (!response.ok) throw new TarnError(response.status, await problemOf(response));
    return response;
  }
}
