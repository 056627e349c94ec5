import { eachInSlices } from '../../../common/slices';

/** Exact decimal sums and averages for unit costs (strings in, strings out; never floats). */
const SCALE = 6n;
const FACTOR = 10n ** SCALE;

function toScaled(value: string): bigint {
  const negative = value.startsWith('-');
  const [int = '0', frac = ''] = value.replace('-', '').split('.');
  const scaled = BigInt(int) * FACTOR + BigInt(frac.padEnd(Number(SCALE), '0').slice(0, Number(SCALE)));
  return negative ? -scaled : scaled;
}

function fromScaled(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const frac = (abs % FACTOR).toString().padStart(Number(SCALE), '0');
  return `${negative ? '-' : ''}${abs / FACTOR}.${frac}`;
}

/**
 * Sum and per-unit average of the known costs; null when any unit has none. In slices (a line may
 * carry 100,000 units): the event loop gets a turn between them.
 */
export async function costTotals(costs: readonly (string | null)[]): Promise<{
  total: string | null;
  average: string | null;
}> {
  let missing = costs.length === 0;
  let shared = true;
  await eachInSlices(costs, (c) => {
    if (c == null) missing = true;
    else if (c !== costs[0]) shared = false;
  });
  if (missing) return { total: null, average: null };
  const n = BigInt(costs.length);
  // Units of one receipt line share their cost: one multiplication instead of a sum over every unit.
  if (shared) {
    const each = toScaled(costs[0]!);
    return { total: fromScaled(each * n), average: fromScaled(each) };
  }
  let total = 0n;
  await eachInSlices(costs, (c) => {
    total += toScaled(c!);
  });
  return { total: fromScaled(total), average: fromScaled((total * 2n + n) / (2n * n)) };
}

export function multiplyCost(unitCost: string | null, quantity: number): string | null {
  return unitCost == null ? null : fromScaled(toScaled(unitCost) * BigInt(quantity));
}
