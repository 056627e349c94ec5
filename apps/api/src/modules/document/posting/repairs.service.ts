import { randomUUID } from 'node:crypto';
import { canApply, DocumentType, SERIAL_OPERATIONS } from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { badInput, notFound } from '../../../common/errors';
import { idOf } from '../../../common/global-id';
import { sqlOne } from '../../../common/sql';
import type { SerialRow } from '../../serial/serial.entity';
import type { DocumentRow } from '../document.entity';
import type { IntakeRepairInput, ReleaseRepairInput } from '../document.inputs';
import { postDocument } from './post-document';
import { requireWarehouse } from './references';
import { assertAvailable, movementOf } from './unit-lines';
import { lockUnitsById, updateUnits } from './unit-store';

/** Repair intake: a sold unit comes in for service; it stays the customer's (IN_REPAIR). */
export async function intakeRepair(ctx: RequestContext, input: IntakeRepairInput): Promise<DocumentRow> {
  const serialId = idOf('Serial', input.serialId);
  const warehouse = await requireWarehouse(ctx, input.warehouseId);
  const rule = SERIAL_OPERATIONS.REPAIR_INTAKE;
  return postDocument(ctx, rule.document, { input }, async (writer, em) => {
    const [unit] = await lockUnitsById(em, ctx.organizationId, [serialId]);
    if (!unit) throw notFound(`Serial ${input.serialId}`);
    assertAvailable([unit], (u) => canApply('REPAIR_INTAKE', u.status));
    await writer.insertDocument({ note: input.note, warehouseId: warehouse.id, partyId: unit.customerId });
    const after: SerialRow = { ...unit, status: rule.to as SerialRow['status'], warehouseId: warehouse.id };
    await updateUnits(em, [after]);
    const lineId = randomUUID();
    await writer.insertMovements([
      movementOf(unit, after, {
        type: rule.movement,
        lineId,
        partyId: unit.customerId,
        note: input.note ?? null,
      }),
    ]);
    await writer.insertLines([
      { id: lineId, productId: unit.productId, quantity: 1, unitCost: null, totalCost: null },
    ]);
  });
}

/**
 * Repair release: the same unit goes back to its customer (repairCount + 1, warranty unchanged), or
 * a replacement unit from stock does: it takes over the remaining warranty, the two are linked
 * (`replaces` / `replacedBy`), and the swapped-out unit stays in storage ON_HOLD.
 */
export async function releaseRepair(ctx: RequestContext, input: ReleaseRepairInput): Promise<DocumentRow> {
  const serialId = idOf('Serial', input.serialId);
  const replacementId = input.replacementSerialId
    ? idOf('Serial', input.replacementSerialId, 'Replacement serial')
    : null;
  if (replacementId === serialId) throw badInput('A unit cannot replace itself.');
  const note = input.note ?? null;
  return postDocument(ctx, DocumentType.REPAIR_RELEASE, { input }, async (writer, em) => {
    const locked = await lockUnitsById(
      em,
      ctx.organizationId,
      replacementId ? [serialId, replacementId] : [serialId],
    );
    const unit = locked.find((u) => u.id === serialId);
    if (!unit) throw notFound(`Serial ${input.serialId}`);
    const intake = await sqlOne<{ documentId: string }>(
      em,
      `select document_id as "documentId" from movement where serial_id = ? and type = 'REPAIR_INTAKE' order by seq desc limit 1`,
      [unit.id],
    );
    const replacement = replacementId ? locked.find((u) => u.id === replacementId) : undefined;
    if (replacementId && !replacement) throw notFound(`Replacement serial ${input.replacementSerialId}`);
    // One refusal names both when neither the unit nor its replacement qualifies. The swap happens at
    // the service desk: the replacement must be in stock where the unit is.
    assertAvailable(replacement ? [unit, replacement] : [unit], (u) =>
      u === unit
        ? canApply('REPAIR_RELEASE', u.status)
        : canApply('REPLACEMENT_SHIP', u.status) && u.warehouseId === unit.warehouseId,
    );
    await writer.insertDocument({
      note,
      warehouseId: unit.warehouseId,
      partyId: unit.customerId,
      basedOnId: intake?.documentId ?? null,
    });
    const lineId = randomUUID();
    if (!replacement) {
      const after: SerialRow = {
        ...unit,
        status: SERIAL_OPERATIONS.REPAIR_RELEASE.to as SerialRow['status'],
        warehouseId: null,
        shippedAt: writer.postedAt,
        repairCount: unit.repairCount + 1,
      };
      await updateUnits(em, [after]);
      await writer.insertMovements([
        movementOf(unit, after, {
          type: SERIAL_OPERATIONS.REPAIR_RELEASE.movement,
          lineId,
          partyId: unit.customerId,
          note,
        }),
      ]);
      await writer.insertLines([
        { id: lineId, productId: unit.productId, quantity: 1, unitCost: null, totalCost: null },
      ]);
      return;
    }
    const oldAfter: SerialRow = {
      ...unit,
      status: SERIAL_OPERATIONS.REPLACE_OUT.to as SerialRow['status'],
      replacedById: replacement.id,
      holdReason: note ?? 'Replaced in repair',
    };
    const newAfter: SerialRow = {
      ...replacement,
      status: SERIAL_OPERATIONS.REPLACEMENT_SHIP.to as SerialRow['status'],
      warehouseId: null,
      customerId: unit.customerId,
      shippedAt: writer.postedAt,
      replacesId: unit.id,
      warrantyStartsAt: unit.warrantyStartsAt,
      warrantyEndsAt: unit.warrantyEndsAt,
      holdReason: null,
    };
    await updateUnits(em, [oldAfter, newAfter]);
    const oldLineId = randomUUID();
    await writer.insertMovements([
      movementOf(replacement, newAfter, {
        type: SERIAL_OPERATIONS.REPLACEMENT_SHIP.movement,
        lineId,
        partyId: unit.customerId,
        note,
      }),
      movementOf(unit, oldAfter, {
        type: SERIAL_OPERATIONS.REPLACE_OUT.movement,
        lineId: oldLineId,
        partyId: unit.customerId,
        note,
      }),
    ]);
    await writer.insertLines([
      {
        id: lineId,
        productId: replacement.productId,
        quantity: 1,
        unitCost: replacement.unitCost,
        totalCost: replacement.unitCost,
      },
      { id: oldLineId, productId: unit.productId, quantity: 1, unitCost: null, totalCost: null },
    ]);
  });
}
