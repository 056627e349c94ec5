import { SerialStatus } from './statuses.js';

/**
 * An organization's public warranty page lives at /w/<slug>. The slug is part of a URL people type
 * or scan from a receipt, so it is short, lower-case and plain: letters a–z, digits and hyphens.
 */
export const WARRANTY_SLUG_MIN_LENGTH = 3;
export const WARRANTY_SLUG_MAX_LENGTH = 40;
const SLUG = /^[a-z0-9-]+$/;

/** The slug as stored and looked up: trimmed and lower-case (people type "Acme" for "acme"). */
export function normalizeWarrantySlug(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Why this (normalized) slug cannot be used, as the end of a sentence about it; null when it can. */
export function warrantySlugProblem(slug: string): string | null {
  if (slug.length < WARRANTY_SLUG_MIN_LENGTH || slug.length > WARRANTY_SLUG_MAX_LENGTH)
    return `must be ${WARRANTY_SLUG_MIN_LENGTH} to ${WARRANTY_SLUG_MAX_LENGTH} characters long`;
  if (!SLUG.test(slug)) return 'may contain only lower-case letters a–z, digits and hyphens';
  return null;
}

/** The public page's path for a slug. */
export function warrantyPagePath(slug: string): string {
  return `/w/${slug}`;
}

/**
 * The units a public warranty page answers for: those a customer holds (shipped, or ours only for
 * service). A unit returned, swapped out or written off keeps its warranty dates on record, but its
 * warranty is no longer the public's business: it answers like an unknown number.
 */
export const PUBLIC_WARRANTY_STATUSES: readonly SerialStatus[] = [
  SerialStatus.SHIPPED,
  SerialStatus.IN_REPAIR,
];
