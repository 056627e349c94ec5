import { describeGtinProblem, gtinProblem, TrackingMode } from '@serialgraph/domain';
import type { Product, ProductInput } from '../api/operations';

/** The form's working values: text boxes hold strings, switches booleans. */
export type ProductDraft = Record<string, string | boolean>;

/**
 * One field of the product settings form: how it starts, how it is shown, what it sends. The form
 * renders this list in order, so a new product setting (a number template, a preset) is one entry.
 */
export interface ProductField {
  name: string;
  label: string;
  control: 'text' | 'number' | 'switch' | 'lines';
  /** Only when creating (the API fixes it afterwards). */
  createOnly?: boolean;
  required?: boolean;
  placeholder?: string;
  initial: (product: Product | null) => string | boolean;
  hint?: (product: Product | null, value: string | boolean) => string | null;
  disabled?: (product: Product | null) => boolean;
  /** A problem to show before sending (the API checks again), or null. */
  problem?: (value: string | boolean) => string | null;
  toInput: (value: string | boolean) => Partial<ProductInput>;
}

/** Barcodes as typed: one per line (commas and spaces also separate them). */
export const splitCodes = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

const text = (v: string | boolean) => (typeof v === 'string' ? v.trim() : '');

export const PRODUCT_FIELDS: ProductField[] = [
  {
    name: 'sku',
    label: 'SKU',
    control: 'text',
    createOnly: true,
    required: true,
    placeholder: 'e.g. HT-200',
    initial: (p) => p?.sku ?? '',
    hint: (p) => (p ? 'The SKU cannot be changed.' : null),
    toInput: (v) => ({ sku: text(v) }),
  },
  {
    name: 'name',
    label: 'Name',
    control: 'text',
    required: true,
    initial: (p) => p?.name ?? '',
    toInput: (v) => ({ name: text(v) }),
  },
  {
    name: 'trackingMode',
    label: 'Serial tracking',
    control: 'switch',
    initial: (p) => p?.trackingMode === TrackingMode.SERIAL,
    // The API refuses switching tracking off; the form does not offer it.
    disabled: (p) => p?.trackingMode === TrackingMode.SERIAL,
    hint: (p) =>
      p?.trackingMode === TrackingMode.SERIAL
        ? 'On for good: serial tracking cannot be switched off.'
        : 'Each unit gets its serial number at receiving. Once on, it cannot be switched off.',
    toInput: (v) => ({ trackingMode: v ? TrackingMode.SERIAL : TrackingMode.NONE }),
  },
  {
    name: 'warrantyMonths',
    label: 'Warranty (months)',
    control: 'number',
    placeholder: 'none',
    initial: (p) => (p?.warrantyMonths == null ? '' : String(p.warrantyMonths)),
    hint: () => 'Counted from the shipment date.',
    problem: (v) =>
      text(v) && !/^\d{1,4}$/.test(text(v)) ? 'Warranty is a whole number of months (0–1200).' : null,
    toInput: (v) => ({ warrantyMonths: text(v) ? Number(text(v)) : null }),
  },
  {
    name: 'serialFormat',
    label: 'Serial format',
    control: 'text',
    placeholder: 'e.g. LTP-\\d{4}-\\d{6}',
    initial: (p) => p?.serialFormat ?? '',
    hint: () => 'A regular expression every new serial must match in full; empty: any number.',
    toInput: (v) => ({ serialFormat: text(v) || null }),
  },
  {
    name: 'barcodes',
    label: 'Barcodes (GTIN / EAN / UPC)',
    control: 'lines',
    placeholder: 'one per line',
    initial: (p) => (p?.barcodes ?? []).join('\n'),
    hint: () => 'Scanning one of these on Receive or Ship picks this product.',
    problem: (v) => {
      const bad = splitCodes(text(v)).filter((c) => gtinProblem(c) !== null);
      return bad.length ? bad.map((c) => describeGtinProblem(c, gtinProblem(c)!)).join(' ') : null;
    },
    toInput: (v) => ({ barcodes: splitCodes(text(v)) }),
  },
];
