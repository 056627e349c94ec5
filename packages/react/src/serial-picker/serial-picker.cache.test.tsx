import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ApolloProvider } from '@apollo/client/react';
import { SerialPickerSerialFragmentDoc } from '../generated/graphql';
import { createMockClient } from '../testing/mock-apollo';
import '../styles.css';
import { SerialPicker } from './serial-picker';
import { mainWarehouse, productId, stockHandlers } from './serial-picker.fixtures';

// The rows follow Apollo's cache: a unit another part of the host app changes (a mutation's
// answer, another query) shows its new state in the list, on the first page or a later one,
// without the list reloading.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const option = (listbox: Element, number: string) =>
  [...listbox.querySelectorAll('[role="option"]')].find((row) => row.textContent?.includes(number));

describe('SerialPicker rows', () => {
  it('show a unit changed elsewhere in the app, on a later page too, without reloading', async () => {
    const requests: unknown[] = [];
    const handlers = stockHandlers({ count: 100, holdEvery: 0 });
    const serials = handlers[0]!;
    const counting = {
      ...serials,
      respond: (v: Record<string, unknown>) => (requests.push(v), serials.respond(v)),
    };
    const client = createMockClient([counting, handlers[1]!]);
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    cleanups.push(() => {
      root.unmount();
      container.remove();
    });
    root.render(
      <ApolloProvider client={client}>
        <div style={{ blockSize: 400 }}>
          <SerialPicker mode="SHIP" productId={productId} warehouseId={mainWarehouse.id} pageSize={30} />
        </div>
      </ApolloProvider>,
    );
    const listbox = await expect
      .poll(() => container.querySelector('[role="listbox"]'))
      .toBeTruthy()
      .then(() => container.querySelector('[role="listbox"]')!);
    // Scroll to the end: every later page loads (100 units in pages of 30).
    await expect
      .poll(() => {
        listbox.scrollTop = listbox.scrollHeight;
        return Number(listbox.querySelector('[role="option"]:last-child')?.getAttribute('aria-posinset'));
      })
      .toBe(100);
    const loads = requests.length;
    const rows = [...listbox.querySelectorAll('[role="option"]')];
    const later = rows.find((row) => Number(row.getAttribute('aria-posinset')) > 60)!;
    const number = later.querySelector('.sg-picker-number')!.textContent!;
    const unit = client.cache.extract() as Record<string, { number?: string } | undefined>;
    const id = Object.keys(unit).find((key) => unit[key]?.number === number)!;
    expect(id, `${number} is in the cache`).toBeTruthy();

    client.cache.writeFragment({
      id,
      fragment: SerialPickerSerialFragmentDoc,
      data: {
        ...(client.cache.readFragment({ id, fragment: SerialPickerSerialFragmentDoc }) as object),
        status: 'ON_HOLD',
        holdReason: 'Dented case',
      } as never,
    });

    await expect.poll(() => option(listbox, number)?.getAttribute('data-status')).toBe('ON_HOLD');
    expect(option(listbox, number)?.textContent).toContain('Dented case');
    expect(requests).toHaveLength(loads);
  });
});
