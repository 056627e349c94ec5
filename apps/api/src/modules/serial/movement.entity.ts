import { EntitySchema } from '@mikro-orm/core';
import type { MovementType, SerialStatus } from '@serialgraph/domain';

/** An append-only change of one unit, tied to its document and actor. */
export interface MovementRow {
  id: string;
  seq: string;
  organizationId: string;
  serialId: string;
  documentId: string;
  lineId: string | null;
  type: MovementType;
  at: Date;
  fromStatus: SerialStatus | null;
  toStatus: SerialStatus;
  fromWarehouseId: string | null;
  toWarehouseId: string | null;
  partyId: string | null;
  note: string | null;
  actor: string;
  previousNumber: string | null;
}

export const MovementEntity = new EntitySchema<MovementRow>({
  name: 'Movement',
  tableName: 'movement',
  properties: {
    id: { type: 'uuid', primary: true },
    seq: { type: 'bigint' },
    organizationId: { type: 'uuid' },
    serialId: { type: 'uuid' },
    documentId: { type: 'uuid' },
    lineId: { type: 'uuid', nullable: true },
    type: { type: 'text' },
    at: { type: 'Date' },
    fromStatus: { type: 'text', nullable: true },
    toStatus: { type: 'text' },
    fromWarehouseId: { type: 'uuid', nullable: true },
    toWarehouseId: { type: 'uuid', nullable: true },
    partyId: { type: 'uuid', nullable: true },
    note: { type: 'text', nullable: true },
    actor: { type: 'text' },
    previousNumber: { type: 'text', nullable: true },
  },
});
