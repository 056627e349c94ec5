import { Migration } from '@mikro-orm/migrations';

/**
 * Stock counts (audits): the count, the units it expected when it started (a snapshot, so units
 * received or moved in during the count are never "missing"), every distinct code scanned (one row
 * per number per count, so two clerks scanning one unit at once count it once), and the documents a
 * close posted with the count as their basis.
 */
export class Migration20261202010000_stock_counts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table stock_count (
        organization_id uuid not null references organization(id),
        id uuid not null,
        seq int not null,
        number text not null,
        warehouse_id uuid not null,
        product_id uuid,
        note text,
        status text not null default 'OPEN' check (status in ('OPEN', 'CLOSED', 'CANCELLED')),
        started_by text not null,
        started_at timestamptz not null,
        ended_by text,
        ended_at timestamptz,
        fixes_posted boolean not null default false,
        constraint stock_count_pkey primary key (organization_id, id),
        constraint stock_count_seq_uq unique (organization_id, seq),
        constraint stock_count_warehouse_id_fkey foreign key (organization_id, warehouse_id)
          references warehouse (organization_id, id),
        constraint stock_count_product_id_fkey foreign key (organization_id, product_id)
          references product (organization_id, id)
      );`);
    this.addSql(`
      create table stock_count_expected (
        organization_id uuid not null references organization(id),
        count_id uuid not null,
        serial_id uuid not null,
        -- Set by the scan that names the unit: "missing" needs no join with the scans.
        scanned boolean not null default false,
        -- Frozen when the count ends: the unit was still expected here and nobody scanned it.
        missing boolean,
        constraint stock_count_expected_pkey primary key (organization_id, count_id, serial_id),
        constraint stock_count_expected_count_id_fkey foreign key (organization_id, count_id)
          references stock_count (organization_id, id),
        constraint stock_count_expected_serial_id_fkey foreign key (organization_id, serial_id)
          references serial (organization_id, id)
      );`);
    this.addSql(`
      create table stock_count_scan (
        organization_id uuid not null references organization(id),
        id uuid not null,
        count_id uuid not null,
        number text not null,
        serial_id uuid,
        expected_at_scan boolean not null,
        scanned_at timestamptz not null,
        actor text not null,
        idempotency_key text,
        -- Frozen when the count ends: COUNTED, or why the unit was found but not expected (FoundReason).
        outcome text,
        constraint stock_count_scan_pkey primary key (organization_id, id),
        constraint stock_count_scan_count_id_fkey foreign key (organization_id, count_id)
          references stock_count (organization_id, id),
        constraint stock_count_scan_serial_id_fkey foreign key (organization_id, serial_id)
          references serial (organization_id, id)
      );`);
    // One row per number per count (case-insensitively, as serials are unique): the database ignores a repeat.
    this.addSql(`create unique index stock_count_scan_number_uq
      on stock_count_scan (organization_id, count_id, lower(number));`);
    this.addSql(
      `create index stock_count_scan_serial_idx on stock_count_scan (organization_id, count_id, serial_id);`,
    );
    this.addSql(`
      create table stock_count_document (
        organization_id uuid not null references organization(id),
        count_id uuid not null,
        document_id uuid not null,
        -- Posting order within the close (the documents share one timestamp; ids are random within it).
        ordinal int not null,
        constraint stock_count_document_pkey primary key (organization_id, document_id),
        constraint stock_count_document_count_id_fkey foreign key (organization_id, count_id)
          references stock_count (organization_id, id),
        constraint stock_count_document_document_id_fkey foreign key (organization_id, document_id)
          references document (organization_id, id)
      );`);
    this.addSql(
      `create index stock_count_document_count_idx on stock_count_document (organization_id, count_id);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `drop table if exists stock_count_document, stock_count_scan, stock_count_expected, stock_count;`,
    );
  }
}
