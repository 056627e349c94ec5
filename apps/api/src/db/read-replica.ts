import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * `em` with its raw SQL (common/sql) sent to the read replica (DATABASE_READ_URL) when one is
 * configured, else to the primary. For reads that may lag the primary by the replication delay:
 * the serials report, the documents list, lookups. Inside a transaction the statement still runs on
 * the transaction's (primary) connection, so a posting never reads from the replica.
 */
export function onReadReplica(em: EntityManager): EntityManager {
  return new Proxy(em, {
    get(target, property, receiver) {
      if (property === 'getKnex') return () => target.getKnex('read');
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** MikroORM options for DATABASE_READ_URL: a replica used only where asked (`onReadReplica`). */
export function readReplicaOptions(readUrl: string | undefined) {
  return readUrl ? { replicas: [{ name: 'read', clientUrl: readUrl }], preferReadReplicas: false } : {};
}
