import {
  canApply,
  PartyRole,
  SERIAL_OPERATIONS,
  targetStatus,
  warrantyFromSale,
  type SerialOperation,
} from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { badInput } from '../../../common/errors';
import type { Party } from '../../party/party.entity';
import type { SerialRow } from '../../serial/serial.entity';
import type { Warehouse } from '../../warehouse/warehouse.entity';
import type { DocumentRow } from '../document.entity';
import type {
  HoldStockInput,
  ShipStockInput,
  StockLineInput,
  TransferStockInput,
  WriteOffStockInput,
} from '../document.inputs';
import type { DocumentHeader } from './document-writer';
import { postDocument } from './post-document';
import { insufficientStock, requireParty, requireWarehouse } from './references';
import { checkStockLines, serialKeys, type CheckedLine } from './stock-lines';
import { assertAllFound, assertAvailable, linesFromUnits, movementOf } from './unit-lines';
import { adjustStockLevels, lockUnitsByNumber, updateUnits, type LockedUnit } from './unit-store';

type MoveOperation = Extract<SerialOperation, 'SHIP' | 'TRANSFER' | 'WRITE_OFF' | 'HOLD' | 'RELEASE'>;

interface MoveRequest {
  operation: MoveOperation;
  /** Where the units must be now. */
  warehouse: Warehouse;
  /** TRANSFER: where they go. */
  toWarehouse?: Warehouse;
  party?: Party;
  lines: readonly StockLineInput[];
  header: DocumentHeader;
  /** Recorded on every movement (a reason, a note). */
  note: string | null;
  idempotencyKey?: string | null;
  input: unknown;
  /** The unit's state after the operation. */
  next: (unit: LockedUnit, ctx: { documentId: string; postedAt: Date; line: CheckedLine }) => SerialRow;
}

/**
 * Moves existing units that sit in one warehouse (shipment, transfer, write-off, hold, release):
 * lock them, refuse any that are missing or not available for the operation, take untracked
 * quantities, then write the document, the new unit states and one movement each.
 */
async function moveUnits(ctx: RequestContext, req: MoveRequest): Promise<DocumentRow> {
  const rule = SERIAL_OPERATIONS[req.operation];
  const lines = await checkStockLines(ctx, req.lines);
  const untracked = lines.filter((l) => !l.tracked);
  if (untracked.length && (req.operation === 'HOLD' || req.operation === 'RELEASE')) {
    throw badInput(
      `Only serial-tracked units can be put on hold or released; ${untracked[0]!.product.sku} is not tracked.`,
    );
  }
  const lineById = new Map(lines.map((l) => [l.lineId, l]));
  return postDocument(
    ctx,
    rule.document,
    { idempotencyKey: req.idempotencyKey, input: req.input },
    async (writer, em) => {
      const { units, missing } = await lockUnitsByNumber(em, ctx.organizationId, serialKeys(lines));
      assertAllFound(missing);
      assertAvailable(units, (u) => u.warehouseId === req.warehouse.id && canApply(req.operation, u.status));
      const quantities = new Map<string, number>();
      for (const l of untracked)
        quantities.set(l.product.id, (quantities.get(l.product.id) ?? 0) - l.quantity);
      const short = await adjustStockLevels(em, ctx.organizationId, req.warehouse.id, quantities);
      if (short.length) throw await insufficientStock(ctx, short, req.warehouse);
      if (req.toWarehouse) {
        const adds = new Map([...quantities].map(([p, q]) => [p, -q]));
        await adjustStockLevels(em, ctx.organizationId, req.toWarehouse.id, adds);
      }
      await writer.insertDocument(req.header);
      const after = units.map((u) => {
        const next = req.next(u, {
          documentId: writer.documentId,
          postedAt: writer.postedAt,
          line: lineById.get(u.lineId!)!,
        });
        return { ...next, status: targetStatus(req.operation, u.status) };
      });
      await updateUnits(em, after);
      await writer.insertMovements(
        units.map((u, i) =>
          movementOf(u, after[i]!, {
            type: rule.movement,
            lineId: u.lineId,
            partyId: req.party?.id ?? null,
            note: req.note,
          }),
        ),
      );
      await writer.insertLines(linesFromUnits(lines, units));
    },
  );
}

/** Shipment: IN_STOCK units of that warehouse leave to the customer; warranty starts now. */
export async function shipStock(ctx: RequestContext, input: ShipStockInput): Promise<DocumentRow> {
  const warehouse = await requireWarehouse(ctx, input.warehouseId);
  const customer = await requireParty(ctx, input.customerId, PartyRole.CUSTOMER);
  return moveUnits(ctx, {
    operation: 'SHIP',
    warehouse,
    party: customer,
    lines: input.lines,
    header: { reference: input.reference, note: input.note, warehouseId: warehouse.id, partyId: customer.id },
    note: input.note ?? null,
    idempotencyKey: input.idempotencyKey,
    input,
    next: (u, { documentId, postedAt, line }) => {
      const warranty = warrantyFromSale(postedAt, line.product.warrantyMonths);
      return {
        ...u,
        warehouseId: null,
        customerId: customer.id,
        shippedAt: postedAt,
        lastShipmentId: documentId,
        warrantyStartsAt: warranty?.startsAt ?? null,
        warrantyEndsAt: warranty?.endsAt ?? null,
        holdReason: null,
      };
    },
  });
}

/** Transfer: IN_STOCK and ON_HOLD units change warehouse and keep their status (a hold survives a move). */
export async function transferStock(ctx: RequestContext, input: TransferStockInput): Promise<DocumentRow> {
  const from = await requireWarehouse(ctx, input.fromWarehouseId, 'Source warehouse');
  const to = await requireWarehouse(ctx, input.toWarehouseId, 'Destination warehouse');
  if (from.id === to.id) throw badInput('A transfer needs two different warehouses.');
  return moveUnits(ctx, {
    operation: 'TRANSFER',
    warehouse: from,
    toWarehouse: to,
    lines: input.lines,
    header: { note: input.note, warehouseId: from.id, toWarehouseId: to.id },
    note: input.note ?? null,
    idempotencyKey: input.idempotencyKey,
    input,
    next: (u) => ({ ...u, warehouseId: to.id }),
  });
}

/** Write-off: IN_STOCK or ON_HOLD units leave storage for good, with a reason. */
export async function writeOffStock(ctx: RequestContext, input: WriteOffStockInput): Promise<DocumentRow> {
  const reason = requireReason(input.reason);
  const warehouse = await requireWarehouse(ctx, input.warehouseId);
  return moveUnits(ctx, {
    operation: 'WRITE_OFF',
    warehouse,
    lines: input.lines,
    header: { note: reason, warehouseId: warehouse.id },
    note: reason,
    idempotencyKey: input.idempotencyKey,
    input,
    next: (u) => ({ ...u, warehouseId: null, holdReason: null }),
  });
}

/** Hold (IN_STOCK → ON_HOLD) or release (ON_HOLD → IN_STOCK), with a reason. */
export async function holdOrReleaseStock(
  ctx: RequestContext,
  operation: 'HOLD' | 'RELEASE',
  input: HoldStockInput,
): Promise<DocumentRow> {
  const reason = requireReason(input.reason);
  const warehouse = await requireWarehouse(ctx, input.warehouseId);
  return moveUnits(ctx, {
    operation,
    warehouse,
    lines: input.lines,
    header: { note: reason, warehouseId: warehouse.id },
    note: reason,
    idempotencyKey: input.idempotencyKey,
    input,
    next: (u) => ({ ...u, holdReason: operation === 'HOLD' ? reason : null }),
  });
}

/** A required reason, trimmed; a blank one says nothing, so it is refused like a missing one. */
function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw badInput('Give a reason (what is wrong with the units, or why they leave).');
  return trimmed;
}
