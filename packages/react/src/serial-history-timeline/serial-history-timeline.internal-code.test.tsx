import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockClient } from '../testing/mock-apollo';
import { SerialHistoryTimeline } from './serial-history-timeline';
import { serialWithoutHistory, shippedSerial } from './serial-history-timeline.fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function render(element: React.ReactNode): HTMLElement {
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

describe('SerialHistoryTimeline header', () => {
  it('shows the internal code beside the serial when the unit has one', async () => {
    const view = render(<SerialHistoryTimeline serial={shippedSerial} client={createMockClient([])} />);
    await expect.poll(() => view.textContent).toContain('DEV-00121');
    expect(view.textContent).toContain('Internal code');
    expect(view.textContent).toContain('TOOL-2026-000045');
  });

  it('shows no internal-code fact when there is none', async () => {
    const view = render(
      <SerialHistoryTimeline serial={serialWithoutHistory} client={createMockClient([])} />,
    );
    await expect.poll(() => view.textContent).toContain(serialWithoutHistory.number);
    expect(view.textContent).not.toContain('Internal code');
  });
});
