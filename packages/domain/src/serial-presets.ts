import { gs1CheckDigitValid, luhnValid } from './check-digits.js';
import { DomainError, ErrorCode } from './error-codes.js';
import type { SerialFormat } from './serial-format-engine.js';

/** Well-known serial formats a product may pick instead of writing a pattern; values equal their keys. */
export const SerialPreset = {
  /** 15 digits, the last a Luhn check digit (3GPP TS 23.003). */
  IMEI: 'IMEI',
  /** Six hex pairs separated by `:`, `-` or nothing; recorded upper-case with `:` (AA:BB:CC:DD:EE:FF). */
  MAC_48: 'MAC_48',
  /** GS1 trade item numbers: 8, 12 (UPC-A), 13 (EAN-13) or 14 digits, the last a GS1 mod-10 check digit. */
  GTIN_8: 'GTIN_8',
  GTIN_12: 'GTIN_12',
  GTIN_13: 'GTIN_13',
  GTIN_14: 'GTIN_14',
} as const;

/** One of the presets in {@link SerialPreset}. */
export type SerialPreset = (typeof SerialPreset)[keyof typeof SerialPreset];

/** Why a number fails a preset: the wrong shape, or the right shape with a wrong check digit. */
export type SerialPresetProblem = 'FORMAT_MISMATCH' | 'CHECK_DIGIT';

/**
 * A format that may also rewrite numbers into the one recorded spelling (`normalize`, applied after
 * trimming wherever a number is entered) and say why a number fails (`check`).
 */
export interface PresetFormat extends SerialFormat {
  readonly preset: SerialPreset;
  normalize(number: string): string;
  check(number: string): SerialPresetProblem | null;
}

/** True when `value` names a preset (case-sensitive, as in the GraphQL enum). */
export function isSerialPreset(value: unknown): value is SerialPreset {
  return typeof value === 'string' && Object.hasOwn(SerialPreset, value);
}

/** The compiled rule of a preset: shape, check digit and normalization. */
export function serialPresetFormat(preset: SerialPreset): PresetFormat {
  const rule = RULES[preset];
  return {
    preset,
    normalize: rule.normalize,
    check: rule.check,
    test: (number) => rule.check(number) === null,
  };
}

/** What a product carries: a preset or a pattern (never both), compiled by the caller's pattern compiler. */
export interface ProductSerialRules {
  serialFormat?: string | null;
  serialPreset?: SerialPreset | string | null;
}

/**
 * Refuses a product that names both a preset and a pattern (BAD_USER_INPUT, details.field =
 * "serialPreset"): a pattern could contradict the preset's checksum, and which wins would be a guess.
 */
export function assertOneSerialRule(rules: ProductSerialRules): void {
  if (rules.serialFormat && rules.serialPreset) {
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      'A product takes either serialPreset or serialFormat, not both; clear one of them.',
      undefined,
      { field: 'serialPreset' },
    );
  }
}

interface Rule {
  normalize(number: string): string;
  check(number: string): SerialPresetProblem | null;
}

const keep = (number: string): string => number;

function digitsWithCheck(length: number, valid: (digits: string) => boolean): Rule {
  const shape = new RegExp(`^\\d{${length}}$`);
  return {
    normalize: keep,
    check: (number) => (!shape.test(number) ? 'FORMAT_MISMATCH' : valid(number) ? null : 'CHECK_DIGIT'),
  };
}

// One separator used throughout (or none): "aa:bb-cc…" is a misread, not a MAC.
const MAC =
  /^([0-9A-Fa-f]{2})([:-]?)([0-9A-Fa-f]{2})\2([0-9A-Fa-f]{2})\2([0-9A-Fa-f]{2})\2([0-9A-Fa-f]{2})\2([0-9A-Fa-f]{2})$/;

const mac48: Rule = {
  normalize(number) {
    const m = MAC.exec(number);
    if (!m) return number;
    return [m[1], m[3], m[4], m[5], m[6], m[7]].join(':').toUpperCase();
  },
  check: (number) => (MAC.test(number) ? null : 'FORMAT_MISMATCH'),
};

const RULES: Record<SerialPreset, Rule> = {
  IMEI: digitsWithCheck(15, luhnValid),
  MAC_48: mac48,
  GTIN_8: digitsWithCheck(8, gs1CheckDigitValid),
  GTIN_12: digitsWithCheck(12, gs1CheckDigitValid),
  GTIN_13: digitsWithCheck(13, gs1CheckDigitValid),
  GTIN_14: digitsWithCheck(14, gs1CheckDigitValid),
};

/** A plain-language reason for a preset problem, for messages ("check digit" for a mistyped IMEI). */
export function presetProblemReason(preset: SerialPreset, problem: SerialPresetProblem): string {
  if (problem === 'CHECK_DIGIT') return `wrong ${PRESET_LABELS[preset]} check digit`;
  return `not ${PRESET_SHAPES[preset]}`;
}

const PRESET_LABELS: Record<SerialPreset, string> = {
  IMEI: 'IMEI (Luhn)',
  MAC_48: 'MAC-48',
  GTIN_8: 'GTIN-8',
  GTIN_12: 'GTIN-12',
  GTIN_13: 'GTIN-13',
  GTIN_14: 'GTIN-14',
};

const PRESET_SHAPES: Record<SerialPreset, string> = {
  IMEI: 'an IMEI (15 digits)',
  MAC_48: 'a MAC-48 address (six hex pairs separated by ":", "-" or nothing)',
  GTIN_8: 'a GTIN-8 (8 digits)',
  GTIN_12: 'a GTIN-12 (12 digits)',
  GTIN_13: 'a GTIN-13 (13 digits)',
  GTIN_14: 'a GTIN-14 (14 digits)',
};

/**
 * The spellings a typed number may be recorded under when its product is unknown (lookups across
 * products): as typed (trimmed), and the MAC-48 preset's spelling when it reads as a MAC address.
 */
export function serialSpellings(raw: string): string[] {
  const typed = raw.trim();
  const mac = MAC.test(typed) ? mac48.normalize(typed) : typed;
  return mac === typed ? [typed] : [typed, mac];
}
