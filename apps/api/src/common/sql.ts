import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEmitter } from 'node:events';
import Cursor from 'pg-cursor';
import type pg from 'pg';
import type { Columns } from './columns';
import { breathe, eachInSlices, mapInSlices } from './slices';

/** Positional values for `?`, or named ones for `:name` (a long statement reads better by name). */
export type SqlParams = readonly unknown[] | Readonly<Record<string, unknown>>;

/**
 * Runs one raw SQL statement on the request's EntityManager (inside its transaction when one is
 * open). Placeholders are `?` (or `:name` with named values). Values travel as bind parameters (`$1`…), never inlined into the text:
 * `em.execute` would format every value into the SQL string, which for a list of 100,000 serials is
 * megabytes escaped character by character on the event loop. A JS array is one parameter, sent as
 * a PostgreSQL array literal: `unnest(?::text[])` keeps every statement set-based and its size constant.
 */
export async function sql<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: SqlParams = [],
): Promise<T[]> {
  const query = em.getKnex().raw(text, (await bindingsOf(params)) as never);
  const trx = em.getTransactionContext();
  if (trx) query.transacting(trx);
  try {
    const result = (await query) as { rows: T[] };
    return result.rows;
  } catch (e) {
    throw em.getDriver().convertException(e as Error);
  }
}

async function bindingsOf(params: SqlParams): Promise<unknown[] | Record<string, unknown>> {
  const binding = async (p: unknown) =>
    p === undefined ? null : Array.isArray(p) ? await arrayLiteral(p) : p;
  if (Array.isArray(params)) {
    const bindings: unknown[] = [];
    for (const p of params as readonly unknown[]) bindings.push(await binding(p));
    return bindings;
  }
  const named: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(params)) named[name] = await binding(p);
  return named;
}

/** Rows per round trip of `sqlInBatches`: parsing a batch holds the event loop a few milliseconds. */
const BATCH_ROWS = 2000;

/** The part of knex's client a transaction hands its own connection out from, and reports statements to. */
interface TransactionClient extends EventEmitter {
  acquireConnection(): Promise<pg.Client>;
}

/**
 * `sql` for a statement that returns up to 100,000 rows (the units a posting locks), inside the
 * open transaction. Read whole, such a result arrives faster than it is parsed: the socket hands
 * over megabytes of rows per turn of the event loop, and parsing them holds every other request for
 * 50–100 ms. Here the one statement's portal is read BATCH_ROWS at a time (pg-cursor), with a breath
 * between batches. Still one statement (one parse, one plan; counted and traced as one), so locks
 * are taken in the statement's order exactly as before. `expectedRows`: about how many rows come
 * back; a result of one batch or less is read at once, saving the portal's extra round trip.
 */
export async function sqlInBatches<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly unknown[],
  expectedRows: number,
): Promise<T[]> {
  const trx = em.getTransactionContext();
  if (!trx) throw new Error('sqlInBatches reads inside a transaction only.');
  if (expectedRows <= BATCH_ROWS) return sql<T>(em, text, params);
  const compiled = em
    .getKnex()
    .raw(text, (await bindingsOf(params)) as never)
    .toSQL();
  const { sql: native, bindings } = compiled.toNative();
  const client = trx.client as unknown as TransactionClient;
  const connection = await client.acquireConnection();
  const report = { ...compiled, __knexTxId: (connection as { __knexTxId?: string }).__knexTxId };
  client.emit('query', report);
  const cursor = connection.query(new Cursor<T>(native, bindings as unknown[]));
  const rows: T[] = [];
  try {
    for (;;) {
      const batch = await cursor.read(BATCH_ROWS);
      for (const row of batch) rows.push(row);
      if (batch.length < BATCH_ROWS) break;
      await breathe();
    }
  } catch (e) {
    client.emit('query-error', e, report);
    throw em.getDriver().convertException(e as Error);
  } finally {
    await cursor.close().catch(() => undefined);
  }
  client.emit('query-response', rows, report);
  return rows;
}

/**
 * A one-dimensional PostgreSQL array literal (`{"a","b",NULL}`), built with native joins: pg's own
 * serializer escapes element by element in JS and, for 100,000 values, holds the event loop far longer.
 */
export async function arrayLiteral(values: readonly unknown[]): Promise<string> {
  // Joined slice by slice: one join of 100,000 elements held the event loop 10–40 ms by itself.
  const chunks: string[] = [];
  for (let start = 0; start < values.length; start += LITERAL_SLICE) {
    if (start > 0) await breathe();
    chunks.push(
      values
        .slice(start, start + LITERAL_SLICE)
        .map(arrayElement)
        .join(','),
    );
  }
  return `{${chunks.join(',')}}`;
}

const LITERAL_SLICE = 2048;

function arrayElement(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const text = v instanceof Date ? v.toISOString() : String(v);
  const escaped = text.includes('\\') || text.includes('"') ? text.replace(/[\\"]/g, '\\$&') : text;
  return `"${escaped}"`;
}

export async function sqlOne<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly unknown[] = [],
): Promise<T | undefined> {
  const rows = await sql<T>(em, text, params);
  return rows[0];
}

/** How the values of some columns are written: the same value in every row, or an SQL expression. */
export interface RowDefaults<Row> {
  fixed?: Partial<Row>;
  generated?: Partial<Record<keyof Row, string>>;
}

/** A column's values for a set-based write: one per row, or one value for every row. */
export type ColumnValues = readonly unknown[] | { same: unknown };
type ColumnSource = ColumnValues | Promise<readonly unknown[]>;

/**
 * Rows as a relation for a set-based write: a column with the same value in every row is one scalar
 * parameter, the others are one array parameter each in `unnest(?::uuid[], …) as r(column, …)`.
 * Either way the statement's size and parameter count do not depend on the number of rows.
 */
async function relation<Row>(
  columns: Columns<Row>,
  keys: readonly (keyof Row)[],
  valuesOf: (key: keyof Row) => ColumnSource,
  generated: Partial<Record<keyof Row, string>> = {},
) {
  const exprs = new Map<keyof Row, string>();
  const scalars: unknown[] = [];
  const arrays: { key: keyof Row; literal: string }[] = [];
  for (const key of keys) {
    const def = columns[key];
    if (generated[key]) {
      exprs.set(key, generated[key]);
      continue;
    }
    const values = await valuesOf(key);
    const same = 'same' in values ? values.same : await allSame(values);
    if (same !== DIFFERENT) {
      exprs.set(key, `?::${def.type}`);
      scalars.push(same ?? null);
    } else {
      exprs.set(key, `r.${def.column}`);
      arrays.push({ key, literal: await arrayLiteral(values as unknown[]) });
      await breathe();
    }
  }
  const defs = arrays.map((a) => columns[a.key]);
  const from = arrays.length
    ? `unnest(${defs.map((d) => `?::${d.type}[]`).join(', ')}) as r(${defs.map((d) => d.column).join(', ')})`
    : null;
  return { exprs, from, params: [...scalars, ...arrays.map((a) => a.literal)] };
}

const DIFFERENT = Symbol('different');

async function allSame(values: readonly unknown[]): Promise<unknown> {
  const first = values[0] ?? null;
  const key = first instanceof Date ? first.getTime() : first;
  let same = true;
  await eachInSlices(values, (v) => {
    if (same && (v instanceof Date ? v.getTime() : (v ?? null)) !== key) same = false;
  });
  return same ? first : DIFFERENT;
}

/** One SQL statement and its parameters, to run alone or together with others. */
export interface Statement {
  text: string;
  params: unknown[];
}

/** The statement inserting the rows (the given columns), or null for no rows. */
export async function insertStatement<Row>(
  table: string,
  columns: Columns<Row>,
  keys: readonly (keyof Row)[],
  rows: readonly Partial<Row>[],
  { fixed = {}, generated = {} }: RowDefaults<Row> = {},
): Promise<Statement | null> {
  if (rows.length === 0) return null;
  const r = await relation(
    columns,
    keys,
    (key) => (key in fixed ? { same: fixed[key] } : mapInSlices(rows, (row) => row[key] ?? null)),
    generated,
  );
  const list = keys.map((k) => columns[k].column).join(', ');
  const select = keys.map((k) => r.exprs.get(k)).join(', ');
  return {
    text: `insert into ${table} (${list}) select ${select}${r.from ? ` from ${r.from}` : ''}`,
    params: r.params,
  };
}

/**
 * The statement setting columns of the organization's rows with these ids (`valuesOf` in the same
 * order), or null. The organization leads the primary key, so it is part of every row lookup.
 */
export async function updateStatement<Row extends { id: string }>(
  table: string,
  columns: Columns<Row>,
  keys: readonly (keyof Row)[],
  organizationId: string,
  ids: readonly string[],
  valuesOf: (key: keyof Row) => ColumnSource,
): Promise<Statement | null> {
  if (ids.length === 0 || keys.length === 0) return null;
  // The id goes last: one row's id is the last scalar, as its place in the text (ids of rows differ,
  // so with several rows it is an array of the relation).
  const r = await relation(columns, [...keys, 'id'], (key) => (key === 'id' ? ids : valuesOf(key)));
  const set = keys.map((k) => `${columns[k].column} = ${r.exprs.get(k)}`).join(', ');
  return {
    text: `update ${table} t set ${set}${r.from ? ` from ${r.from}` : ''} where t.id = ${r.exprs.get('id')} and t.organization_id = ?::uuid`,
    params: [...r.params, organizationId],
  };
}

/**
 * Data-modifying statements as one (`with name as (…), … <final>`): one round trip. They all see
 * the same snapshot, and constraints (foreign keys too) are checked when the whole statement ends.
 */
export function together(
  parts: readonly (Statement & { name: string })[],
  final: Statement = { text: 'select 1', params: [] },
): Statement {
  if (parts.length === 0) return final;
  return {
    text: `with ${parts.map((p) => `${p.name} as (${p.text})`).join(',\n')}\n${final.text}`,
    params: [...parts.flatMap((p) => p.params), ...final.params],
  };
}

/** JSON parameter for `jsonb_to_recordset` / `jsonb_array_elements_text`. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Escapes LIKE wildcards so a search for "A_1" finds exactly that. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%` for a case-insensitive substring search, or null for no filter. */
export function containsPattern(search: string | null | undefined): string | null {
  const text = search?.trim();
  return text ? `%${escapeLike(text.toLowerCase())}%` : null;
}
