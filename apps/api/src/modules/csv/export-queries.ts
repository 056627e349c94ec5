import { serialFilterWhere } from '../serial/serial-query.service';
import type { SerialFilter } from '../serial/serial.inputs';
import type { ExportQuery } from './export-stream';

/** A timestamp as ISO 8601 in UTC, the way the API answers DateTime. */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const join = (alias: string, table: string, column: string, kind = 'left join') =>
  `${kind} ${table} ${alias} on ${alias}.organization_id = s.organization_id and ${alias}.id = ${column}`;

/** Units with their product, warehouse, supplier, customer and receipt (aliases p, w, sup, cus, rd). */
const UNITS_WITH_PLACES = `from serial s
      ${join('p', 'product', 's.product_id', 'join')}
      ${join('w', 'warehouse', 's.warehouse_id')}
      ${join('sup', 'party', 's.supplier_id')}
      ${join('cus', 'party', 's.customer_id')}
      ${join('rd', 'document', 's.received_in_id')}`;

/**
 * The serials report as CSV: the same filter as the `serials` query, ordered by number (the
 * serial_lookup index, so the first rows come without sorting everything). Its first five columns
 * are the import's default header, so an export can be edited and imported elsewhere.
 */
export function serialsExport(organizationId: string, filter: SerialFilter): ExportQuery {
  const { conditions, params } = serialFilterWhere(organizationId, filter);
  return {
    filename: `serials-${new Date().toISOString().slice(0, 10)}.csv`,
    header: [
      'sku',
      'serial',
      'warehouse',
      'unitCost',
      'internalCode',
      'product',
      'status',
      'supplier',
      'customer',
      'receivedAt',
      'receipt',
      'shippedAt',
      'warrantyEndsAt',
      'repairCount',
      'holdReason',
    ],
    text: `select p.sku, s.number, w.code, trim_scale(s.unit_cost)::text, s.internal_code, p.name, s.status,
        sup.name, cus.name, ${iso('s.received_at')}, rd.number, ${iso('s.shipped_at')},
        ${iso('s.warranty_ends_at')}, s.repair_count::text, s.hold_reason
      ${UNITS_WITH_PLACES} where ${conditions.join(' and ')} order by lower(s.number), s.id`,
    params,
  };
}

/**
 * A recall's units as CSV: the `recall` query's filter (at least one criterion), wherever each unit
 * is now, with the customer who has it and how to reach them, for the calls and letters.
 */
export function recallExport(organizationId: string, filter: SerialFilter): ExportQuery {
  const { conditions, params } = serialFilterWhere(organizationId, filter);
  return {
    filename: `recall-${new Date().toISOString().slice(0, 10)}.csv`,
    header: [
      'serial',
      'sku',
      'product',
      'status',
      'warehouse',
      'customer',
      'email',
      'phone',
      'address',
      'supplier',
      'receipt',
      'receivedAt',
      'shippedAt',
      'warrantyEndsAt',
    ],
    text: `select s.number, p.sku, p.name, s.status, w.code, cus.name, cus.email, cus.phone, cus.address,
        sup.name, rd.number, ${iso('s.received_at')}, ${iso('s.shipped_at')}, ${iso('s.warranty_ends_at')}
      ${UNITS_WITH_PLACES} where ${conditions.join(' and ')} order by lower(s.number), s.id`,
    params,
  };
}

/** The units one document moved, line by line, with what the document did and where each unit is now. */
export function documentUnitsExport(
  organizationId: string,
  document: { id: string; number: string },
): ExportQuery {
  return {
    filename: `${document.number}-units.csv`,
    header: [
      'document',
      'line',
      'sku',
      'serial',
      'internalCode',
      'product',
      'movement',
      'fromStatus',
      'toStatus',
      'fromWarehouse',
      'toWarehouse',
      'unitCost',
      'statusNow',
      'warehouseNow',
    ],
    text: `select d.number, dl.line_no::text, p.sku, s.number, s.internal_code, p.name, m.type, m.from_status,
        m.to_status, fw.code, tw.code, trim_scale(dl.unit_cost)::text, s.status, w.code
      from movement m
      join serial s on s.organization_id = m.organization_id and s.id = m.serial_id
      join document d on d.organization_id = m.organization_id and d.id = m.document_id
      ${join('dl', 'document_line', 'm.line_id')}
      ${join('p', 'product', 's.product_id', 'join')}
      ${join('fw', 'warehouse', 'm.from_warehouse_id')}
      ${join('tw', 'warehouse', 'm.to_warehouse_id')}
      ${join('w', 'warehouse', 's.warehouse_id')}
      where m.organization_id = ? and m.document_id = ?
      order by dl.line_no nulls last, lower(s.number), s.id`,
    params: [organizationId, document.id],
  };
}
