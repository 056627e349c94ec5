import { DocumentType, DomainError, ErrorCode, normalizeSerial, ReturnCondition } from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { notFound } from '../../../common/errors';
import { mapInSlices } from '../../../common/slices';
import { idOf, toGlobalId } from '../../../common/global-id';
import type { DocumentRow } from '../document.entity';
import type { ReturnStockInput } from '../document.inputs';
import { postDocument } from './post-document';
import { readReferences, requireWarehouse } from './references';
import { planReturn } from './returns.plan';
import { findDuplicatesInSlices, findInvalidInSlices } from './stock-lines';
import { lockShippedUnits } from './unit-locks';

/** Sales return from the original shipment (see planReturn). */
export function returnStock(ctx: RequestContext, input: ReturnStockInput): Promise<DocumentRow> {
  return postDocument(
    ctx,
    DocumentType.SALES_RETURN,
    { idempotencyKey: input.idempotencyKey, input },
    async (tx) => {
      // The shipment is locked: a concurrent return from it waits here, then sees what this one took back.
      await readReferences(tx, {
        documents: [input.shipmentId],
        warehouses: [input.warehouseId],
        lockDocuments: true,
      });
      const shipment = await tx.loaders.document.load(idOf('Document', input.shipmentId, 'Shipment'));
      if (!shipment || shipment.type !== DocumentType.SHIPMENT)
        throw notFound(`Shipment ${input.shipmentId}`);
      const warehouse = await requireWarehouse(
        tx,
        input.warehouseId ?? toGlobalId('Warehouse', shipment.warehouseId!),
      );
      const numbers = await mapInSlices(input.serials, (n) => normalizeSerial(n));
      if (numbers.length === 0)
        throw new DomainError(
          ErrorCode.SERIALS_REQUIRED,
          'Scan or enter the serial of every unit that came back.',
        );
      // The domain's assertSerialsWellFormed, over 100,000 numbers in slices.
      const invalid = await findInvalidInSlices(numbers, null);
      if (invalid.length) throw new DomainError(ErrorCode.INVALID_SERIAL_FORMAT, undefined, invalid);
      const duplicates = await findDuplicatesInSlices(numbers);
      if (duplicates.length) throw new DomainError(ErrorCode.DUPLICATE_SERIAL, undefined, duplicates);
      return planReturn({
        shipment,
        warehouseId: warehouse.id,
        defective: input.condition === ReturnCondition.DEFECTIVE,
        reason: input.reason?.trim() || null,
        numbers,
        units: await lockShippedUnits(tx, shipment.id, numbers),
      });
    },
  );
}
