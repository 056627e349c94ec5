import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs one raw SQL statement on the request's EntityManager (inside its transaction when one is
 * open). Placeholders are `?`; lists travel as one JSON parameter (`jsonb_to_recordset(?::jsonb)`),
 * which keeps every statement set-based and its parameter count constant.
 */
export function sql<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return em.execute<T[]>(text, params as never[]);
}

export async function sqlOne<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  params: unknown[] = [],
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
