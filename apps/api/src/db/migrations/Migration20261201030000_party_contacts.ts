import { Migration } from '@mikro-orm/migrations';

/** Contact data on parties: a recall reaches the customers who have the affected units. */
export class Migration20261201030000_party_contacts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table party add column email text, add column phone text, add column address text`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table party drop column email, drop column phone, drop column address`);
  }
}
