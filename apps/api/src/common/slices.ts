/**
 * Work over 100,000 items done in slices, yielding to the event loop between them, so that one large
 * posting never holds up every other request (each slice is a few milliseconds).
 */
const SLICE = 2048;

/** Lets other requests run before the rest of a large piece of work. */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function eachInSlices<T>(
  items: readonly T[],
  fn: (item: T, index: number) => void,
): Promise<void> {
  for (let start = 0; start < items.length; start += SLICE) {
    const end = Math.min(items.length, start + SLICE);
    for (let i = start; i < end; i++) fn(items[i]!, i);
    if (end < items.length) await breathe();
  }
}

export async function mapInSlices<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  await eachInSlices(items, (item, i) => {
    out[i] = fn(item, i);
  });
  return out;
}

export async function filterInSlices<T>(items: readonly T[], keep: (item: T) => boolean): Promise<T[]> {
  const out: T[] = [];
  await eachInSlices(items, (item) => {
    if (keep(item)) out.push(item);
  });
  return out;
}
