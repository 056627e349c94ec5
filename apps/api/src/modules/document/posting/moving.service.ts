import { PartyRole, SERIAL_OPERATIONS } from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { badInput } from '../../../common/errors';
import { breathe } from '../../../common/slices';
import type { DocumentRow } from '../document.entity';
import type {
  HoldStockInput,
  ShipStockInput,
  StockLineInput,
  TransferStockInput,
  WriteOffStockInput,
} from '../document.inputs';
import { planMove, type MoveOperation, type MoveRequest } from './moving.plan';
import { postDocument } from './post-document';
import type { PostingContext } from './posting-context';
import { readReferences, requireParty, requireWarehouse, type ReferenceIds } from './references';
import { checkStockLines, lineProductIds, productIdsOrNull, serialKeys } from './stock-lines';
import { lockProducts, lockUnitsByNumber } from './unit-locks';

type MoveHeader = Omit<MoveRequest, 'lines' | 'units' | 'missing'>;

/** Locks the products and units the lines name (inside the posting), then plans the move. */
function moveUnits(
  ctx: RequestContext,
  operation: MoveOperation,
  request: { input: { idempotencyKey?: string | null; lines: readonly StockLineInput[] } },
  references: Pick<ReferenceIds, 'warehouses' | 'parties'>,
  header: (tx: PostingContext) => Promise<MoveHeader>,
): Promise<DocumentRow> {
  const { input } = request;
  return postDocument(
    ctx,
    SERIAL_OPERATIONS[operation].document,
    { idempotencyKey: input.idempotencyKey, input },
    async (tx) => {
      const products = await readReferences(tx, { ...references, products: productIdsOrNull(input.lines) });
      const head = await header(tx);
      const lines = await checkStockLines(
        input.lines,
        products ?? (await lockProducts(tx, lineProductIds(input.lines))),
      );
      await breathe();
      const untracked = lines.find((l) => !l.tracked);
      if (untracked && (operation === 'HOLD' || operation === 'RELEASE')) {
        throw badInput(
          `Only serial-tracked units can be put on hold or released; ${untracked.product.sku} is not tracked.`,
        );
      }
      const { units, missing } = await lockUnitsByNumber(tx, serialKeys(lines));
      return planMove(tx, { ...head, lines, units, missing });
    },
  );
}

/** Shipment: IN_STOCK units of that warehouse leave to the customer; warranty starts now. */
export function shipStock(ctx: RequestContext, input: ShipStockInput): Promise<DocumentRow> {
  return moveUnits(
    ctx,
    'SHIP',
    { input },
    { warehouses: [input.warehouseId], parties: [input.customerId] },
    async (tx) => {
      const warehouse = await requireWarehouse(tx, input.warehouseId);
      const customer = await requireParty(tx, input.customerId, PartyRole.CUSTOMER);
      return {
        operation: 'SHIP',
        warehouse,
        customerId: customer.id,
        reference: input.reference,
        note: input.note ?? null,
      };
    },
  );
}

/** Transfer: IN_STOCK and ON_HOLD units change warehouse and keep their status (a hold survives a move). */
export function transferStock(ctx: RequestContext, input: TransferStockInput): Promise<DocumentRow> {
  return moveUnits(
    ctx,
    'TRANSFER',
    { input },
    { warehouses: [input.fromWarehouseId, input.toWarehouseId] },
    async (tx) => {
      const from = await requireWarehouse(tx, input.fromWarehouseId, 'Source warehouse');
      const to = await requireWarehouse(tx, input.toWarehouseId, 'Destination warehouse');
      if (from.id === to.id) throw badInput('A transfer needs two different warehouses.');
      return { operation: 'TRANSFER', warehouse: from, toWarehouse: to, note: input.note ?? null };
    },
  );
}

/** Write-off: IN_STOCK or ON_HOLD units leave storage for good, with a reason. */
export function writeOffStock(ctx: RequestContext, input: WriteOffStockInput): Promise<DocumentRow> {
  return moveUnits(ctx, 'WRITE_OFF', { input }, { warehouses: [input.warehouseId] }, async (tx) => {
    const note = requireReason(input.reason);
    return { operation: 'WRITE_OFF', warehouse: await requireWarehouse(tx, input.warehouseId), note };
  });
}

/** Hold (IN_STOCK → ON_HOLD) or release (ON_HOLD → IN_STOCK), with a reason. */
export function holdOrReleaseStock(
  ctx: RequestContext,
  operation: 'HOLD' | 'RELEASE',
  input: HoldStockInput,
): Promise<DocumentRow> {
  return moveUnits(ctx, operation, { input }, { warehouses: [input.warehouseId] }, async (tx) => {
    const note = requireReason(input.reason);
    return { operation, warehouse: await requireWarehouse(tx, input.warehouseId), note };
  });
}

/** A required reason, trimmed; a blank one says nothing, so it is refused like a missing one. */
function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw badInput('Give a reason (what is wrong with the units, or why they leave).');
  return trimmed;
}
