import { newId } from '../../../common/ids';
import {
  DomainError,
  ErrorCode,
  invalidSerialsError,
  normalizeSerial,
  productSerialFormat,
  SERIAL_OPERATIONS,
  validateSerialNumber,
} from '@serialgraph/domain';
import { badInput } from '../../../common/errors';
import type { Product } from '../../product/product.entity';
import type { SerialRow } from '../../serial/serial.entity';
import { movementOf, singleUnitLine, type Plan, type UnitChange } from './plan';

export interface CorrectionRequest {
  unit: SerialRow;
  product: Product;
  /** Normalized new number. */
  newNumber: string;
  /** Another unit of the product already has the new number (case-insensitively). */
  clash: boolean;
  reason: string;
}

/**
 * Correction of a misread number: history is not rewritten; the unit gets its new number and a
 * NUMBER_CORRECTED movement keeps the previous one. The new number obeys every receiving rule.
 */
export function planCorrection(req: CorrectionRequest): Plan {
  const { unit } = req;
  const format = productSerialFormat(req.product);
  // The service matched clashes on this spelling too (see correctionNumber).
  const newNumber = normalizeSerial(req.newNumber, format);
  const problem = validateSerialNumber(newNumber, format);
  if (problem) throw invalidSerialsError([{ serial: newNumber, problem }]);
  if (newNumber === unit.number) throw badInput(`${unit.number} already has that number.`);
  if (req.clash) throw new DomainError(ErrorCode.SERIAL_EXISTS, undefined, [newNumber]);
  const change: UnitChange = { before: unit, set: { number: newNumber } };
  const lineId = newId();
  const rule = SERIAL_OPERATIONS.CORRECT_NUMBER;
  return {
    header: { note: req.reason, warehouseId: unit.warehouseId, partyId: null },
    lines: [singleUnitLine(lineId, unit)],
    newUnits: [],
    changes: [change],
    movements: [
      movementOf(change, {
        type: rule.movement,
        lineId,
        partyId: null,
        note: req.reason,
        previousNumber: unit.number,
      }),
    ],
    stock: [],
  };
}
