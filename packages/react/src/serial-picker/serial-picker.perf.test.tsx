import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ApolloProvider } from '@apollo/client/react';
import { createMockClient } from '../testing/mock-apollo';
import '../styles.css';
import { SerialPicker } from './serial-picker';
import { mainWarehouse, productId, stockHandlers } from './serial-picker.fixtures';
import { pickerFilter } from './serial-picker.rules';

// Measures, in Chromium, the time from a search keystroke's keydown to the filtered list
// rendered, over a stock of 100,000 units. Logs the numbers; asserts only behaviour, never time
// (the machine is shared). The mock "server" is warmed first, so the numbers are the client's
// cost: debounce + Apollo + React + virtualized rendering.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const UNITS = 100_000;
const scope = { mode: 'SHIP' as const, productId, warehouseId: mainWarehouse.id };

async function renderPicker(searchDelay: number) {
  const handlers = stockHandlers({ count: UNITS, holdEvery: 0, delay: 0 });
  // Warm the mock's filter cache for every search typed below.
  for (const search of ['', 'SN-0999', 'SN-09999', 'SN-0998', 'SN-09989']) {
    handlers[0]!.respond({ filter: pickerFilter(scope, search), orderBy: 'RECEIVED_AT_ASC', first: 100 });
  }
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  cleanups.push(() => {
    root.unmount();
    container.remove();
  });
  root.render(
    <ApolloProvider client={createMockClient(handlers)}>
      <SerialPicker {...scope} searchDelay={searchDelay} locale="en-US" timeZone="UTC" />
    </ApolloProvider>,
  );
  await expect.poll(() => container.querySelectorAll('[role="option"]').length).toBeGreaterThan(0);
  return container;
}

/** Milliseconds from the keydown of `key` to the DOM showing only options that contain `expected`. */
async function timeKeystroke(container: HTMLElement, key: string, expected: string, count: number) {
  const input = container.querySelector<HTMLInputElement>('input[type="search"]')!;
  let keydownAt = 0;
  input.addEventListener('keydown', (event) => (keydownAt = event.timeStamp), { once: true, capture: true });
  const rendered = new Promise<number>((resolve) => {
    const check = () => {
      const options = container.querySelectorAll('[role="option"]');
      if (
        options.length === count &&
        [...options].every((option) => option.textContent!.includes(expected))
      ) {
        observer.disconnect();
        resolve(performance.now());
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(container, { childList: true, subtree: true, characterData: true });
  });
  await userEvent.keyboard(key);
  const renderedAt = await rendered;
  // The next frame is when the user sees it.
  const paintedAt = await new Promise<number>((resolve) =>
    requestAnimationFrame(() => resolve(performance.now())),
  );
  return { dom: renderedAt - keydownAt, paint: paintedAt - keydownAt };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('SerialPicker over 100,000 units', () => {
  for (const searchDelay of [0, 250]) {
    it(`renders the filtered list after a search keystroke (searchDelay ${searchDelay} ms)`, async () => {
      const container = await renderPicker(searchDelay);
      const input = container.querySelector<HTMLInputElement>('input[type="search"]')!;
      input.focus();
      const runs: Array<{ dom: number; paint: number }> = [];
      for (const [prefix, last] of [
        ['SN-0999', '9'],
        ['SN-0998', '9'],
        ['SN-0999', '9'],
        ['SN-0998', '9'],
        ['SN-0999', '9'],
      ] as const) {
        await userEvent.clear(input);
        await userEvent.keyboard(prefix);
        await expect
          .poll(() =>
            [...container.querySelectorAll('[role="option"]')].every((o) => o.textContent!.includes(prefix)),
          )
          .toBe(true);
        runs.push(await timeKeystroke(container, last, prefix + last, 10));
      }
      const dom = median(runs.map((run) => run.dom));
      const paint = median(runs.map((run) => run.paint));
      console.log(
        `[perf] search keystroke over ${UNITS} units, searchDelay ${searchDelay} ms: ` +
          `median keydown→DOM ${dom.toFixed(1)} ms, keydown→next frame ${paint.toFixed(1)} ms ` +
          `(runs: ${runs.map((run) => run.paint.toFixed(0)).join(', ')})`,
      );
      expect(container.querySelectorAll('[role="option"]')).toHaveLength(10);
    });
  }
});
