// What every bench part gets: the API server (its own process), plain `pg` to the same database for
// floors, a GraphQL client timing client wall time, and a way to fail the run on a broken budget.
import type pg from 'pg';
import type { ServerStats } from './server-protocol';

export interface BenchServer {
  url: string;
  /** A fresh organization with an admin key (one per part keeps the parts' data apart). */
  organization(name: string): Promise<{ organizationId: string; key: string }>;
  /** Starts a measurement window (event-loop histogram, statement count). */
  mark(): Promise<void>;
  /** The server's measurements since the last mark. */
  stats(): Promise<ServerStats>;
  /** Starts the minimal express+pg primary-key handler in the server's process; returns its url. */
  pkBaseline(organizationId: string): Promise<string>;
}

export interface BenchContext {
  /** `--quick`: the CI subset, under a minute. */
  quick: boolean;
  server: BenchServer;
  /** Plain `pg` to the server's database. */
  pool: pg.Pool;
  /** Records a broken budget: the bench prints it and exits non-zero at the end. */
  fail(message: string): void;
}

/** One part of `pnpm bench` (run by name: `pnpm bench postings`). */
export interface BenchPart {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}

export type Gql = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{ data: T; ms: number }>;

/** GraphQL over HTTP with one key; `ms` is the client's wall time, request to parsed answer. */
export function graphqlClient(url: string, key: string): Gql {
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const started = performance.now();
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    const ms = performance.now() - started;
    if (body.errors || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
    return { data: body.data, ms };
  };
}

/** Wall time of `fn` in milliseconds. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const row of rows) console.log(line(row));
}

export const fmt = (value: number, digits = 0) => value.toFixed(digits);
