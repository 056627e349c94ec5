import { DocumentType, SERIAL_OPERATIONS } from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { badInput, notFound } from '../../../common/errors';
import { idOf } from '../../../common/global-id';
import { sqlOne } from '../../../common/sql';
import type { DocumentRow } from '../document.entity';
import type { IntakeRepairInput, ReleaseRepairInput } from '../document.inputs';
import { postDocument } from './post-document';
import { requireWarehouse } from './references';
import { planRepairIntake, planRepairRelease } from './repairs.plan';
import { lockUnitsById } from './unit-locks';

/** Repair intake (see planRepairIntake). */
export function intakeRepair(ctx: RequestContext, input: IntakeRepairInput): Promise<DocumentRow> {
  const serialId = idOf('Serial', input.serialId);
  return postDocument(
    ctx,
    SERIAL_OPERATIONS.REPAIR_INTAKE.document,
    { idempotencyKey: input.idempotencyKey, input },
    async (tx) => {
      const warehouse = await requireWarehouse(tx, input.warehouseId);
      const [unit] = await lockUnitsById(tx, [serialId]);
      if (!unit) throw notFound(`Serial ${input.serialId}`);
      return planRepairIntake({ unit, warehouseId: warehouse.id, note: input.note ?? null });
    },
  );
}

/** Repair release of the same unit or a replacement (see planRepairRelease). */
export function releaseRepair(ctx: RequestContext, input: ReleaseRepairInput): Promise<DocumentRow> {
  const serialId = idOf('Serial', input.serialId);
  const replacementId = input.replacementSerialId
    ? idOf('Serial', input.replacementSerialId, 'Replacement serial')
    : null;
  if (replacementId === serialId) throw badInput('A unit cannot replace itself.');
  return postDocument(
    ctx,
    DocumentType.REPAIR_RELEASE,
    { idempotencyKey: input.idempotencyKey, input },
    async (tx) => {
      const locked = await lockUnitsById(tx, replacementId ? [serialId, replacementId] : [serialId]);
      const unit = locked.find((u) => u.id === serialId);
      if (!unit) throw notFound(`Serial ${input.serialId}`);
      const replacement = replacementId ? locked.find((u) => u.id === replacementId) : undefined;
      if (replacementId && !replacement) throw notFound(`Replacement serial ${input.replacementSerialId}`);
      const intake = await sqlOne<{ documentId: string }>(
        tx.em,
        `select document_id as "documentId" from movement where serial_id = ? and type = 'REPAIR_INTAKE' order by seq desc limit 1`,
        [unit.id],
      );
      return planRepairRelease(tx, {
        unit,
        replacement: replacement ?? null,
        intakeId: intake?.documentId ?? null,
        note: input.note ?? null,
      });
    },
  );
}
