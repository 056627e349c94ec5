import { DomainError, ErrorCode, formatDocumentNumber, type DocumentType } from '@serialgraph/domain';
import { eachInSlices, mapInSlices } from '../../../common/slices';
import { insertRows, sql, sqlOne, updateRows } from '../../../common/sql';
import { MOVEMENT, type MovementRow } from '../../serial/movement.entity';
import { SERIAL, type SerialRow } from '../../serial/serial.entity';
import {
  DOCUMENT,
  DOCUMENT_COLUMNS,
  DOCUMENT_LINE,
  type DocumentLineRow,
  type DocumentRow,
} from '../document.entity';
import { fieldAfter, type Plan, type StockChange, type UnitChange } from './plan';
import type { PostingContext } from './posting-context';

const SERIAL_KEYS = Object.keys(SERIAL) as (keyof SerialRow)[];
const MOVEMENT_KEYS = (Object.keys(MOVEMENT) as (keyof MovementRow)[]).filter((k) => k !== 'seq');
const LINE_KEYS = Object.keys(DOCUMENT_LINE) as (keyof DocumentLineRow)[];
const DOCUMENT_KEYS = Object.keys(DOCUMENT) as (keyof DocumentRow)[];

/**
 * Applies any plan inside the posting's transaction with a constant number of set-based statements,
 * whatever the number of units: take stock, number and insert the header, insert new units, update
 * changed ones, insert movements and lines, add stock. Returns the posted document.
 */
export async function writePlan(
  tx: PostingContext,
  type: DocumentType,
  idempotency: { key: string; hash: string } | null,
  plan: Plan,
): Promise<DocumentRow> {
  await takeStock(
    tx,
    plan.stock.filter((s) => s.delta < 0),
  );
  const document = await insertDocument(tx, type, idempotency, plan);
  await insertRows(tx.em, 'serial', SERIAL, SERIAL_KEYS, plan.newUnits);
  await updateUnits(tx, plan.changes);
  await insertRows(tx.em, 'movement', MOVEMENT, MOVEMENT_KEYS, plan.movements, {
    fixed: { organizationId: tx.organizationId, documentId: tx.documentId, at: tx.postedAt, actor: tx.actor },
    generated: { id: 'gen_random_uuid()' },
  });
  await insertRows(
    tx.em,
    'document_line',
    DOCUMENT_LINE,
    LINE_KEYS,
    plan.lines.map((l, i) => ({ ...l, lineNo: i + 1 })),
    { fixed: { organizationId: tx.organizationId, documentId: tx.documentId } },
  );
  await addStock(
    tx,
    plan.stock.filter((s) => s.delta > 0),
  );
  return document;
}

/** The new state of the changed units in one statement: only the columns some change sets. */
async function updateUnits(tx: PostingContext, changes: readonly UnitChange[]): Promise<void> {
  const sets = new Set<UnitChange['set']>();
  await eachInSlices(changes, (c) => sets.add(c.set));
  const keys = new Set<keyof SerialRow>();
  for (const set of sets) for (const k of Object.keys(set)) keys.add(k as keyof SerialRow);
  // Units moved alike share one `set`: its fields are the same in every row.
  const shared = sets.size === 1 ? changes[0]!.set : null;
  await updateRows(
    tx.em,
    'serial',
    SERIAL,
    [...keys],
    await mapInSlices(changes, (c) => c.before.id),
    (key) =>
      shared && key in shared
        ? { same: shared[key as keyof typeof shared] }
        : mapInSlices(changes, (c) => fieldAfter(c, key)),
  );
}

/**
 * Allocates the next number and inserts the header. Runs after the units are locked and checked,
 * so the counter row (which serialises numbering per type) is held as briefly as possible; a
 * rollback returns the number, which keeps the sequence gapless.
 */
async function insertDocument(
  tx: PostingContext,
  type: DocumentType,
  idempotency: { key: string; hash: string } | null,
  plan: Plan,
): Promise<DocumentRow> {
  const counter = await sqlOne<{ last: number }>(
    tx.em,
    `insert into document_counter (organization_id, type, last) values (?, ?, 1)
     on conflict (organization_id, type) do update set last = document_counter.last + 1
     returning last`,
    [tx.organizationId, type],
  );
  const h = plan.header;
  const row: DocumentRow = {
    id: tx.documentId,
    organizationId: tx.organizationId,
    type,
    seq: counter!.last,
    number: formatDocumentNumber(type, counter!.last),
    postedAt: tx.postedAt,
    reference: h.reference ?? null,
    note: h.note ?? null,
    warehouseId: h.warehouseId ?? null,
    toWarehouseId: h.toWarehouseId ?? null,
    partyId: h.partyId ?? null,
    basedOnId: h.basedOnId ?? null,
    actor: tx.actor,
    idempotencyKey: idempotency?.key ?? null,
    requestHash: idempotency?.hash ?? null,
  };
  const list = DOCUMENT_KEYS.map((k) => DOCUMENT[k].column).join(', ');
  const [document] = await sql<DocumentRow>(
    tx.em,
    `insert into document as d (${list}) values (${DOCUMENT_KEYS.map((k) => `?::${DOCUMENT[k].type}`).join(', ')})
     returning ${DOCUMENT_COLUMNS}`,
    DOCUMENT_KEYS.map((k) => row[k]),
  );
  return document!;
}

/** Takes untracked quantities, never below zero; refuses naming every product short of stock. */
async function takeStock(tx: PostingContext, takes: readonly StockChange[]): Promise<void> {
  if (takes.length === 0) return;
  const taken = await sql<{ product_id: string; warehouse_id: string }>(
    tx.em,
    `update stock_level s set quantity = s.quantity - t.qty
       from unnest(?::uuid[], ?::uuid[], ?::int[]) as t(product_id, warehouse_id, qty)
      where s.product_id = t.product_id and s.warehouse_id = t.warehouse_id and s.organization_id = ?
        and s.quantity >= t.qty
      returning s.product_id, s.warehouse_id`,
    [
      takes.map((t) => t.productId),
      takes.map((t) => t.warehouseId),
      takes.map((t) => -t.delta),
      tx.organizationId,
    ],
  );
  const ok = new Set(taken.map((t) => `${t.product_id}|${t.warehouse_id}`));
  const short = takes.filter((t) => !ok.has(`${t.productId}|${t.warehouseId}`));
  if (short.length) {
    const skus = short.map((s) => s.sku);
    throw new DomainError(
      ErrorCode.INSUFFICIENT_STOCK,
      `Not enough stock in ${short[0]!.warehouseCode} for: ${skus.join(', ')}.`,
      undefined,
      { skus },
    );
  }
}

async function addStock(tx: PostingContext, adds: readonly StockChange[]): Promise<void> {
  if (adds.length === 0) return;
  await sql(
    tx.em,
    `insert into stock_level (organization_id, product_id, warehouse_id, quantity)
     select ?, a.product_id, a.warehouse_id, a.qty from unnest(?::uuid[], ?::uuid[], ?::int[]) as a(product_id, warehouse_id, qty)
     on conflict (product_id, warehouse_id) do update set quantity = stock_level.quantity + excluded.quantity`,
    [
      tx.organizationId,
      adds.map((a) => a.productId),
      adds.map((a) => a.warehouseId),
      adds.map((a) => a.delta),
    ],
  );
}
