// Types of the hand-written layer; the API's own types are generated into schema.d.ts.
import type { Client } from "openapi-fetch";
import type { Table } from "apache-arrow";
import type { components, paths } from "./schema.js";

export type { components, paths };
export type Problem = components["schemas"]["Problem"];

export declare class TarnError extends Error {
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  problem: Partial<Problem>;
}

export interface QueryOptions {
  maxRows?: number;
}

export declare class Tarn {
  constructor(url?: string, options?: { token?: string; fetch?: typeof fetch });
  url: string;
  token?: string;
  /** The generated, typed client: `api.GET("/v1/databases/{db}", { params: { path: { db } } })`. */
  api: Client<paths>;
  login(username: string, password: string): Promise<this>;
  loginService(clientId: string, clientSecret: string): Promise<this>;
  call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T>;
  pages<T = unknown>(path: keyof paths, items: string, params?: Record<string, unknown>): AsyncGenerator<T>;
  databases(): AsyncGenerator<components["schemas"]["DatabaseResponse"]>;
  tables(db: string): AsyncGenerator<components["schemas"]["TableResponse"]>;
  query(sql: string, options: QueryOptions & { format: "arrow" }): Promise<Table>;
  query(sql: string, options?: QueryOptions & { format?: "json" }): Promise<components["schemas"]["QueryResult"]>;
  query(sql: string, options: QueryOptions & { format: "csv" | "parquet" }): Promise<Uint8Array>;
  upload(
    content: Blob | Uint8Array | ArrayBuffer,
    db: string,
    table: string,
    name: string,
    options?: { partition?: string; overwrite?: boolean },
  ): Promise<components["schemas"]["FileResponse"]>;
}
