import {
  DOCUMENT_NUMBER_DIGITS,
  DOCUMENT_NUMBER_PREFIX,
  DomainError,
  ErrorCode,
  formatDocumentNumber,
  type DocumentType,
} from '@serialgraph/domain';
import { badInput } from '../../../common/errors';
import { eachInSlices, mapInSlices } from '../../../common/slices';
import { sqlStateOf } from '../../../common/transient';
import { insertStatement, sqlOne, together, updateStatement, type Statement } from '../../../common/sql';
import { MOVEMENT, type MovementRow } from '../../serial/movement.entity';
import { SERIAL, type SerialRow } from '../../serial/serial.entity';
import { outboxStatements } from '../../events/outbox';
import { DOCUMENT, DOCUMENT_LINE, type DocumentLineRow, type DocumentRow } from '../document.entity';
import { fieldAfter, type Plan, type StockChange, type UnitChange } from './plan';
import type { PostingContext } from './posting-context';

const SERIAL_KEYS = Object.keys(SERIAL) as (keyof SerialRow)[];
const MOVEMENT_KEYS = (Object.keys(MOVEMENT) as (keyof MovementRow)[]).filter((k) => k !== 'seq');
const LINE_KEYS = Object.keys(DOCUMENT_LINE) as (keyof DocumentLineRow)[];
const DOCUMENT_KEYS = Object.keys(DOCUMENT) as (keyof DocumentRow)[];

/**
 * Applies any plan inside the posting's transaction in one statement, whatever the number of units:
 * the next document number, the header, untracked stock taken and added, new units, changed units,
 * movements and lines (set-based, constraints checked at its end). Returns the posted document;
 * refuses (rolling it all back) when untracked stock is short.
 */
export async function writePlan(
  tx: PostingContext,
  type: DocumentType,
  idempotency: { key: string; hash: string } | null,
  plan: Plan,
): Promise<DocumentRow> {
  const document = documentRow(tx, type, idempotency, plan);
  const takes = plan.stock.filter((s) => s.delta < 0);
  const parts: (Statement & { name: string })[] = [];
  const add = (name: string, statement: Statement | null) => statement && parts.push({ name, ...statement });
  add('numbered', counterStatement(tx, type));
  add('doc', documentStatement(type, document));
  add('taken', takeStatement(tx, takes));
  add('received', await insertStatement('serial', SERIAL, SERIAL_KEYS, plan.newUnits));
  add('changed', await updateUnitsStatement(tx.organizationId, plan.changes));
  add(
    'moved',
    await insertStatement('movement', MOVEMENT, MOVEMENT_KEYS, plan.movements, {
      fixed: {
        organizationId: tx.organizationId,
        documentId: tx.documentId,
        at: tx.postedAt,
        actor: tx.actor,
      },
      generated: { id: 'serialgraph_uuidv7()' },
    }),
  );
  add(
    'lined',
    await insertStatement(
      'document_line',
      DOCUMENT_LINE,
      LINE_KEYS,
      plan.lines.map((l, i) => ({ ...l, lineNo: i + 1 })),
      { fixed: { organizationId: tx.organizationId, documentId: tx.documentId } },
    ),
  );
  add(
    'added',
    addStatement(
      tx,
      plan.stock.filter((s) => s.delta > 0),
    ),
  );
  // Subscriptions: the document's outbox row and its NOTIFY, in this same statement.
  const outbox = outboxStatements(tx.organizationId, tx.documentId);
  add('outboxed', outbox.outboxed);
  add('notified', outbox.notified);
  const taken = takes.length
    ? `coalesce((select json_agg(json_build_array(t.product_id, t.warehouse_id)) from taken t), '[]')`
    : `'[]'::json`;
  const { text, params } = together(parts, {
    text: `select (select seq from doc) as seq, (select number from doc) as number, ${taken} as taken, ${outbox.read} as notified`,
    params: [],
  });
  const result = await sqlOne<{ seq: number; number: string; taken: [string, string][] }>(
    tx.em,
    text,
    params,
  ).catch(refuseStockOverflow);
  assertStockTaken(takes, result!.taken);
  // The domain owns the format: the number written in SQL must be the one it gives.
  const number = formatDocumentNumber(type, result!.seq);
  if (result!.number !== number) throw new Error(`Document number ${result!.number} is not ${number}.`);
  return { ...document, seq: result!.seq, number };
}

/** The largest untracked stock level (stock_level.quantity is a PostgreSQL integer). */
const MAX_STOCK_LEVEL = 2_147_483_647;

/**
 * Input quantities are bounded, so the one value the write can push out of range
 * (numeric_value_out_of_range) is a running total: untracked stock of one product in one warehouse.
 */
function refuseStockOverflow(error: unknown): never {
  if (sqlStateOf(error) !== '22003') throw error;
  throw badInput(
    `A quantity is out of range: the stock of one product in one warehouse holds at most ${MAX_STOCK_LEVEL.toLocaleString('en')} units. Nothing was written.`,
  );
}

/**
 * The next number of the type, allocated inside the write statement: after the units are locked and
 * checked, so the counter row (which serialises numbering per type) is held as briefly as possible; a
 * rollback returns the number, which keeps the sequence gapless.
 */
function counterStatement(tx: PostingContext, type: DocumentType): Statement {
  return {
    text: `insert into document_counter (organization_id, type, last) values (?, ?, 1)
           on conflict (organization_id, type) do update set last = document_counter.last + 1
           returning last`,
    params: [tx.organizationId, type],
  };
}

/** The header as written; `seq` and `number` come from the counter when it is written. */
function documentRow(
  tx: PostingContext,
  type: DocumentType,
  idempotency: { key: string; hash: string } | null,
  plan: Plan,
): DocumentRow {
  const h = plan.header;
  return {
    id: tx.documentId,
    organizationId: tx.organizationId,
    type,
    seq: 0,
    number: '',
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
}

/** Inserts the header numbered by `numbered` (prefix and zero-padding as formatDocumentNumber writes them). */
function documentStatement(type: DocumentType, row: DocumentRow): Statement {
  const list = DOCUMENT_KEYS.map((k) => DOCUMENT[k].column).join(', ');
  const params: unknown[] = [];
  const exprs = DOCUMENT_KEYS.map((k) => {
    if (k === 'seq') return 'n.last';
    if (k === 'number') {
      params.push(`${DOCUMENT_NUMBER_PREFIX[type]}-`, DOCUMENT_NUMBER_DIGITS);
      return `?::text || lpad(n.last::text, greatest(?::int, length(n.last::text)), '0')`;
    }
    params.push(row[k]);
    return `?::${DOCUMENT[k].type}`;
  });
  return {
    text: `insert into document (${list}) select ${exprs.join(', ')} from numbered n returning seq, number`,
    params,
  };
}

/** The new state of the changed units: only the columns some change sets. */
async function updateUnitsStatement(
  organizationId: string,
  changes: readonly UnitChange[],
): Promise<Statement | null> {
  const sets = new Set<UnitChange['set']>();
  await eachInSlices(changes, (c) => sets.add(c.set));
  const keys = new Set<keyof SerialRow>();
  for (const set of sets) for (const k of Object.keys(set)) keys.add(k as keyof SerialRow);
  // Units moved alike share one `set`: its fields are the same in every row.
  const shared = sets.size === 1 ? changes[0]!.set : null;
  return updateStatement(
    'serial',
    SERIAL,
    [...keys],
    organizationId,
    await mapInSlices(changes, (c) => c.before.id),
    (key) =>
      shared && key in shared
        ? { same: shared[key as keyof typeof shared] }
        : mapInSlices(changes, (c) => fieldAfter(c, key)),
  );
}

/** Takes untracked quantities, never below zero: rows short of stock are not updated (nor returned). */
function takeStatement(tx: PostingContext, takes: readonly StockChange[]): Statement | null {
  if (takes.length === 0) return null;
  return {
    text: `update stock_level s set quantity = s.quantity - t.qty
             from unnest(?::uuid[], ?::uuid[], ?::int[]) as t(product_id, warehouse_id, qty)
            where s.product_id = t.product_id and s.warehouse_id = t.warehouse_id and s.organization_id = ?
              and s.quantity >= t.qty
            returning s.product_id, s.warehouse_id`,
    params: [
      takes.map((t) => t.productId),
      takes.map((t) => t.warehouseId),
      takes.map((t) => -t.delta),
      tx.organizationId,
    ],
  };
}

/** Refuses, naming every product short of stock (the whole posting rolls back). */
function assertStockTaken(takes: readonly StockChange[], taken: readonly [string, string][]): void {
  const ok = new Set(taken.map(([product, warehouse]) => `${product}|${warehouse}`));
  const short = takes.filter((t) => !ok.has(`${t.productId}|${t.warehouseId}`));
  if (short.length === 0) return;
  const skus = short.map((s) => s.sku);
  throw new DomainError(
    ErrorCode.INSUFFICIENT_STOCK,
    `Not enough stock in ${short[0]!.warehouseCode} for: ${skus.join(', ')}.`,
    undefined,
    { skus },
  );
}

function addStatement(tx: PostingContext, adds: readonly StockChange[]): Statement | null {
  if (adds.length === 0) return null;
  return {
    text: `insert into stock_level (organization_id, product_id, warehouse_id, quantity)
           select ?, a.product_id, a.warehouse_id, a.qty
             from unnest(?::uuid[], ?::uuid[], ?::int[]) as a(product_id, warehouse_id, qty)
           on conflict (organization_id, product_id, warehouse_id) do update set quantity = stock_level.quantity + excluded.quantity`,
    params: [
      tx.organizationId,
      adds.map((a) => a.productId),
      adds.map((a) => a.warehouseId),
      adds.map((a) => a.delta),
    ],
  };
}
