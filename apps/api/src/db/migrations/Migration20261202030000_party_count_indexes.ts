import { Migration } from '@mikro-orm/migrations';

/**
 * A count of a party's units (totalCount of the serials report filtered by party) reads only these
 * indexes (index-only, each side of the party a range): the unit's party first, then the
 * organization and status, and on the supplier side the customer (to leave out units whose
 * customer is the same party, counted on the customer side). Replaces the one-column indexes, which
 * the foreign keys and the party filter of the report keep using through the same leading column.
 */
export class Migration20261202030000_party_count_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists serial_customer;`);
    this.addSql(`create index serial_customer on serial (customer_id, organization_id, status);`);
    this.addSql(`drop index if exists serial_supplier;`);
    this.addSql(
      `create index serial_supplier on serial (supplier_id, organization_id, status, customer_id);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists serial_customer;`);
    this.addSql(`create index serial_customer on serial (customer_id);`);
    this.addSql(`drop index if exists serial_supplier;`);
    this.addSql(`create index serial_supplier on serial (supplier_id);`);
  }
}
