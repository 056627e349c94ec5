import { Migration } from '@mikro-orm/migrations';

/** The serial graph: master data, documents, units and their append-only movements. */
export class Migration20261127000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`
      create table organization (
        id uuid primary key,
        name text not null unique,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table api_key (
        id uuid primary key,
        organization_id uuid not null references organization(id),
        name text not null,
        role text not null check (role in ('viewer', 'clerk', 'admin')),
        key_hash text not null unique,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table product (
        id uuid primary key,
        organization_id uuid not null references organization(id),
        sku text not null,
        name text not null,
        tracking_mode text not null check (tracking_mode in ('NONE', 'SERIAL')),
        serial_format text,
        warranty_months int check (warranty_months >= 0),
        created_at timestamptz not null default now()
      );
      create unique index product_sku_uq on product (organization_id, lower(sku));
      create index product_name_trgm on product using gin (lower(name) gin_trgm_ops);`);
    this.addSql(`
      create table warehouse (
        id uuid primary key,
        organization_id uuid not null references organization(id),
        code text not null,
        name text not null,
        created_at timestamptz not null default now()
      );
      create unique index warehouse_code_uq on warehouse (organization_id, lower(code));`);
    this.addSql(`
      create table party (
        id uuid primary key,
        organization_id uuid not null references organization(id),
        name text not null,
        roles text[] not null,
        created_at timestamptz not null default now()
      );
      create index party_org_name on party (organization_id, lower(name));`);
    this.addSql(`
      create table document (
        id uuid primary key,
        ord bigint generated always as identity unique, -- posting order, for stable newest-first lists
        organization_id uuid not null references organization(id),
        type text not null,
        seq int not null,
        number text not null,
        posted_at timestamptz not null,
        reference text,
        note text,
        warehouse_id uuid references warehouse(id),
        to_warehouse_id uuid references warehouse(id),
        party_id uuid references party(id),
        based_on_id uuid references document(id),
        actor text not null,
        idempotency_key text,
        request_hash text,
        unique (organization_id, type, seq),
        unique (organization_id, number),
        unique (organization_id, idempotency_key)
      );
      create index document_org_ord on document (organization_id, ord desc);
      create index document_party on document (party_id);
      create index document_based_on on document (based_on_id);
      create index document_number_trgm on document using gin (lower(number) gin_trgm_ops);`);
    this.addSql(`
      create table document_counter (
        organization_id uuid not null references organization(id),
        type text not null,
        last int not null,
        primary key (organization_id, type)
      );`);
    this.addSql(`
      create table document_line (
        id uuid primary key,
        organization_id uuid not null references organization(id),
        document_id uuid not null references document(id),
        line_no int not null,
        product_id uuid not null references product(id),
        quantity int not null check (quantity > 0),
        unit_cost numeric,
        total_cost numeric,
        unique (document_id, line_no)
      );
      create index document_line_product on document_line (product_id);`);
    this.addSql(`
      create table serial (
        id uuid primary key,
        organization_id uuid not null references organization(id),
        product_id uuid not null references product(id),
        number text not null,
        status text not null check (status in ('IN_STOCK', 'ON_HOLD', 'IN_REPAIR', 'SHIPPED', 'WRITTEN_OFF')),
        warehouse_id uuid references warehouse(id),
        supplier_id uuid references party(id),
        customer_id uuid references party(id),
        received_in_id uuid not null references document(id),
        received_at timestamptz not null,
        shipped_at timestamptz,
        last_shipment_id uuid references document(id),
        unit_cost numeric,
        warranty_starts_at timestamptz,
        warranty_ends_at timestamptz,
        repair_count int not null default 0,
        hold_reason text,
        replaced_by_id uuid references serial(id),
        replaces_id uuid references serial(id),
        -- a unit in storage is always somewhere; one out of storage is nowhere of ours
        check ((status in ('IN_STOCK', 'ON_HOLD', 'IN_REPAIR')) = (warehouse_id is not null))
      );
      -- the backstop of "one unit = one serial": unique per product, case-insensitively
      create unique index serial_number_uq on serial (organization_id, product_id, lower(number));
      create index serial_lookup on serial (organization_id, lower(number), id);
      create index serial_number_trgm on serial using gin (lower(number) gin_trgm_ops);
      create index serial_available on serial (product_id, warehouse_id, status, received_at, lower(number), id);
      create index serial_received_at on serial (organization_id, received_at, lower(number), id);
      create index serial_customer on serial (customer_id);
      create index serial_supplier on serial (supplier_id);
      create index serial_last_shipment on serial (last_shipment_id);`);
    this.addSql(`
      create table movement (
        id uuid primary key,
        seq bigint generated always as identity unique,
        organization_id uuid not null references organization(id),
        serial_id uuid not null references serial(id),
        document_id uuid not null references document(id),
        line_id uuid references document_line(id) deferrable initially deferred,
        type text not null,
        at timestamptz not null,
        from_status text,
        to_status text not null,
        from_warehouse_id uuid references warehouse(id),
        to_warehouse_id uuid references warehouse(id),
        party_id uuid references party(id),
        note text,
        actor text not null,
        previous_number text
      );
      create index movement_serial on movement (serial_id, seq);
      create index movement_document on movement (document_id, line_id);`);
    this.addSql(`
      create table stock_level (
        organization_id uuid not null references organization(id),
        product_id uuid not null references product(id),
        warehouse_id uuid not null references warehouse(id),
        quantity int not null check (quantity >= 0),
        primary key (product_id, warehouse_id)
      );`);
    // History is never rewritten: the database refuses it even if a bug tries.
    this.addSql(`
      create function refuse_history_rewrite() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only', tg_table_name using errcode = 'restrict_violation';
      end $$;
      create trigger movement_append_only before update or delete on movement
        for each row execute function refuse_history_rewrite();
      create trigger document_line_append_only before update or delete on document_line
        for each row execute function refuse_history_rewrite();`);
  }

  override async down(): Promise<void> {
    this
      .addSql(`drop table if exists stock_level, movement, serial, document_line, document_counter, document,
      party, warehouse, product, api_key, organization cascade;`);
    this.addSql(`drop function if exists refuse_history_rewrite;`);
  }
}
