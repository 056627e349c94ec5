import { Migration } from '@mikro-orm/migrations';

/** A composite foreign key: (organization_id, column) references table(organization_id, id). */
interface ForeignKey {
  table: string;
  column: string;
  references: string;
  deferred?: boolean;
}

const TENANT_TABLES = [
  'api_key',
  'product',
  'warehouse',
  'party',
  'document',
  'document_counter',
  'document_line',
  'serial',
  'movement',
  'stock_level',
  'serial_count',
];

/** Tables whose primary key becomes (organization_id, id). */
const ID_TABLES = [
  'api_key',
  'product',
  'warehouse',
  'party',
  'document',
  'document_line',
  'serial',
  'movement',
];

const FOREIGN_KEYS: ForeignKey[] = [
  { table: 'document', column: 'warehouse_id', references: 'warehouse' },
  { table: 'document', column: 'to_warehouse_id', references: 'warehouse' },
  { table: 'document', column: 'party_id', references: 'party' },
  { table: 'document', column: 'based_on_id', references: 'document' },
  { table: 'document_line', column: 'document_id', references: 'document' },
  { table: 'document_line', column: 'product_id', references: 'product' },
  { table: 'serial', column: 'product_id', references: 'product' },
  { table: 'serial', column: 'warehouse_id', references: 'warehouse' },
  { table: 'serial', column: 'supplier_id', references: 'party' },
  { table: 'serial', column: 'customer_id', references: 'party' },
  { table: 'serial', column: 'received_in_id', references: 'document' },
  { table: 'serial', column: 'last_shipment_id', references: 'document' },
  { table: 'serial', column: 'replaced_by_id', references: 'serial' },
  { table: 'serial', column: 'replaces_id', references: 'serial' },
  { table: 'movement', column: 'serial_id', references: 'serial' },
  { table: 'movement', column: 'document_id', references: 'document' },
  { table: 'movement', column: 'line_id', references: 'document_line', deferred: true },
  { table: 'movement', column: 'from_warehouse_id', references: 'warehouse' },
  { table: 'movement', column: 'to_warehouse_id', references: 'warehouse' },
  { table: 'movement', column: 'party_id', references: 'party' },
  { table: 'stock_level', column: 'product_id', references: 'product' },
  { table: 'stock_level', column: 'warehouse_id', references: 'warehouse' },
  { table: 'serial_count', column: 'product_id', references: 'product' },
  { table: 'serial_count', column: 'warehouse_id', references: 'warehouse' },
];

/**
 * Every key of a tenant table includes organization_id: primary keys become (organization_id, id),
 * unique constraints lead with it and foreign keys are (organization_id, x_id) → (organization_id, id),
 * so a row of one organization can never point at a row of another, whatever the application does.
 * A nullable reference left null is not checked (MATCH SIMPLE), as before.
 *
 * Also adds serialgraph_uuidv7() for ids made in SQL (PostgreSQL 18 has uuidv7(); 15 does not):
 * time-ordered ids keep index inserts at the right edge of the keys as tables grow.
 *
 * Existing rows are kept as they are (ids do not change); the keys are rebuilt around them, and the
 * new foreign keys are validated against every row when they are added.
 */
export class Migration20261130000000_composite_keys extends Migration {
  override async up(): Promise<void> {
    // PostgreSQL 18's own uuidv7() where there is one (twice as fast); before 18, a v4 UUID with its
    // first 48 bits replaced by the Unix time in milliseconds and its version set to 7.
    this.addSql(`
      do $$
      begin
        if current_setting('server_version_num')::int >= 180000 then
          create function serialgraph_uuidv7() returns uuid language sql volatile parallel safe
            as 'select uuidv7()';
        else
          create function serialgraph_uuidv7() returns uuid language sql volatile parallel safe as $f$
            select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                     placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
                     from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
          $f$;
        end if;
      end $$;`);
    // Foreign keys first: the primary keys they depend on are replaced below.
    this.addSql(`
      do $$
      declare c record;
      begin
        for c in select conrelid::regclass as tbl, conname from pg_constraint
                  where contype = 'f' and connamespace = 'public'::regnamespace
                    and conrelid::regclass::text = any(array[${TENANT_TABLES.map((t) => `'${t}'`).join(', ')}])
        loop
          execute format('alter table %s drop constraint %I', c.tbl, c.conname);
        end loop;
      end $$;`);
    for (const table of ID_TABLES) {
      this.addSql(`alter table ${table} drop constraint ${table}_pkey;
        alter table ${table} add constraint ${table}_pkey primary key (organization_id, id);`);
    }
    this.addSql(`
      alter table stock_level drop constraint stock_level_pkey;
      alter table stock_level add constraint stock_level_pkey primary key (organization_id, product_id, warehouse_id);
      -- api keys are found by their hash before the organization is known: the hash leads
      alter table api_key drop constraint api_key_key_hash_key;
      alter table api_key add constraint api_key_key_hash_key unique (key_hash, organization_id);
      -- posting order is kept per organization; the newest-first index is that same key
      alter table document drop constraint document_ord_key;
      drop index document_org_ord;
      alter table document add constraint document_org_ord_key unique (organization_id, ord);
      alter table document_line drop constraint document_line_document_id_line_no_key;
      alter table document_line add constraint document_line_document_id_line_no_key unique (organization_id, document_id, line_no);
      alter table movement drop constraint movement_seq_key;
      alter table movement add constraint movement_seq_key unique (organization_id, seq);`);
    for (const table of TENANT_TABLES) {
      this.addSql(`alter table ${table} add constraint ${table}_organization_id_fkey
        foreign key (organization_id) references organization(id);`);
    }
    for (const fk of FOREIGN_KEYS) {
      this.addSql(`alter table ${fk.table} add constraint ${fk.table}_${fk.column}_fkey
        foreign key (organization_id, ${fk.column}) references ${fk.references}(organization_id, id)${
          fk.deferred ? ' deferrable initially deferred' : ''
        };`);
    }
  }

  override async down(): Promise<void> {
    throw new Error('Composite keys are not reverted: restore a backup taken before the migration instead.');
  }
}
