import type { ReactNode } from 'react';
import {
  describeGtinProblem,
  gtinProblem,
  isSerialPreset,
  numberTemplateProblem,
  TrackingMode,
} from '@serialgraph/domain';
import type { Product, ProductInput } from '../api/operations';
import { NumberTemplatePreview } from './number-template-preview';

/** The form's working values: text boxes hold strings, switches booleans. */
export type ProductDraft = Record<string, string | boolean>;

/**
 * One field of the product settings form: how it starts, how it is shown, what it sends. The form
 * renders this list in order, so a new product setting (a number template, a preset) is one entry.
 */
export interface ProductField {
  name: string;
  label: string;
  control: 'text' | 'number' | 'switch' | 'lines' | 'select';
  /** Spans two grid columns (long values, long hints). */
  wide?: boolean;
  /** The choices of a `select` (value "" for none). */
  options?: { value: string; label: string }[];
  /** Only when creating (the API fixes it afterwards). */
  createOnly?: boolean;
  required?: boolean;
  placeholder?: string;
  initial: (product: Product | null) => string | boolean;
  /** Under the control; may depend on the other fields (a template's preview checks the format). */
  hint?: (product: Product | null, value: string | boolean, draft: ProductDraft) => ReactNode;
  disabled?: (product: Product | null) => boolean;
  /** A problem to show before sending (the API checks again), or null. */
  problem?: (value: string | boolean, draft: ProductDraft) => string | null;
  toInput: (value: string | boolean) => Partial<ProductInput>;
}

/** Why the template cannot be saved (empty is fine: no template). */
const numberTemplateProblemOrNull = (template: string) =>
  template
    ? (numberTemplateProblem(template)?.replace(/^numberTemplate/, 'The number template') ?? null)
    : null;

/** Barcodes as typed: one per line (commas and spaces also separate them). */
export const splitCodes = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v.trim() : '');

/** The presets a product may pick instead of a pattern, in the words of the box they come on. */
export const SERIAL_PRESET_OPTIONS = [
  { value: '', label: 'None' },
  { value: 'IMEI', label: 'IMEI (15 digits, Luhn check digit)' },
  { value: 'MAC_48', label: 'MAC-48 address (AA:BB:CC:DD:EE:FF)' },
  { value: 'GTIN_8', label: 'GTIN-8' },
  { value: 'GTIN_12', label: 'GTIN-12 (UPC-A)' },
  { value: 'GTIN_13', label: 'GTIN-13 (EAN-13)' },
  { value: 'GTIN_14', label: 'GTIN-14' },
];
/** How the products list names a preset. */
export const presetLabel = (preset: string) =>
  SERIAL_PRESET_OPTIONS.find((o) => o.value === preset)?.label.replace(/ \(.*\)$/, '') ?? preset;

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
    hint: () =>
      'A regular expression every new serial must match in full; empty: any number. Or pick a serial preset.',
    problem: (v, draft) =>
      text(v) && text(draft.serialPreset)
        ? 'A product takes a serial preset or a serial format, not both: clear one of them.'
        : null,
    toInput: (v) => ({ serialFormat: text(v) || null }),
  },
  {
    name: 'serialPreset',
    label: 'Serial preset',
    control: 'select',
    options: SERIAL_PRESET_OPTIONS,
    initial: (p) => p?.serialPreset ?? '',
    hint: () =>
      'A well-known format with its check digit, instead of a serial format: a mistyped digit is caught.',
    toInput: (v) => {
      const preset = text(v);
      return { serialPreset: isSerialPreset(preset) ? preset : null };
    },
  },
  {
    name: 'numberTemplate',
    label: 'Number template',
    control: 'text',
    wide: true,
    placeholder: 'e.g. TOOL-{YYYY}-{SEQ:6}',
    initial: (p) => p?.numberTemplate ?? '',
    // Live: the numbers the template makes, checked against the preset or format beside it.
    hint: (_p, v, draft) => (
      <NumberTemplatePreview
        template={text(v)}
        serialFormat={text(draft.serialFormat)}
        serialPreset={text(draft.serialPreset)}
      />
    ),
    problem: (v) => numberTemplateProblemOrNull(text(v)),
    toInput: (v) => ({ numberTemplate: text(v) || null }),
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
