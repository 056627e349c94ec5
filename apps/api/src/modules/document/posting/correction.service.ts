import {
  DomainError,
  ErrorCode,
  normalizeSerial,
  productSerialFormat,
  SERIAL_OPERATIONS,
  validateSerialNumber,
} from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { notFound } from '../../../common/errors';
import { idOf } from '../../../common/global-id';
import { sqlOne } from '../../../common/sql';
import type { DocumentRow } from '../document.entity';
import type { CorrectSerialNumberInput } from '../document.inputs';
import { planCorrection } from './correction.plan';
import { postDocument } from './post-document';
import { lockProducts, lockUnitsById } from './unit-locks';

/** Correction of a misread number (see planCorrection). */
export function correctSerialNumber(
  ctx: RequestContext,
  input: CorrectSerialNumberInput,
): Promise<DocumentRow> {
  const serialId = idOf('Serial', input.serialId);
  const newNumber = normalizeSerial(input.newNumber);
  // Refused before the database sees it (a NUL is not even valid text there); the product's own
  // format is checked by the plan, once the product is locked.
  if (validateSerialNumber(newNumber, null))
    throw new DomainError(ErrorCode.INVALID_SERIAL_FORMAT, undefined, [newNumber]);
  return postDocument(
    ctx,
    SERIAL_OPERATIONS.CORRECT_NUMBER.document,
    { idempotencyKey: input.idempotencyKey, input },
    async (tx) => {
      const [unit] = await lockUnitsById(tx, [serialId]);
      if (!unit) throw notFound(`Serial ${input.serialId}`);
      const product = (await lockProducts(tx, [unit.productId])).get(unit.productId)!;
      // The product's spelling (MAC-48: AA:BB:CC:DD:EE:FF) is the one compared and recorded.
      const recorded = normalizeSerial(newNumber, productSerialFormat(product));
      // Another unit of the product with that number (case-insensitively) is a clash; the unit itself is not.
      const clash = await sqlOne(
        tx.em,
        `select 1 from serial where organization_id = ? and product_id = ? and lower(number) = lower(?) and id <> ?`,
        [tx.organizationId, unit.productId, recorded, unit.id],
      );
      return planCorrection({ unit, product, newNumber: recorded, clash: !!clash, reason: input.reason });
    },
  );
}
