import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { formatDocumentNumber, type DocumentType } from '@serialgraph/domain';
import { json, sql, sqlOne } from '../../../common/sql';
import type { MovementRow } from '../../serial/movement.entity';
import type { DocumentRow } from '../document.entity';

/** Header fields of a document being posted. */
export interface DocumentHeader {
  reference?: string | null;
  note?: string | null;
  warehouseId?: string | null;
  toWarehouseId?: string | null;
  partyId?: string | null;
  basedOnId?: string | null;
}

export interface LineToWrite {
  id: string;
  productId: string;
  quantity: number;
  unitCost: string | null;
  totalCost: string | null;
}

/** One movement of one unit; document, time and actor come from the writer. */
export type MovementToWrite = Pick<
  MovementRow,
  | 'serialId'
  | 'lineId'
  | 'type'
  | 'fromStatus'
  | 'toStatus'
  | 'fromWarehouseId'
  | 'toWarehouseId'
  | 'partyId'
  | 'note'
> & { previousNumber?: string | null };

/**
 * Writes one document inside the posting transaction: header with its gapless number, lines and
 * movements — one SQL statement each, whatever the number of units.
 */
export class DocumentWriter {
  readonly documentId = randomUUID();
  constructor(
    readonly em: EntityManager,
    readonly organizationId: string,
    readonly actor: string,
    readonly type: DocumentType,
    private readonly idempotency: { key: string; hash: string } | null,
    /** One timestamp for the whole document: its movements happen at the moment it is posted. */
    readonly postedAt: Date = new Date(),
  ) {}

  /**
   * Allocates the next number and inserts the header. Called after the units are locked and checked,
   * so the counter row (which serialises numbering per type) is held as briefly as possible; a
   * rollback returns the number, which keeps the sequence gapless.
   */
  async insertDocument(header: DocumentHeader): Promise<void> {
    const counter = await sqlOne<{ last: number }>(
      this.em,
      `insert into document_counter (organization_id, type, last) values (?, ?, 1)
       on conflict (organization_id, type) do update set last = document_counter.last + 1
       returning last`,
      [this.organizationId, this.type],
    );
    const seq = counter!.last;
    await sql(
      this.em,
      `insert into document (id, organization_id, type, seq, number, posted_at, reference, note, warehouse_id,
         to_warehouse_id, party_id, based_on_id, actor, idempotency_key, request_hash)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        this.documentId,
        this.organizationId,
        this.type,
        seq,
        formatDocumentNumber(this.type, seq),
        this.postedAt,
        header.reference ?? null,
        header.note ?? null,
        header.warehouseId ?? null,
        header.toWarehouseId ?? null,
        header.partyId ?? null,
        header.basedOnId ?? null,
        this.actor,
        this.idempotency?.key ?? null,
        this.idempotency?.hash ?? null,
      ],
    );
  }

  async insertLines(lines: readonly LineToWrite[]): Promise<void> {
    if (lines.length === 0) return;
    await sql(
      this.em,
      `insert into document_line (id, organization_id, document_id, line_no, product_id, quantity, unit_cost, total_cost)
       select l.id, ?, ?, l.ord, l.product_id, l.quantity, l.unit_cost, l.total_cost
         from jsonb_to_recordset(?::jsonb) as l(id uuid, ord int, product_id uuid, quantity int, unit_cost numeric, total_cost numeric)`,
      [
        this.organizationId,
        this.documentId,
        json(
          lines.map((l, i) => ({
            id: l.id,
            ord: i + 1,
            product_id: l.productId,
            quantity: l.quantity,
            unit_cost: l.unitCost,
            total_cost: l.totalCost,
          })),
        ),
      ],
    );
  }

  async insertMovements(movements: readonly MovementToWrite[]): Promise<void> {
    if (movements.length === 0) return;
    await sql(
      this.em,
      `insert into movement (id, organization_id, serial_id, document_id, line_id, type, at, from_status, to_status,
         from_warehouse_id, to_warehouse_id, party_id, note, actor, previous_number)
       select gen_random_uuid(), ?, m.serial_id, ?, m.line_id, m.type, ?, m.from_status, m.to_status,
              m.from_warehouse_id, m.to_warehouse_id, m.party_id, m.note, ?, m.previous_number
         from rows from (jsonb_to_recordset(?::jsonb) as (serial_id uuid, line_id uuid, type text, from_status text,
              to_status text, from_warehouse_id uuid, to_warehouse_id uuid, party_id uuid, note text, previous_number text))
              with ordinality as m(serial_id, line_id, type, from_status, to_status, from_warehouse_id, to_warehouse_id,
              party_id, note, previous_number, ord)
        order by m.ord`,
      [
        this.organizationId,
        this.documentId,
        this.postedAt,
        this.actor,
        json(
          movements.map((m) => ({
            serial_id: m.serialId,
            line_id: m.lineId,
            type: m.type,
            from_status: m.fromStatus,
            to_status: m.toStatus,
            from_warehouse_id: m.fromWarehouseId,
            to_warehouse_id: m.toWarehouseId,
            party_id: m.partyId,
            note: m.note,
            previous_number: m.previousNumber ?? null,
          })),
        ),
      ],
    );
  }

  async load(): Promise<DocumentRow> {
    return (await findDocument(this.em, this.organizationId, this.documentId))!;
  }
}

export const DOCUMENT_COLUMNS = `d.id, d.organization_id as "organizationId", d.type, d.seq, d.number, d.posted_at as "postedAt",
  d.reference, d.note, d.warehouse_id as "warehouseId", d.to_warehouse_id as "toWarehouseId", d.party_id as "partyId",
  d.based_on_id as "basedOnId", d.actor, d.idempotency_key as "idempotencyKey", d.request_hash as "requestHash"`;

export function findDocument(
  em: EntityManager,
  organizationId: string,
  id: string,
): Promise<DocumentRow | undefined> {
  return sqlOne<DocumentRow>(
    em,
    `select ${DOCUMENT_COLUMNS} from document d where d.id = ? and d.organization_id = ?`,
    [id, organizationId],
  );
}
