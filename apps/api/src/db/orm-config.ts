import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ApiKeyEntity } from '../modules/auth/api-key.entity';
import { OrganizationEntity } from '../modules/auth/organization.entity';
import { DocumentEntity, DocumentLineEntity } from '../modules/document/document.entity';
import { PartyEntity } from '../modules/party/party.entity';
import { ProductEntity } from '../modules/product/product.entity';
import { MovementEntity } from '../modules/serial/movement.entity';
import { SerialEntity } from '../modules/serial/serial.entity';
import { WarehouseEntity } from '../modules/warehouse/warehouse.entity';
import { Migration20261127000000_initial } from './migrations/Migration20261127000000_initial';
import { Migration20261129100000_serial_counts } from './migrations/Migration20261129100000_serial_counts';
import { Migration20261130000000_composite_keys } from './migrations/Migration20261130000000_composite_keys';
import { Migration20261130010000_roles_rls } from './migrations/Migration20261130010000_roles_rls';
import { Migration20261201000000_serial_numbering } from './migrations/Migration20261201000000_serial_numbering';
import { Migration20261201010000_presets_internal_codes } from './migrations/Migration20261201010000_presets_internal_codes';
import { Migration20261201020000_product_barcodes } from './migrations/Migration20261201020000_product_barcodes';
import { Migration20261201030000_party_contacts } from './migrations/Migration20261201030000_party_contacts';
import { Migration20261201040000_outbox_events } from './migrations/Migration20261201040000_outbox_events';
import { Migration20261201060000_warranty_lookup } from './migrations/Migration20261201060000_warranty_lookup';
import { Migration20261201070000_leakproof_lookups } from './migrations/Migration20261201070000_leakproof_lookups';
import { Migration20261201080000_barcode_position } from './migrations/Migration20261201080000_barcode_position';
import { Migration20261202010000_stock_counts } from './migrations/Migration20261202010000_stock_counts';
import { Migration20261202020000_webhooks } from './migrations/Migration20261202020000_webhooks';
import { Migration20261202030000_party_count_indexes } from './migrations/Migration20261202030000_party_count_indexes';
import { Migration20261202040000_webhook_enabled_at } from './migrations/Migration20261202040000_webhook_enabled_at';
import { DEFAULT_DATABASE_LIMITS, type DatabaseLimits } from './database-limits';
import { readReplicaOptions } from './read-replica';
import { connectionTimeouts, PostingStatementTimeout } from './statement-timeout';

/** Migrations listed statically so the same config works from the bundle and under vitest. */
export const migrationsList = [
  { name: 'Migration20261127000000_initial', class: Migration20261127000000_initial },
  { name: 'Migration20261129100000_serial_counts', class: Migration20261129100000_serial_counts },
  { name: 'Migration20261130000000_composite_keys', class: Migration20261130000000_composite_keys },
  { name: 'Migration20261130010000_roles_rls', class: Migration20261130010000_roles_rls },
  { name: 'Migration20261201000000_serial_numbering', class: Migration20261201000000_serial_numbering },
  {
    name: 'Migration20261201010000_presets_internal_codes',
    class: Migration20261201010000_presets_internal_codes,
  },
  { name: 'Migration20261201020000_product_barcodes', class: Migration20261201020000_product_barcodes },
  { name: 'Migration20261201030000_party_contacts', class: Migration20261201030000_party_contacts },
  { name: 'Migration20261201040000_outbox_events', class: Migration20261201040000_outbox_events },
  { name: 'Migration20261201060000_warranty_lookup', class: Migration20261201060000_warranty_lookup },
  { name: 'Migration20261201070000_leakproof_lookups', class: Migration20261201070000_leakproof_lookups },
  { name: 'Migration20261201080000_barcode_position', class: Migration20261201080000_barcode_position },
  { name: 'Migration20261202010000_stock_counts', class: Migration20261202010000_stock_counts },
  { name: 'Migration20261202020000_webhooks', class: Migration20261202020000_webhooks },
  { name: 'Migration20261202030000_party_count_indexes', class: Migration20261202030000_party_count_indexes },
  { name: 'Migration20261202040000_webhook_enabled_at', class: Migration20261202040000_webhook_enabled_at },
];

export function ormConfig(
  clientUrl: string,
  limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS,
  readUrl?: string,
): Options {
  return defineConfig({
    clientUrl,
    ...readReplicaOptions(readUrl),
    entities: [
      OrganizationEntity,
      ApiKeyEntity,
      ProductEntity,
      WarehouseEntity,
      PartyEntity,
      DocumentEntity,
      DocumentLineEntity,
      SerialEntity,
      MovementEntity,
    ],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: { min: 0, max: limits.poolMax },
    driverOptions: { connection: connectionTimeouts(limits) },
    subscribers: [new PostingStatementTimeout(limits.postingStatementTimeoutMs)],
    // Every request forks its own EntityManager; the global one must never be used.
    allowGlobalContext: false,
    ensureDatabase: false,
  });
}
