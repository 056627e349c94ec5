import {
  DomainError,
  ErrorCode,
  normalizeWarrantySlug,
  warrantyPagePath,
  warrantySlugProblem,
} from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { isUniqueViolation } from '../../common/db-errors';
import { badInput } from '../../common/errors';
import { sql, sqlOne } from '../../common/sql';

export interface WarrantyLookupSettings {
  slug: string | null;
  published: boolean;
  path: string | null;
}

function settings(row: { slug: string | null; published: boolean } | undefined): WarrantyLookupSettings {
  const slug = row?.slug ?? null;
  return { slug, published: row?.published ?? false, path: slug ? warrantyPagePath(slug) : null };
}

/** The caller's organization's public warranty page settings. */
export async function warrantyLookupSettings(ctx: RequestContext): Promise<WarrantyLookupSettings> {
  return settings(
    await sqlOne(
      ctx.em,
      `select warranty_slug as slug, warranty_published as published from organization where id = ?`,
      [ctx.organizationId],
    ),
  );
}

/**
 * Sets the caller's organization's page slug (unique across organizations) and whether it is
 * published. The application role may update these two columns of `organization` and nothing else
 * (Migration20261201060000_warranty_lookup); the organization comes from the caller's key only.
 */
export async function publishWarrantyLookup(
  ctx: RequestContext,
  rawSlug: string,
  published: boolean,
): Promise<WarrantyLookupSettings> {
  const slug = normalizeWarrantySlug(rawSlug);
  const problem = warrantySlugProblem(slug);
  if (problem) throw badInput(`slug ${problem}.`, { field: 'slug' });
  try {
    const rows = await sql<{ slug: string; published: boolean }>(
      ctx.em,
      `update organization set warranty_slug = ?, warranty_published = ? where id = ?
        returning warranty_slug as slug, warranty_published as published`,
      [slug, published, ctx.organizationId],
    );
    return settings(rows[0]);
  } catch (e) {
    if (isUniqueViolation(e, 'organization_warranty_slug_uq'))
      throw new DomainError(ErrorCode.WARRANTY_SLUG_TAKEN, undefined, undefined, { field: 'slug' });
    throw e;
  }
}
