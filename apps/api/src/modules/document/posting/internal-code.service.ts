import {
  assertInternalCodesWellFormed,
  internalCodesTaken,
  normalizeInternalCode,
  SERIAL_OPERATIONS,
} from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { isUniqueViolation } from '../../../common/db-errors';
import { notFound } from '../../../common/errors';
import { idOf } from '../../../common/global-id';
import { sqlOne } from '../../../common/sql';
import type { DocumentRow } from '../document.entity';
import type { SetInternalCodeInput } from '../document.inputs';
import { planInternalCodeChange } from './internal-code.plan';
import { postDocument } from './post-document';
import { lockUnitsById } from './unit-locks';

/** Sets, changes or clears (null or "") a unit's internal code, as a recorded movement (see planInternalCodeChange). */
export async function setInternalCode(
  ctx: RequestContext,
  input: SetInternalCodeInput,
): Promise<DocumentRow> {
  const serialId = idOf('Serial', input.serialId);
  const internalCode = input.internalCode ? normalizeInternalCode(input.internalCode) : null;
  // Refused before the database sees it (a NUL is not even valid text there).
  if (internalCode !== null) assertInternalCodesWellFormed([internalCode]);
  try {
    return await postDocument(
      ctx,
      SERIAL_OPERATIONS.CHANGE_INTERNAL_CODE.document,
      { idempotencyKey: input.idempotencyKey, input },
      async (tx) => {
        const [unit] = await lockUnitsById(tx, [serialId]);
        if (!unit) throw notFound(`Serial ${input.serialId}`);
        const clash =
          internalCode !== null &&
          !!(await sqlOne(
            tx.em,
            `select 1 from serial where organization_id = ? and internal_code is not null
              and lower(internal_code) = lower(?) and id <> ?`,
            [tx.organizationId, internalCode, unit.id],
          ));
        return planInternalCodeChange({ unit, internalCode, clash, reason: input.reason });
      },
    );
  } catch (error) {
    // Two requests gave the same new code at once: the unique index decided.
    if (internalCode && isUniqueViolation(error, 'serial_internal_code_uq'))
      throw internalCodesTaken([internalCode]);
    throw error;
  }
}
