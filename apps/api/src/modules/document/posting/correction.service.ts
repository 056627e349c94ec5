import { normalizeSerial, SERIAL_OPERATIONS } from '@serialgraph/domain';
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
  return postDocument(ctx, SERIAL_OPERATIONS.CORRECT_NUMBER.document, { input }, async (tx) => {
    const [unit] = await lockUnitsById(tx, [serialId]);
    if (!unit) throw notFound(`Serial ${input.serialId}`);
    const product = (await lockProducts(tx, [unit.productId])).get(unit.productId)!;
    // Another unit of the product with that number (case-insensitively) is a clash; the unit itself is not.
    const clash = await sqlOne(
      tx.em,
      `select 1 from serial where organization_id = ? and product_id = ? and lower(number) = lower(?) and id <> ?`,
      [tx.organizationId, unit.productId, newNumber, unit.id],
    );
    return planCorrection({ unit, product, newNumber, clash: !!clash, reason: input.reason });
  });
}
