import { newId } from '../../../common/ids';
import {
  assertInternalCodesWellFormed,
  invalidSerialsError,
  isValidQuantity,
  normalizeInternalCode,
  productSerialFormat,
  type InvalidSerial,
  type SerialFormat,
  DomainError,
  ErrorCode,
  findDuplicateSerials,
  normalizeSerial,
  serialKey,
  TrackingMode,
  validateLineQuantity,
  validateSerialNumber,
} from '@serialgraph/domain';
import { badInput } from '../../../common/errors';
import { eachInSlices, filterInSlices } from '../../../common/slices';
import { idOf } from '../../../common/global-id';
import type { Product } from '../../product/product.entity';
import type { StockLineInput } from '../document.inputs';
import type { StockChange } from './plan';
import type { SerialKeys } from './unit-locks';

/** A document line after every input rule has passed: the product is known and serials are normalized. */
export interface CheckedLine {
  lineId: string;
  product: Product;
  tracked: boolean;
  quantity: number;
  /** Normalized serial numbers (empty for untracked products): the line's `serials`, then its `units`. */
  serials: string[];
  /** Per serial (same index), what a receipt's `units` said about it; empty when the line has no units. */
  extras: (UnitExtras | null)[];
  unitCost: string | null;
}

/** What a receipt may record about one unit beside its number. */
export interface UnitExtras {
  internalCode: string | null;
  /** Set: the label is unclear; the unit arrives ON_HOLD with this reason. */
  holdReason: string | null;
}

/** Which postings take per-unit details (`units` on a line): receipts only. */
export interface LineOptions {
  units?: boolean;
}

/**
 * The shape of the lines (checked before anything is read), and the products they name: a product id
 * that is not one of ours is NOT_FOUND.
 */
export function lineProductIds(lines: readonly StockLineInput[]): string[] {
  if (lines.length === 0) throw badInput('A document needs at least one line.');
  lines.forEach((line, i) => {
    if (line.unitCost != null && line.unitCost.startsWith('-'))
      throw badInput(`Line ${i + 1}: unitCost cannot be negative.`, { line: i + 1 });
    if (!isValidQuantity(line.quantity)) {
      throw badInput(`Line ${i + 1}: quantity must be a positive whole number.`, { line: i + 1 });
    }
  });
  return lines.map((l) => idOf('Product', l.productId));
}

/** The lines' product ids, or null when the lines are refused (lineProductIds says why, later). */
export function productIdsOrNull(lines: readonly StockLineInput[]): string[] | null {
  try {
    return lineProductIds(lines);
  } catch {
    return null;
  }
}

/**
 * Applies every input rule to the lines of a document, in the order a clerk fixes them: shape,
 * products, "no serial, no move" and quantities, then the numbers themselves. Each refusal names
 * every offending serial, not only the first. `products` are the ones the posting locked.
 */
export async function checkStockLines(
  lines: readonly StockLineInput[],
  products: ReadonlyMap<string, Product>,
  options: LineOptions = {},
): Promise<CheckedLine[]> {
  const productIds = lineProductIds(lines);
  const checked = lines.map((line, i): CheckedLine => {
    const product = products.get(productIds[i]!);
    if (!product)
      throw new DomainError(ErrorCode.NOT_FOUND, `Line ${i + 1}: product ${line.productId} was not found.`);
    if (line.units && !options.units)
      throw badInput(`Line ${i + 1}: units (internal codes, holds) are only taken by receiveStock.`, {
        line: i + 1,
        field: 'units',
      });
    if (line.generate != null || line.reservationId != null)
      throw badInput(`Line ${i + 1}: generate and reservationId are for receiveStock lines only.`, {
        line: i + 1,
      });
    const tracked = product.trackingMode === TrackingMode.SERIAL;
    // A preset's spelling (MAC-48: AA:BB:CC:DD:EE:FF) applies wherever the product's numbers are entered.
    const format = tracked ? productSerialFormat(product) : null;
    const units = line.units ?? [];
    const raw = [...(line.serials ?? []), ...units.map((u) => u.serial)];
    const serials = raw.map((n) => normalizeSerial(n, format));
    const code = validateLineQuantity({
      tracked,
      quantity: line.quantity,
      serialCount: line.serials == null && line.units == null ? null : serials.length,
    });
    if (code) throw lineError(code, i, product, line.quantity, serials.length);
    return {
      lineId: newId(),
      product,
      tracked,
      quantity: line.quantity,
      serials,
      extras: units.length ? unitExtras(line.serials?.length ?? 0, units) : [],
      unitCost: line.unitCost ?? null,
    };
  });
  await assertValidNumbers(checked);
  await assertNoDuplicates(checked);
  assertInternalCodesWellFormed(internalCodes(checked));
  return checked;
}

function unitExtras(plain: number, units: NonNullable<StockLineInput['units']>): (UnitExtras | null)[] {
  const extras: (UnitExtras | null)[] = new Array<UnitExtras | null>(plain).fill(null);
  for (const u of units) {
    extras.push({
      internalCode: u.internalCode == null ? null : normalizeInternalCode(u.internalCode),
      holdReason: u.holdReason?.trim() || null,
    });
  }
  return extras;
}

/** Every internal code given on the lines, normalized, in input order. */
export function internalCodes(lines: readonly CheckedLine[]): string[] {
  const codes: string[] = [];
  for (const line of lines)
    for (const e of line.extras) if (e?.internalCode != null) codes.push(e.internalCode);
  return codes;
}

function lineError(
  code: ErrorCode,
  i: number,
  product: Product,
  quantity: number,
  count: number,
): DomainError {
  const where = `Line ${i + 1} (${product.sku})`;
  const details = { line: i + 1 };
  switch (code) {
    case ErrorCode.SERIALS_REQUIRED:
      return new DomainError(
        code,
        `${where}: ${product.sku} is serial-tracked; scan or enter one serial per unit.`,
        undefined,
        details,
      );
    case ErrorCode.SERIALS_NOT_ALLOWED:
      return new DomainError(
        code,
        `${where}: ${product.sku} is not serial-tracked; give a quantity without serials.`,
        undefined,
        details,
      );
    case ErrorCode.SERIAL_COUNT_MISMATCH:
      return new DomainError(
        code,
        `${where}: quantity ${quantity} but ${count} serial(s); they must match.`,
        undefined,
        details,
      );
    default:
      return new DomainError(code, `${where}: ${product.sku}.`, undefined, details);
  }
}

/**
 * The domain's number rules over a long list without holding the event loop (common/slices): format
 * number by number, duplicates by distinct keys first (the usual case: none), the domain naming them
 * otherwise.
 */
export function findInvalidInSlices(
  numbers: readonly string[],
  format: SerialFormat | null,
): Promise<string[]> {
  // findInvalidSerials, one number at a time.
  return filterInSlices(numbers, (n) => validateSerialNumber(normalizeSerial(n, format), format) !== null);
}

/** Every refused number of an already normalized list with its reason (CHECK_DIGIT, FORMAT_MISMATCH, …). */
async function problemsInSlices(
  numbers: readonly string[],
  format: SerialFormat | null,
): Promise<InvalidSerial[]> {
  const invalid: InvalidSerial[] = [];
  await eachInSlices(numbers, (serial) => {
    const problem = validateSerialNumber(serial, format);
    if (problem) invalid.push({ serial, problem });
  });
  return invalid;
}

export async function findDuplicatesInSlices(numbers: readonly string[]): Promise<string[]> {
  const keys = new Set<string>();
  await eachInSlices(numbers, (n) => keys.add(serialKey(normalizeSerial(n))));
  return keys.size < numbers.length ? findDuplicateSerials(numbers) : [];
}

async function assertValidNumbers(lines: readonly CheckedLine[]): Promise<void> {
  const invalid: InvalidSerial[] = [];
  for (const line of lines) {
    if (!line.tracked) continue;
    for (const bad of await problemsInSlices(line.serials, productSerialFormat(line.product)))
      invalid.push(bad);
  }
  if (invalid.length) throw invalidSerialsError(invalid);
}

async function assertNoDuplicates(lines: readonly CheckedLine[]): Promise<void> {
  const byProduct = new Map<string, string[]>();
  for (const line of lines) {
    const list = byProduct.get(line.product.id) ?? [];
    for (const number of line.serials) list.push(number);
    byProduct.set(line.product.id, list);
  }
  const duplicates: string[] = [];
  for (const numbers of byProduct.values()) duplicates.push(...(await findDuplicatesInSlices(numbers)));
  if (duplicates.length) throw new DomainError(ErrorCode.DUPLICATE_SERIAL, undefined, duplicates);
}

/** Every serial on the lines with its line, for set-based lookups (matched with SQL lower()). */
export function serialKeys(lines: readonly CheckedLine[]): SerialKeys {
  const keys: SerialKeys = { lines: [], numbers: [], lineNos: [] };
  for (const line of lines) {
    if (line.serials.length === 0) continue;
    keys.lines.push({ productId: line.product.id, lineId: line.lineId });
    const lineNo = keys.lines.length;
    for (const number of line.serials) {
      keys.numbers.push(number);
      keys.lineNos.push(lineNo);
    }
  }
  return keys;
}

/** Untracked quantities of the lines per product, as stock changes of one warehouse (sign: +1 adds, -1 takes). */
export function untrackedStock(
  lines: readonly CheckedLine[],
  warehouse: { id: string; code: string },
  sign: 1 | -1,
): StockChange[] {
  const byProduct = new Map<string, StockChange>();
  for (const l of lines) {
    if (l.tracked) continue;
    const change = byProduct.get(l.product.id) ?? {
      productId: l.product.id,
      sku: l.product.sku,
      warehouseId: warehouse.id,
      warehouseCode: warehouse.code,
      delta: 0,
    };
    change.delta += sign * l.quantity;
    byProduct.set(l.product.id, change);
  }
  return [...byProduct.values()];
}
