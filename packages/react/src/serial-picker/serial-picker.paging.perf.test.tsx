import { useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockClient } from '../testing/mock-apollo';
import { mainWarehouse, productId, stockHandlers } from './serial-picker.fixtures';
import { pickerFilter } from './serial-picker.rules';
import { useSerialPicker, type SerialPickerState } from './use-serial-picker';

// Measures, in Chromium, how long appending page k takes as the list grows, over a stock of
// 100,000 units in pages of 100: from `loadMore()` to the hook committing the longer list.
// The mock answers at once (delay 0), so the number is the client's cost per page (Apollo +
// React), which should not grow with k. Logs the numbers; asserts only behaviour, never time.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const UNITS = 100_000;
const PAGE = 100;
/** Pages whose append time is reported (the median of it and its two neighbours). */
const REPORTED = [10, 200, 500] as const;
const scope = { mode: 'SHIP' as const, productId, warehouseId: mainWarehouse.id };

/** Renders the hook and resolves `committed(n)` once a render with `n` units has committed. */
async function renderPicker() {
  let latest: SerialPickerState | undefined;
  const waiters = new Map<number, (at: number) => void>();
  const handlers = stockHandlers({ count: UNITS, holdEvery: 0, delay: 0 });
  // Build the mock's sorted, filtered stock before timing anything.
  handlers[0]!.respond({ filter: pickerFilter(scope), orderBy: 'RECEIVED_AT_ASC', first: PAGE });
  const client = createMockClient(handlers);
  function Probe() {
    latest = useSerialPicker({ ...scope, pageSize: PAGE, client });
    const length = latest.units.length;
    useLayoutEffect(() => {
      waiters.get(length)?.(performance.now());
      waiters.delete(length);
    }, [length]);
    return null;
  }
  const root = createRoot(document.createElement('div'));
  cleanups.push(() => root.unmount());
  root.render(<Probe />);
  await expect.poll(() => latest?.status).toBe('ready');
  const committed = (length: number) => new Promise<number>((resolve) => waiters.set(length, resolve));
  return { picker: () => latest!, committed };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('SerialPicker paging over 100,000 units', () => {
  it('appends page after page, each page adding 100 units', { timeout: 120_000 }, async () => {
    const { picker, committed } = await renderPicker();
    const last = REPORTED.at(-1)! + 1;
    const times: number[] = [];
    for (let page = 2; page <= last; page++) {
      const done = committed(page * PAGE);
      const startedAt = performance.now();
      picker().loadMore();
      times[page] = (await done) - startedAt;
    }
    const report = REPORTED.map((page) => {
      const ms = median([times[page - 1]!, times[page]!, times[page + 1]!]);
      return `page ${page} ${ms.toFixed(1)} ms`;
    });
    const total = times.reduce((sum, ms) => sum + (ms ?? 0), 0);
    console.log(
      `[perf] append a page of ${PAGE} over ${UNITS} units, loadMore→commit: ${report.join(', ')} ` +
        `(pages 2–${last} in ${(total / 1000).toFixed(1)} s)`,
    );
    expect(picker().units).toHaveLength(last * PAGE);
    expect(new Set(picker().units.map((unit) => unit.id)).size).toBe(last * PAGE);
    expect(picker().totalCount).toBe(UNITS);
    expect(picker().hasMore).toBe(true);
  });
});
