import { Migration } from '@mikro-orm/migrations';

/**
 * Product barcodes (GTIN/EAN/UPC), several per product. `gtin` is the GTIN-14 form (zero-padded),
 * unique per organization among live barcodes, so a UPC-A and its EAN-13 spelling are one code.
 * The server has no DELETE: a barcode taken off a product is marked `removed_at` and keeps its
 * row, which also records when the product stopped answering to it.
 */
export class Migration20261201020000_product_barcodes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table product_barcode (
        organization_id uuid not null references organization(id),
        id uuid not null default serialgraph_uuidv7(),
        product_id uuid not null,
        code text not null,
        gtin text not null,
        created_at timestamptz not null default now(),
        removed_at timestamptz,
        constraint product_barcode_pkey primary key (organization_id, id),
        constraint product_barcode_product_id_fkey foreign key (organization_id, product_id)
          references product (organization_id, id)
      );`);
    this.addSql(`create unique index product_barcode_gtin_uq on product_barcode (organization_id, gtin)
      where removed_at is null;`);
    this.addSql(`create index product_barcode_product_idx on product_barcode (organization_id, product_id)
      where removed_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists product_barcode;`);
  }
}
