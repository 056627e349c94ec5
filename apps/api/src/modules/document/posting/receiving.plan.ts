import { newId } from '../../../common/ids';
import { DomainError, ErrorCode, SERIAL_OPERATIONS, SerialStatus } from '@serialgraph/domain';
import { eachInSlices } from '../../../common/slices';
import type { SerialRow } from '../../serial/serial.entity';
import { multiplyCost } from './decimal';
import type { Plan, PlanDocument } from './plan';
import { untrackedStock, type CheckedLine } from './stock-lines';

const RULE = SERIAL_OPERATIONS.RECEIVE;
// An unclear label: the unit is received (same document, same movement type) but not available.
const UNCLEAR = SerialStatus.ON_HOLD;

export interface ReceiptRequest {
  organizationId: string;
  warehouse: { id: string; code: string };
  supplierId: string | null;
  reference?: string | null;
  note?: string | null;
  lines: readonly CheckedLine[];
  /** Numbers of the lines already recorded for their product: a receipt only takes new units. */
  taken: readonly string[];
}

/** Receipt: new units come into stock; only numbers never recorded for the product are accepted. */
export async function planReceipt(doc: PlanDocument, req: ReceiptRequest): Promise<Plan> {
  if (req.taken.length) throw new DomainError(ErrorCode.SERIAL_EXISTS, undefined, [...req.taken]);
  const newUnits: SerialRow[] = [];
  const movements: Plan['movements'] = [];
  for (const line of req.lines) {
    await eachInSlices(line.serials, (number, i) => {
      const extras = line.extras[i] ?? null;
      const holdReason = extras?.holdReason ?? null;
      const status = holdReason ? UNCLEAR : (RULE.to as SerialStatus);
      const unit: SerialRow = {
        id: newId(),
        organizationId: req.organizationId,
        productId: line.product.id,
        number,
        status,
        warehouseId: req.warehouse.id,
        supplierId: req.supplierId,
        customerId: null,
        receivedInId: doc.documentId,
        receivedAt: doc.postedAt,
        shippedAt: null,
        lastShipmentId: null,
        unitCost: line.unitCost,
        warrantyStartsAt: null,
        warrantyEndsAt: null,
        repairCount: 0,
        holdReason,
        replacedById: null,
        replacesId: null,
        internalCode: extras?.internalCode ?? null,
      };
      newUnits.push(unit);
      movements.push({
        serialId: unit.id,
        lineId: line.lineId,
        type: RULE.movement,
        fromStatus: null,
        toStatus: status,
        fromWarehouseId: null,
        toWarehouseId: req.warehouse.id,
        partyId: req.supplierId,
        note: holdReason ?? req.note ?? null,
      });
    });
  }
  return {
    header: {
      reference: req.reference,
      note: req.note,
      warehouseId: req.warehouse.id,
      partyId: req.supplierId,
    },
    lines: req.lines.map((l) => ({
      id: l.lineId,
      productId: l.product.id,
      quantity: l.quantity,
      unitCost: l.unitCost,
      totalCost: multiplyCost(l.unitCost, l.quantity),
    })),
    newUnits,
    changes: [],
    movements,
    stock: untrackedStock(req.lines, req.warehouse, 1),
  };
}
