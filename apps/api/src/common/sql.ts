import type { EntityManager } from '@mikro-orm/postgresql';

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
