import { describe, expect, it } from 'vitest';
import { normalizeWarrantySlug, warrantyPagePath, warrantySlugProblem } from './public-warranty.js';

describe('warranty page slug', () => {
  it('is trimmed and lower-cased', () => {
    expect(normalizeWarrantySlug('  Acme-Retail \n')).toBe('acme-retail');
  });

  it('accepts 3 to 40 lower-case letters, digits and hyphens', () => {
    for (const slug of ['abc', 'acme-retail', 'shop-42', '007', 'a'.repeat(40)])
      expect(warrantySlugProblem(slug), slug).toBeNull();
  });

  it('refuses a slug too short or too long, naming the limits', () => {
    for (const slug of ['', 'ab', 'a'.repeat(41)])
      expect(warrantySlugProblem(slug), slug).toBe('must be 3 to 40 characters long');
  });

  it('refuses anything but a–z, 0–9 and hyphens', () => {
    for (const slug of ['acme retail', 'acme_retail', 'acme/..', 'café', 'ACME', 'acme.shop', 'a%2fb'])
      expect(warrantySlugProblem(slug), slug).toMatch(/lower-case letters a–z, digits and hyphens/);
  });

  it('gives the page path', () => {
    expect(warrantyPagePath('demo')).toBe('/w/demo');
  });
});
