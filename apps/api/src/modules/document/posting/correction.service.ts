import { randomUUID } from 'node:crypto';
import {
  compileSerialFormat,
  DomainError,
  ErrorCode,
  normalizeSerial,
  SERIAL_OPERATIONS,
  validateSerialNumber,
} from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { badInput, notFound } from '../../../common/errors';
import { idOf } from '../../../common/global-id';
import { sqlOne } from '../../../common/sql';
import type { DocumentRow } from '../document.entity';
import { postDocument } from './post-document';
import type { CorrectSerialNumberInput } from '../document.inputs';
import { movementOf } from './unit-lines';
import { lockUnitsById, updateUnits } from './unit-store';

const RULE = SERIAL_OPERATIONS.CORRECT_NUMBER;

/**
 * Correction of a misread number: history is not rewritten; the unit gets its new number and a
 * NUMBER_CORRECTED movement keeps the previous one. The new number obeys every receiving rule.
 */
export async function correctSerialNumber(
  ctx: RequestContext,
  input: CorrectSerialNumberInput,
): Promise<DocumentRow> {
  const serialId = idOf('Serial', input.serialId);
  const newNumber = normalizeSerial(input.newNumber);
  return postDocument(ctx, RULE.document, { input }, async (writer, em) => {
    const [unit] = await lockUnitsById(em, ctx.organizationId, [serialId]);
    if (!unit) throw notFound(`Serial ${input.serialId}`);
    const product = (await ctx.loaders.product.load(unit.productId))!;
    const format = product.serialFormat ? compileSerialFormat(product.serialFormat) : null;
    if (validateSerialNumber(newNumber, format))
      throw new DomainError(ErrorCode.INVALID_SERIAL_FORMAT, undefined, [newNumber]);
    if (newNumber === unit.number) throw badInput(`${unit.number} already has that number.`);
    // Another unit of the product with that number (case-insensitively) is a clash; the unit itself is not.
    const clash = await sqlOne(
      em,
      `select 1 from serial where organization_id = ? and product_id = ? and lower(number) = lower(?) and id <> ?`,
      [ctx.organizationId, unit.productId, newNumber, unit.id],
    );
    if (clash) throw new DomainError(ErrorCode.SERIAL_EXISTS, undefined, [newNumber]);
    await writer.insertDocument({ note: input.reason, warehouseId: unit.warehouseId, partyId: null });
    const after = { ...unit, number: newNumber };
    await updateUnits(em, [after]);
    const lineId = randomUUID();
    await writer.insertMovements([
      movementOf(unit, after, {
        type: RULE.movement,
        lineId,
        partyId: null,
        note: input.reason,
        previousNumber: unit.number,
      }),
    ]);
    await writer.insertLines([
      { id: lineId, productId: unit.productId, quantity: 1, unitCost: null, totalCost: null },
    ]);
  });
}
