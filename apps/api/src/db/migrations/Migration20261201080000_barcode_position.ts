import { Migration } from '@mikro-orm/migrations';

/**
 * A product's barcodes are read back in the order they were given. Ids sort by time only to the
 * millisecond (the rest is random), so codes inserted by one statement had no stable order; the
 * position in the list given is kept instead. Existing rows keep their id order.
 */
export class Migration20261201080000_barcode_position extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table product_barcode add column ordinal int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table product_barcode drop column ordinal;`);
  }
}
