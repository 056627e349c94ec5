import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { TestServer } from './test-server';

/** GET an export path with query parameters, as `key` (the admin's by default). */
export function download(
  server: TestServer,
  path: string,
  query: Record<string, string | string[]> = {},
  key: string | null = server.keys.admin,
  init: RequestInit = {},
) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return fetch(`${server.url}${path}${params.size ? `?${params}` : ''}`, {
    ...init,
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
}

/** The CSV's records as objects by header (the BOM stripped). */
export async function records(res: Response): Promise<Record<string, string>[]> {
  expect(res.status, await res.clone().text()).toBe(200);
  return parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
}
