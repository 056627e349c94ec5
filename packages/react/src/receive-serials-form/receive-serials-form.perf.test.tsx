import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ApolloProvider } from '@apollo/client/react';
import { createMockClient } from '../testing/mock-apollo';
import '../styles.css';
import { ReceiveSerialsForm } from './receive-serials-form';
import { freshNumbers, productId, receiveHandlers, warehouseId } from './receive-serials-form.fixtures';

// Measures, in Chromium, the time from pasting 10,000 numbers to every local verdict rendered
// (rows, counter, announcement), and to every server verdict rendered (mock server, no delay).
// Logs the numbers; asserts only behaviour, never time (the machine is shared).

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const COUNT = 10_000;
// 9,990 new numbers, 5 repeats and 5 bad ones: every kind of local verdict.
const pasted = [...freshNumbers(COUNT - 10), ...freshNumbers(5), 'X-1', 'X-2', 'X-3', 'X-4', 'X-5'].join(
  '\n',
);

async function renderForm() {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  cleanups.push(() => {
    root.unmount();
    container.remove();
  });
  root.render(
    <ApolloProvider client={createMockClient(receiveHandlers({ delay: 0 }))}>
      <ReceiveSerialsForm productId={productId} warehouseId={warehouseId} locale="en-US" checkDelay={0} />
    </ApolloProvider>,
  );
  await expect.poll(() => container.querySelector('h2')?.textContent).toContain('Field Tablet');
  return container;
}

const nextFrame = () =>
  new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

/** Resolves with the time `done()` first holds after a DOM change. */
function whenDom(container: HTMLElement, done: () => boolean) {
  return new Promise<number>((resolve) => {
    const observer = new MutationObserver(() => {
      if (done()) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(container, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('ReceiveSerialsForm with a 10,000-number paste', () => {
  it('renders every local verdict, then every server verdict', async () => {
    const runs: Array<{ local: number; paint: number; server: number }> = [];
    for (let run = 0; run < 5; run++) {
      const container = await renderForm();
      const input = container.querySelector<HTMLInputElement>('input')!;
      const text = (selector: string) => container.querySelector(selector)?.textContent ?? '';
      const localDone = whenDom(
        container,
        () =>
          text('[data-count="accepted"]') === '9,990 scanned' &&
          text('[data-count="bad"]') === '10 to fix' &&
          container.querySelectorAll('[role="row"][data-verdict]').length > 0,
      );
      // The first rows on screen are new numbers: they all turn "ok" once the server has answered.
      const serverDone = whenDom(container, () => {
        const rows = [...container.querySelectorAll('[role="row"][data-verdict]')];
        return rows.length > 0 && rows.every((row) => row.getAttribute('data-verdict') === 'ok');
      });
      input.focus();
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', pasted);
      const started = performance.now();
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
      const local = (await localDone) - started;
      const paint = (await nextFrame()) - started;
      const server = (await serverDone) - started;
      runs.push({ local, paint, server });
      expect(container.querySelector('[role="grid"]')).toHaveAttribute('aria-rowcount', String(COUNT + 1));
      expect(container.querySelectorAll('[role="row"][data-verdict]').length).toBeLessThan(40);
      cleanups.splice(0).forEach((cleanup) => cleanup());
    }
    const format = (pick: (run: (typeof runs)[number]) => number) =>
      `median ${median(runs.map(pick)).toFixed(0)} ms (runs: ${runs.map((run) => pick(run).toFixed(0)).join(', ')})`;
    console.log(
      `[perf] paste of ${COUNT.toLocaleString('en-US')} numbers → all local verdicts in the DOM: ${format((run) => run.local)}; ` +
        `→ next frame: ${format((run) => run.paint)}; → every server verdict (mock, no latency): ${format((run) => run.server)}`,
    );
  });
});
