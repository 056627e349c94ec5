import { Migration } from '@mikro-orm/migrations';

/**
 * Numbers the API makes for units that arrive without a serial (a product's number template):
 * - `product.number_template`, the template text (grammar in @serialgraph/domain number-template);
 * - `serial_number_counter`, one row per (organization, product, counter key: the template's text with
 *   the year filled in), advanced in the transaction that hands the numbers out, so no two
 *   transactions can ever get the same value;
 * - `serial_reservation`, numbers handed out ahead of the receipt: a range of one counter, rendered
 *   with the template and day it was made with; `received` of them were received so far (in order);
 *   past `expires_at` the rest are void, and the counter never goes back.
 */
export class Migration20261201000000_serial_numbering extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table product add column number_template text;`);
    this.addSql(`
      create table serial_number_counter (
        organization_id uuid not null references organization(id),
        product_id uuid not null,
        key text not null,
        last bigint not null check (last >= 0),
        primary key (organization_id, product_id, key),
        foreign key (organization_id, product_id) references product (organization_id, id)
      );`);
    this.addSql(`
      create table serial_reservation (
        id uuid not null,
        organization_id uuid not null references organization(id),
        product_id uuid not null,
        template text not null,
        counter_key text not null,
        issued_at timestamptz not null,
        first_seq bigint not null check (first_seq >= 1),
        count int not null check (count >= 1),
        received int not null default 0 check (received between 0 and count),
        expires_at timestamptz not null,
        actor text not null,
        idempotency_key text,
        request_hash text,
        primary key (organization_id, id),
        unique (organization_id, idempotency_key),
        foreign key (organization_id, product_id) references product (organization_id, id)
      );
      create index serial_reservation_product on serial_reservation (organization_id, product_id, issued_at desc);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists serial_reservation, serial_number_counter;`);
    this.addSql(`alter table product drop column if exists number_template;`);
  }
}
