import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Semaphore } from 'async-mutex';
import {
  isWarrantyActive,
  normalizeWarrantySlug,
  PUBLIC_WARRANTY_STATUSES,
  serialSpellings,
} from '@serialgraph/domain';
import { toDate } from '../../common/scalars';
import { arrayLiteral } from '../../common/sql';
import { ORGANIZATION_SETTING } from '../../db/tenancy';

/**
 * Every answer of the public lookup takes at least this long, whatever the case (found, unknown
 * serial, unknown or unpublished organization): the few milliseconds the database work takes, and
 * their differences, disappear in it.
 */
export const PUBLIC_WARRANTY_MIN_RESPONSE_MS = 150;

/** Public lookups at once: anonymous callers from many addresses never hold more of the pool than this. */
const PUBLIC_LOOKUPS_AT_ONCE = 2;
const lookups = new Semaphore(PUBLIC_LOOKUPS_AT_ONCE);

/** Matches no organization (ids are UUIDv7): the setting for "no such published page". */
const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/** Units of one number recorded for several products: each is answered, up to this many. */
const MAX_UNITS = 20;

export interface PublicWarranty {
  productName: string;
  endsAt: Date;
  active: boolean;
}

/**
 * The warranty of the sold units with this serial in the organization that published its page
 * under `organizationSlug`. Anything else (unknown or unpublished organization, unknown serial, a
 * unit no customer holds or without warranty: PUBLIC_WARRANTY_STATUSES) is the same empty list, after the same statements: the
 * organization is looked up and made the transaction's row-level security setting in one statement
 * (the nil id when there is none), then the units are read under that setting. Internal codes are
 * private and never matched.
 */
export async function lookUpPublicWarranty(
  em: EntityManager,
  organizationSlug: string,
  serial: string,
  now: () => Date = () => new Date(),
): Promise<PublicWarranty[]> {
  const started = performance.now();
  try {
    const rows = await lookups.runExclusive(() =>
      readUnits(em, normalizeWarrantySlug(organizationSlug), serialSpellings(serial)),
    );
    return rows.map((r) => {
      const endsAt = toDate(r.endsAt);
      return { productName: r.productName, endsAt, active: isWarrantyActive({ endsAt }, now()) };
    });
  } finally {
    const left = PUBLIC_WARRANTY_MIN_RESPONSE_MS - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}

interface UnitRow {
  productName: string;
  endsAt: Date | string;
}

async function readUnits(em: EntityManager, slug: string, spellings: string[]): Promise<UnitRow[]> {
  const numbers = await arrayLiteral(spellings.map((n) => n.toLowerCase()));
  const statuses = await arrayLiteral(PUBLIC_WARRANTY_STATUSES);
  try {
    // A transaction of its own, whoever calls: the setting is local to it (tenancy.ts), and a
    // caller with a key must not read another organization's units under its own setting.
    return await em.getKnex().transaction(async (trx) => {
      const scope = (await trx.raw(
        `select set_config('${ORGANIZATION_SETTING}',
                  coalesce((select id::text from organization where warranty_slug = ? and warranty_published), ?),
                  true) as id`,
        [slug, NO_ORGANIZATION],
      )) as { rows: { id: string }[] };
      const units = (await trx.raw(
        `select p.name as "productName", s.warranty_ends_at as "endsAt"
           from serial s
           join product p on p.organization_id = s.organization_id and p.id = s.product_id
          where s.organization_id = ?::uuid and lower(s.number) = any(?::text[])
            and s.status = any(?::text[]) and s.warranty_ends_at is not null
          order by p.name, s.id
          limit ${MAX_UNITS}`,
        [scope.rows[0]!.id, numbers, statuses],
      )) as { rows: UnitRow[] };
      return units.rows;
    });
  } catch (e) {
    throw em.getDriver().convertException(e as Error);
  }
}
