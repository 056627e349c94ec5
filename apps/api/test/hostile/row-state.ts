import { expect } from 'vitest';
import type { GqlResponse, TestServer } from '../support/test-server';

/**
 * Row counts of every table a refused call must not touch, plus digests of the rows an update could
 * change in place (product, warehouse, party, serial, stock level): equal snapshots mean nothing written.
 */
export async function rowState(s: TestServer): Promise<Record<string, string | number>> {
  const [row] = await s.sql<Record<string, string | number>>(
    `select (select count(*)::int from document) as document,
            (select count(*)::int from document_line) as document_line,
            (select count(*)::int from serial) as serial,
            (select count(*)::int from movement) as movement,
            (select count(*)::int from stock_level) as stock_level,
            (select count(*)::int from product) as product,
            (select count(*)::int from warehouse) as warehouse,
            (select count(*)::int from party) as party,
            (select coalesce(md5(string_agg(concat_ws('|', id, sku, name, tracking_mode, serial_format, warranty_months), ',' order by id)), '') from product) as products,
            (select coalesce(md5(string_agg(concat_ws('|', id, code, name), ',' order by id)), '') from warehouse) as warehouses,
            (select coalesce(md5(string_agg(concat_ws('|', id, name, roles::text), ',' order by id)), '') from party) as parties,
            (select coalesce(md5(string_agg(concat_ws('|', id, number, status, warehouse_id, hold_reason), ',' order by id)), '') from serial) as serials,
            (select coalesce(md5(string_agg(concat_ws('|', product_id, warehouse_id, quantity), ',' order by product_id, warehouse_id)), '') from stock_level) as stock`,
  );
  return row!;
}

/** The single error of a refused response. */
export function onlyError(res: GqlResponse) {
  expect(res.errors, `expected a refusal, got ${JSON.stringify(res.data)}`).toBeDefined();
  expect(res.errors).toHaveLength(1);
  return res.errors![0]!;
}

/**
 * Runs a call that must be refused with `code`, whose message names `field`, and that writes nothing.
 * Returns the error for further checks.
 */
export async function expectTypedRefusal(
  s: TestServer,
  call: () => Promise<GqlResponse>,
  code: string,
  field?: string,
) {
  const before = await rowState(s);
  const res = await call();
  const err = onlyError(res);
  expect(err.extensions?.code, err.message).toBe(code);
  if (field) expect(err.message, JSON.stringify(err)).toContain(field);
  expect(await rowState(s)).toEqual(before);
  return err;
}
