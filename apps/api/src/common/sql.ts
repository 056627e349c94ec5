import type { EntityManager } from '@mikro-orm/postgresql';
import type { Columns } from './columns';

/**
 * Runs one raw SQL statement on the request's EntityManager (inside its transaction when one is
 * open). Placeholders are `?`. Values travel as bind parameters (`$1`…), never inlined into the text:
 * `em.execute` would format every value into the SQL string, which for a list of 100,000 serials is
 * megabytes escaped character by character on the event loop. A JS array is one parameter (pg sends
 * it as an array literal): `unnest(?::text[])` keeps every statement set-based and its size constant.
 */
export async function sql<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const query = em.getKnex().raw(text, params.map((p) => (p === undefined ? null : p)) as never[]);
  const trx = em.getTransactionContext();
  if (trx) query.transacting(trx);
  try {
    const result = (await query) as { rows: T[] };
    return result.rows;
  } catch (e) {
    throw em.getDriver().convertException(e as Error);
  }
}

export async function sqlOne<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: readonly unknown[] = [],
): Promise<T | undefined> {
  const rows = await sql<T>(em, text, params);
  return rows[0];
}

/**
 * The rows as a relation for a set-based write: a column with the same value in every row is one
 * scalar parameter, the others are one array parameter each in `unnest(?::uuid[], …) as r(column, …)`.
 * Either way the statement's size and parameter count do not depend on the number of rows.
 */
function rowsRelation<Row>(
  columns: Columns<Row>,
  keys: readonly (keyof Row)[],
  rows: readonly Row[],
  generated: Partial<Record<keyof Row, string>> = {},
) {
  const exprs = new Map<keyof Row, string>();
  const scalars: unknown[] = [];
  const arrays: { key: keyof Row; values: unknown[] }[] = [];
  for (const key of keys) {
    const def = columns[key];
    if (generated[key]) {
      exprs.set(key, generated[key]);
      continue;
    }
    const values = rows.map((r) => r[key] ?? null);
    if (values.every((v) => sameValue(v, values[0]))) {
      exprs.set(key, `?::${def.type}`);
      scalars.push(values[0]);
    } else {
      exprs.set(key, `r.${def.column}`);
      arrays.push({ key, values });
    }
  }
  const defs = arrays.map((a) => columns[a.key]);
  const from = arrays.length
    ? `unnest(${defs.map((d) => `?::${d.type}[]`).join(', ')}) as r(${defs.map((d) => d.column).join(', ')})`
    : null;
  return { exprs, scalars, from, arrays: arrays.map((a) => a.values) };
}

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/** Inserts the rows (the given columns; `generated` ones from SQL expressions) in one statement. */
export async function insertRows<Row>(
  em: EntityManager,
  table: string,
  columns: Columns<Row>,
  keys: readonly (keyof Row)[],
  rows: readonly Row[],
  generated: Partial<Record<keyof Row, string>> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const r = rowsRelation(columns, keys, rows, generated);
  const list = keys.map((k) => columns[k].column).join(', ');
  const select = keys.map((k) => r.exprs.get(k)).join(', ');
  await sql(em, `insert into ${table} (${list}) select ${select}${r.from ? ` from ${r.from}` : ''}`, [
    ...r.scalars,
    ...r.arrays,
  ]);
}

/** Sets the given columns of the rows, matched by id, in one statement. */
export async function updateRows<Row extends { id: string }>(
  em: EntityManager,
  table: string,
  columns: Columns<Row>,
  keys: readonly (keyof Row)[],
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0 || keys.length === 0) return;
  // The id goes last: one row's id is the last scalar, as its place in the text (ids of rows differ,
  // so with several rows it is an array of the relation).
  const r = rowsRelation(columns, [...keys, 'id'], rows);
  const set = keys.map((k) => `${columns[k].column} = ${r.exprs.get(k)}`).join(', ');
  const params = [...r.scalars, ...r.arrays];
  await sql(
    em,
    `update ${table} t set ${set}${r.from ? ` from ${r.from}` : ''} where t.id = ${r.exprs.get('id')}`,
    params,
  );
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
