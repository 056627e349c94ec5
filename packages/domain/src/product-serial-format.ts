import { compileSerialFormat } from './serial-format.js';
import type { SerialFormat } from './serial-format-engine.js';
import { isSerialPreset, serialPresetFormat, type ProductSerialRules } from './serial-presets.js';

/** The format a product's serials obey: its preset, else its compiled pattern, else none. */
export function productSerialFormat(rules: ProductSerialRules): SerialFormat | null {
  if (rules.serialPreset && isSerialPreset(rules.serialPreset)) return serialPresetFormat(rules.serialPreset);
  return rules.serialFormat ? compileSerialFormat(rules.serialFormat) : null;
}
