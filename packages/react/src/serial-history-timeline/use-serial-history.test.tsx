import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockClient, mockOperation } from '../testing/mock-apollo';
import { SerialHistoryTimelineDocument } from '../generated/graphql';
import { shippedSerial, serialWithoutHistory } from './serial-history-timeline.fixtures';
import { useSerialHistory, type SerialHistory, type UseSerialHistoryOptions } from './use-serial-history';

// A real browser renders for real: assertions poll the DOM-free hook result instead of using act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Renders the hook and returns a getter for its latest result. */
async function renderHistory(options: UseSerialHistoryOptions): Promise<() => SerialHistory> {
  let latest: SerialHistory | undefined;
  function Probe() {
    latest = useSerialHistory(options);
    return null;
  }
  const container = document.createElement('div');
  const root = createRoot(container);
  cleanups.push(() => root.unmount());
  root.render(<Probe />);
  await expect.poll(() => latest).toBeDefined();
  return () => latest!;
}

describe('useSerialHistory', () => {
  it('uses a fragment from the host without fetching', async () => {
    const client = createMockClient([]); // any request would fail: no handlers
    const history = await renderHistory({ serial: shippedSerial, client });
    expect(history().status).toBe('ready');
    expect(history().movements.map((movement) => movement.type)).toEqual(
      shippedSerial.history.map((movement) => movement.type),
    );
  });

  it('reverses the movements for newest-first without touching the fragment', async () => {
    const history = await renderHistory({
      serial: shippedSerial,
      order: 'newest-first',
      client: createMockClient([]),
    });
    expect(history().movements[0]?.type).toBe('REPAIR_RELEASE');
    expect(shippedSerial.history[0]?.type).toBe('RECEIVED');
  });

  it('reports empty for a serial without movements', async () => {
    const history = await renderHistory({ serial: serialWithoutHistory, client: createMockClient([]) });
    expect(history().status).toBe('empty');
  });

  it('fetches by id, loading first, then ready', async () => {
    const client = createMockClient([
      mockOperation(SerialHistoryTimelineDocument, ({ id }) => ({
        data: { __typename: 'Query' as const, node: id === shippedSerial.id ? shippedSerial : null },
        delay: 300,
      })),
    ]);
    const history = await renderHistory({ serialId: shippedSerial.id, client });
    expect(history().status).toBe('loading');
    await expect.poll(() => history().status).toBe('ready');
    expect(history().serial?.number).toBe('DEV-00121');
  });

  it('reports not-found when the id matches nothing', async () => {
    const client = createMockClient([
      mockOperation(SerialHistoryTimelineDocument, () => ({
        data: { __typename: 'Query' as const, node: null },
      })),
    ]);
    const history = await renderHistory({ serialId: 'U2VyaWFsOjA=', client });
    await expect.poll(() => history().status).toBe('not-found');
  });

  it('reports error when the request fails', async () => {
    const client = createMockClient([
      mockOperation(SerialHistoryTimelineDocument, () => ({ networkError: 'offline' })),
    ]);
    const history = await renderHistory({ serialId: shippedSerial.id, client });
    await expect.poll(() => history().status).toBe('error');
    expect(history().error?.message).toBe('offline');
  });
});
