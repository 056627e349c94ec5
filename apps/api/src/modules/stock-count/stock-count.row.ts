import type { StockCountStatus } from '@serialgraph/domain';
import { DomainError, ErrorCode } from '@serialgraph/domain';
import { isUuid } from '../../common/ids';

/** A stock count as stored. */
export interface StockCountRow {
  id: string;
  organizationId: string;
  seq: number;
  number: string;
  warehouseId: string;
  productId: string | null;
  note: string | null;
  status: StockCountStatus;
  startedBy: string;
  startedAt: Date;
  endedBy: string | null;
  endedAt: Date | null;
  fixesPosted: boolean;
}

/** Stock count columns (table alias `c`) aliased to the row's property names. */
export const STOCK_COUNT_COLUMNS = `c.id, c.organization_id as "organizationId", c.seq, c.number,
  c.warehouse_id as "warehouseId", c.product_id as "productId", c.note, c.status,
  c.started_by as "startedBy", c.started_at as "startedAt", c.ended_by as "endedBy", c.ended_at as "endedAt",
  c.fixes_posted as "fixesPosted"`;

const TYPE = 'StockCount';

/** Opaque id of a count, shaped like the Node ids (base64url of `StockCount:uuid`). */
export function stockCountGlobalId(id: string): string {
  return Buffer.from(`${TYPE}:${id}`).toString('base64url');
}

/** The uuid behind a count id, or null when it is not one. */
export function stockCountUuid(globalId: string): string | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const [type, id] = decoded.split(':');
  return type === TYPE && id && isUuid(id) ? id : null;
}

/** The uuid behind a count id argument; anything else is NOT_FOUND. */
export function stockCountIdOf(globalId: string): string {
  const id = stockCountUuid(globalId);
  if (!id) throw notFoundCount(globalId);
  return id;
}

export function notFoundCount(globalId: string): DomainError {
  const shown = globalId.length > 100 ? `${globalId.slice(0, 100)}…` : globalId;
  return new DomainError(ErrorCode.NOT_FOUND, `Stock count ${shown} was not found.`);
}

/** Refuses work on a count that is no longer open, saying how it ended. */
export function notOpen(count: Pick<StockCountRow, 'number' | 'status'>): DomainError {
  return new DomainError(
    ErrorCode.STOCK_COUNT_NOT_OPEN,
    `Stock count ${count.number} is ${count.status.toLowerCase()}; nothing was changed. Start a new count to count again.`,
    undefined,
    { status: count.status, countNumber: count.number },
  );
}
