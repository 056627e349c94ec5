import { randomUUID } from 'node:crypto';
import { DocumentType, DomainError, ErrorCode, PartyRole, SERIAL_OPERATIONS } from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import type { SerialRow } from '../../serial/serial.entity';
import type { DocumentRow } from '../document.entity';
import type { ReceiveStockInput } from '../document.inputs';
import { multiplyCost } from './decimal';
import { isUniqueViolation, postDocument } from './post-document';
import { requireParty, requireWarehouse } from './references';
import { checkStockLines, serialKeys } from './stock-lines';
import { adjustStockLevels, existingNumbers, insertUnits } from './unit-store';

const RULE = SERIAL_OPERATIONS.RECEIVE;

/** Receipt: new units come into stock; only numbers never recorded for the product are accepted. */
export async function receiveStock(ctx: RequestContext, input: ReceiveStockInput): Promise<DocumentRow> {
  const warehouse = await requireWarehouse(ctx, input.warehouseId);
  const supplier = input.supplierId ? await requireParty(ctx, input.supplierId, PartyRole.SUPPLIER) : null;
  const lines = await checkStockLines(ctx, input.lines);
  const keys = serialKeys(lines);
  try {
    return await postDocument(
      ctx,
      DocumentType.RECEIPT,
      { idempotencyKey: input.idempotencyKey, input },
      async (writer, em) => {
        const taken = await existingNumbers(em, ctx.organizationId, keys);
        if (taken.length) throw new DomainError(ErrorCode.SERIAL_EXISTS, undefined, taken);
        await writer.insertDocument({
          reference: input.reference,
          note: input.note,
          warehouseId: warehouse.id,
          partyId: supplier?.id ?? null,
        });
        const units: SerialRow[] = lines.flatMap((line) =>
          line.serials.map((number) =>
            newUnit(
              ctx.organizationId,
              line.product.id,
              number,
              warehouse.id,
              supplier?.id ?? null,
              writer.documentId,
              writer.postedAt,
              line.unitCost,
            ),
          ),
        );
        await insertUnits(em, units);
        const lineOf = new Map(keys.map((k, i) => [units[i]!.id, k.line_id]));
        await writer.insertMovements(
          units.map((u) => ({
            serialId: u.id,
            lineId: lineOf.get(u.id) ?? null,
            type: RULE.movement,
            fromStatus: null,
            toStatus: RULE.to as SerialRow['status'],
            fromWarehouseId: null,
            toWarehouseId: warehouse.id,
            partyId: supplier?.id ?? null,
            note: input.note ?? null,
          })),
        );
        const untracked = new Map<string, number>();
        for (const l of lines)
          if (!l.tracked) untracked.set(l.product.id, (untracked.get(l.product.id) ?? 0) + l.quantity);
        await adjustStockLevels(em, ctx.organizationId, warehouse.id, untracked);
        await writer.insertLines(
          lines.map((l) => ({
            id: l.lineId,
            productId: l.product.id,
            quantity: l.quantity,
            unitCost: l.unitCost,
            totalCost: multiplyCost(l.unitCost, l.quantity),
          })),
        );
      },
    );
  } catch (error) {
    // Two receipts of the same new number raced: the unique index decided; name the numbers.
    if (isUniqueViolation(error, 'serial_number_uq')) {
      const taken = await existingNumbers(ctx.em, ctx.organizationId, keys);
      throw new DomainError(ErrorCode.SERIAL_EXISTS, undefined, taken);
    }
    throw error;
  }
}

function newUnit(
  organizationId: string,
  productId: string,
  number: string,
  warehouseId: string,
  supplierId: string | null,
  documentId: string,
  at: Date,
  unitCost: string | null,
): SerialRow {
  return {
    id: randomUUID(),
    organizationId,
    productId,
    number,
    status: RULE.to as SerialRow['status'],
    warehouseId,
    supplierId,
    customerId: null,
    receivedInId: documentId,
    receivedAt: at,
    shippedAt: null,
    lastShipmentId: null,
    unitCost,
    warrantyStartsAt: null,
    warrantyEndsAt: null,
    repairCount: 0,
    holdReason: null,
    replacedById: null,
    replacesId: null,
  };
}
