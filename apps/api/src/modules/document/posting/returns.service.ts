import { randomUUID } from 'node:crypto';
import {
  assertSerialsWellFormed,
  canApply,
  DocumentType,
  DomainError,
  ErrorCode,
  normalizeSerial,
  ReturnCondition,
  SERIAL_OPERATIONS,
} from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { notFound } from '../../../common/errors';
import { idOf, toGlobalId } from '../../../common/global-id';
import { SERIAL_COLUMNS } from '../../../common/loaders';
import { json, sql } from '../../../common/sql';
import type { SerialRow } from '../../serial/serial.entity';
import type { DocumentRow } from '../document.entity';
import type { ReturnStockInput } from '../document.inputs';
import { costTotals } from './decimal';
import { postDocument } from './post-document';
import { requireWarehouse } from './references';
import { assertAvailable, movementOf } from './unit-lines';
import { updateUnits } from './unit-store';

type ShippedUnit = SerialRow & { inputNumber: string; returned: boolean };

/**
 * Sales return, always from the original shipment: only units that shipment sent and that have not
 * come back from it yet. RESALABLE units go back in stock, DEFECTIVE ones on hold with the reason.
 */
export async function returnStock(ctx: RequestContext, input: ReturnStockInput): Promise<DocumentRow> {
  const shipment = await ctx.loaders.document.load(idOf('Document', input.shipmentId, 'Shipment'));
  if (!shipment || shipment.type !== DocumentType.SHIPMENT) throw notFound(`Shipment ${input.shipmentId}`);
  const warehouse = await requireWarehouse(
    ctx,
    input.warehouseId ?? toGlobalId('Warehouse', shipment.warehouseId!),
  );
  const numbers = input.serials.map(normalizeSerial);
  if (numbers.length === 0)
    throw new DomainError(
      ErrorCode.SERIALS_REQUIRED,
      'Scan or enter the serial of every unit that came back.',
    );
  assertSerialsWellFormed(numbers);
  const operation = input.condition === ReturnCondition.DEFECTIVE ? 'RETURN_DEFECTIVE' : 'RETURN_RESALABLE';
  const rule = SERIAL_OPERATIONS[operation];
  const reason = input.reason?.trim() || null;

  return postDocument(
    ctx,
    DocumentType.SALES_RETURN,
    { idempotencyKey: input.idempotencyKey, input },
    async (writer, em) => {
      const units = await lockShippedUnits(ctx, em, shipment.id, numbers);
      const eligible = new Set(units.filter((u) => !u.returned).map((u) => u.inputNumber));
      const notInShipment = numbers.filter((n) => !eligible.has(n));
      if (notInShipment.length) {
        throw new DomainError(
          ErrorCode.NOT_IN_SHIPMENT,
          `Not returnable from ${shipment.number} (not in it, or already returned): ${notInShipment.join(', ')}`,
          notInShipment,
        );
      }
      // Sent and not returned, but e.g. in repair or swapped since: the unit is not with the customer.
      assertAvailable(units, (u) => canApply(operation, u.status));
      await writer.insertDocument({
        note: reason,
        warehouseId: warehouse.id,
        partyId: shipment.partyId,
        basedOnId: shipment.id,
      });
      const after = units.map((u) => ({
        ...u,
        status: rule.to as SerialRow['status'],
        warehouseId: warehouse.id,
        holdReason: input.condition === ReturnCondition.DEFECTIVE ? (reason ?? 'Returned defective') : null,
      }));
      await updateUnits(em, after);
      const lineIds = new Map<string, string>();
      for (const u of units) if (!lineIds.has(u.productId)) lineIds.set(u.productId, randomUUID());
      await writer.insertMovements(
        units.map((u, i) =>
          movementOf(u, after[i]!, {
            type: rule.movement,
            lineId: lineIds.get(u.productId)!,
            partyId: shipment.partyId,
            note: reason,
          }),
        ),
      );
      await writer.insertLines(
        [...lineIds].map(([productId, id]) => {
          const costs = units.filter((u) => u.productId === productId).map((u) => u.unitCost);
          const { total, average } = costTotals(costs);
          return { id, productId, quantity: costs.length, unitCost: average, totalCost: total };
        }),
      );
    },
  );
}

/** Units the shipment sent whose current number matches, locked, with whether they came back from it. */
async function lockShippedUnits(
  ctx: RequestContext,
  em: RequestContext['em'],
  shipmentId: string,
  numbers: string[],
): Promise<ShippedUnit[]> {
  // Lock first, read after: a statement that waited for a row lock re-reads the row but keeps its old
  // snapshot for `returned`, so a concurrent return of the same unit would look like a wrong status.
  await sql(
    em,
    `select s.id from jsonb_array_elements_text(?::jsonb) as i(number)
       join serial s on s.organization_id = ? and lower(s.number) = lower(i.number)
      where exists (select 1 from movement m where m.serial_id = s.id and m.document_id = ? and m.type = 'SHIPPED')
      order by s.id
        for update of s`,
    [json(numbers), ctx.organizationId, shipmentId],
  );
  return sql<ShippedUnit>(
    em,
    `select ${SERIAL_COLUMNS}, i.number as "inputNumber",
            exists (select 1 from movement r join document rd on rd.id = r.document_id
                     where r.serial_id = s.id and r.type = 'RETURNED' and rd.based_on_id = ?) as returned
       from jsonb_array_elements_text(?::jsonb) as i(number)
       join serial s on s.organization_id = ? and lower(s.number) = lower(i.number)
      where exists (select 1 from movement m where m.serial_id = s.id and m.document_id = ? and m.type = 'SHIPPED')
      order by s.id`,
    [shipmentId, json(numbers), ctx.organizationId, shipmentId],
  );
}
