import { Migration } from '@mikro-orm/migrations';

/**
 * When a webhook endpoint was last switched on. The relay gives an endpoint only the events posted
 * since then, so an event posted while it was off is never delivered, even when it is switched on
 * again before the relay's next pass. Existing endpoints count from their creation.
 */
export class Migration20261202040000_webhook_enabled_at extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table webhook_endpoint add column enabled_at timestamptz;`);
    this.addSql(`update webhook_endpoint set enabled_at = created_at;`);
    this.addSql(`alter table webhook_endpoint alter column enabled_at set default now(),
      alter column enabled_at set not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table webhook_endpoint drop column enabled_at;`);
  }
}
