import { ApolloProvider } from '@apollo/client/react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createMockClient } from '../testing/mock-apollo';
import {
  usePickerAnnouncement,
  useSerialPicker,
  type SerialgraphMessagesOverride,
  type SerialPickerState,
} from '../headless';
import { SerialPicker } from './serial-picker';
import { elsewhere, mainWarehouse, productId, stockHandlers } from './serial-picker.fixtures';

// An embedder's own live region on the headless hooks, in Chromium: it must say what SerialPicker says.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const ship = { mode: 'SHIP' as const, productId, warehouseId: mainWarehouse.id };

function mount(element: React.ReactElement) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  cleanups.push(() => {
    root.unmount();
    container.remove();
  });
  root.render(element);
  return container;
}

async function renderHeadless(messages?: SerialgraphMessagesOverride) {
  let latest: SerialPickerState | undefined;
  const client = createMockClient(stockHandlers({ count: 100 }));
  function HeadlessPicker() {
    const picker = useSerialPicker({ ...ship, client, max: 3 });
    const live = usePickerAnnouncement(picker.announcement, { messages, locale: 'en-US' });
    latest = picker;
    return (
      <div role="status">
        {live && (
          <span key={live.key} data-tone={live.tone}>
            {live.text}
          </span>
        )}
      </div>
    );
  }
  const container = mount(<HeadlessPicker />);
  await expect.poll(() => latest?.status).toBe('ready');
  const region = container.querySelector('[role="status"]')!;
  return { picker: () => latest!, region, said: () => region.textContent };
}

describe('usePickerAnnouncement (headless entry)', () => {
  it('reads out picks and explained refusals, with their tone', async () => {
    const { picker, region, said } = await renderHeadless();
    expect(said()).toBe('');
    await picker().scan('SN-000005');
    await expect.poll(said).toBe('SN-000005 picked.');
    expect(region.firstElementChild!.getAttribute('data-tone')).toBe('success');
    await picker().scan('SN-000005');
    await expect.poll(said).toBe('SN-000005 is already picked.');
    expect(region.firstElementChild!.getAttribute('data-tone')).toBe('info');
    await picker().scan(elsewhere.onHold.number);
    await expect.poll(said).toBe('SN-H00001 is on hold: Cracked housing.');
    expect(region.firstElementChild!.getAttribute('data-tone')).toBe('danger');
    await picker().scan(elsewhere.otherWarehouse.number);
    await expect.poll(said).toBe('SN-B00001 is in Store B, not in this warehouse.');
  });

  it('says a repeated message again: a new element per announcement', async () => {
    const { picker, region, said } = await renderHeadless();
    await picker().scan('SN-000005');
    await picker().scan('SN-000005');
    await expect.poll(said).toBe('SN-000005 is already picked.');
    const first = region.firstElementChild;
    await picker().scan('SN-000005');
    await expect.poll(() => region.firstElementChild).not.toBe(first);
    expect(said()).toBe('SN-000005 is already picked.');
  });

  it('uses the host’s strings and formats counts for the locale', async () => {
    const { picker, said } = await renderHeadless({
      picker: { picked: (number) => `${number} ausgewählt.`, maxReached: (_max, n) => `Höchstens ${n}.` },
    });
    await picker().scan('SN-000001');
    await expect.poll(said).toBe('SN-000001 ausgewählt.');
    await Promise.all(['SN-000002', 'SN-000003', 'SN-000004'].map((n) => picker().scan(n)));
    await expect.poll(said).toBe('Höchstens 3.');
  });

  it('says what SerialPicker’s own live region says for the same scans', async () => {
    const headless = await renderHeadless();
    const styled = mount(
      <ApolloProvider client={createMockClient(stockHandlers({ count: 100 }))}>
        <SerialPicker {...ship} max={3} locale="en-US" timeZone="UTC" />
      </ApolloProvider>,
    );
    await expect.poll(() => styled.querySelectorAll('[role="option"]').length).toBeGreaterThan(0);
    const search = styled.querySelector<HTMLInputElement>('input[type="search"]')!;
    const styledSaid = () => styled.querySelector('[role="status"]')!.textContent;
    const scans = [
      ['SN-000005', 'SN-000005 picked.'],
      ['SN-000005', 'SN-000005 is already picked.'],
      [elsewhere.shipped.number, 'SN-S00001 has already been shipped.'],
      ['SN-NOPE', 'SN-NOPE does not exist for this product.'],
    ];
    for (const [scan, words] of scans) {
      await userEvent.type(search, `${scan}{Enter}`);
      await headless.picker().scan(scan!);
      await expect.poll(styledSaid).toBe(words);
      await expect.poll(headless.said).toBe(words);
    }
  });
});
