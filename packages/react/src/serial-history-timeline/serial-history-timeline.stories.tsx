import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { SerialgraphProvider } from '../common/serialgraph-provider';
import { mockOperation, type MockHandler } from '../testing/mock-apollo';
import { SerialHistoryTimelineDocument } from '../generated/graphql';
import type { SerialHistoryTimelineSerialFragment } from '../generated/graphql';
import { SerialHistoryTimeline } from './serial-history-timeline';
import {
  heldReplacementSerial,
  serialWithLongHistory,
  serialWithoutHistory,
  shippedSerial,
} from './serial-history-timeline.fixtures';
import { arabicMessages } from './serial-history-timeline.messages-ar';

/** Answers the timeline query with `serial` (null: not found). */
function answering(serial: SerialHistoryTimelineSerialFragment | null): MockHandler[] {
  return [
    mockOperation(SerialHistoryTimelineDocument, () => ({
      data: { __typename: 'Query' as const, node: serial },
    })),
  ];
}

const meta = {
  title: 'Components/SerialHistoryTimeline',
  component: SerialHistoryTimeline,
  // Fixed locale and zone keep dates identical on every machine.
  args: { serialId: shippedSerial.id, locale: 'en-US', timeZone: 'UTC', onOrderChange: fn() },
  parameters: { graphql: answering(shippedSerial) },
} satisfies Meta<typeof SerialHistoryTimeline>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Fetched by id: header facts, then every movement oldest first; the order buttons reverse it. */
export const Default: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await expect(await canvas.findByRole('heading', { name: 'DEV-00121' })).toBeVisible();
    await expect(canvas.getByText('Patient monitor 27"')).toBeVisible();
    await expect(canvas.getByText('With Northwind Clinic')).toBeVisible();
    await expect(canvas.getByText('Active until Feb 3, 2027')).toBeVisible();
    await expect(canvas.getByText('Repaired once')).toBeVisible();
    const items = () => within(canvas.getByRole('list')).getAllByRole('listitem');
    await expect(items()).toHaveLength(5);
    await expect(items()[0]).toHaveAttribute('data-movement-type', 'RECEIVED');
    await expect(within(items()[2]!).getByText('Order 4471, express')).toBeVisible();
    await expect(within(items()[0]!).getByText('Jan 6, 2025, 8:15 AM')).toBeVisible();

    await userEvent.click(canvas.getByRole('button', { name: 'Newest first' }));
    await expect(args.onOrderChange).toHaveBeenCalledWith('newest-first');
    await expect(items()[0]).toHaveAttribute('data-movement-type', 'REPAIR_RELEASE');
    await expect(canvas.getByRole('button', { name: 'Newest first' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  },
};

/** Keyboard only: Tab reaches the order buttons, Enter and Space switch the order. */
export const KeyboardOnly: Story = {
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('heading', { name: 'DEV-00121' });
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Oldest first' })).toHaveFocus();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Newest first' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(canvas.getByRole('button', { name: 'Newest first' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await userEvent.tab({ shift: true });
    await userEvent.keyboard(' ');
    await expect(canvas.getByRole('button', { name: 'Oldest first' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const first = within(canvas.getByRole('list')).getAllByRole('listitem')[0];
    await expect(first).toHaveAttribute('data-movement-type', 'RECEIVED');
  },
};

/** Waiting for the server: a polite live region says so and the region is aria-busy. */
export const Loading: Story = {
  parameters: { graphql: [mockOperation(SerialHistoryTimelineDocument, () => ({ pending: true }))] },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading the history…');
    await expect(canvas.getByRole('region', { name: 'Serial history' })).toHaveAttribute('aria-busy', 'true');
  },
};

/** The request fails: an alert with a retry button; the retry succeeds. */
export const ErrorThenRetry: Story = {
  parameters: {
    graphql: (() => {
      let calls = 0;
      return [
        mockOperation(SerialHistoryTimelineDocument, () =>
          ++calls === 1
            ? { networkError: 'Failed to fetch' }
            : { data: { __typename: 'Query' as const, node: shippedSerial } },
        ),
      ];
    })(),
  },
  play: async ({ canvas, userEvent }) => {
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('The history could not be loaded.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await expect(await canvas.findByRole('heading', { name: 'DEV-00121' })).toBeVisible();
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** An id that matches nothing. */
export const NotFound: Story = {
  parameters: { graphql: answering(null) },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('This serial number does not exist or was removed.')).toBeVisible();
  },
};

/** A serial with no movements yet. */
export const EmptyHistory: Story = {
  args: { serialId: serialWithoutHistory.id },
  parameters: { graphql: answering(serialWithoutHistory) },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No movements recorded yet.')).toBeVisible();
    await expect(canvas.queryByRole('list')).toBeNull();
  },
};

const longSerial = serialWithLongHistory(120);

/** 120 movements: the list stays a plain ordered list, newest first on request. */
export const LongHistory: Story = {
  args: { serialId: longSerial.id, defaultOrder: 'newest-first' },
  parameters: { graphql: answering(longSerial) },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: '120 movements' })).toBeVisible();
    const items = within(canvas.getByRole('list')).getAllByRole('listitem');
    await expect(items).toHaveLength(120);
    await expect(items[0]).toHaveTextContent('TRF-000119');
  },
};

/** The compact variant: number, status and one line per movement. */
export const Compact: Story = {
  args: { variant: 'compact' },
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByRole('heading', { name: 'DEV-00121' })).toBeVisible();
    await expect(canvasElement.querySelector('[data-variant="compact"]')).not.toBeNull();
    await expect(canvas.queryByText('Patient monitor 27"')).toBeNull();
    await expect(canvas.queryByText('Order 4471, express')).toBeNull();
    await expect(canvas.getByText('SHP-000031')).toBeVisible();
  },
};

/** A fragment from the host's own query: rendered at once, nothing fetched. */
export const FromHostFragment: Story = {
  args: { serialId: undefined, serial: heldReplacementSerial },
  parameters: { graphql: [] },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { name: 'DEV-00126' })).toBeVisible();
    await expect(canvas.getAllByText('Label unreadable, awaiting relabel')[0]).toBeVisible();
    await expect(canvas.getByText('Expired on Feb 3, 2025')).toBeVisible();
    await expect(canvas.getByText('Previously DEV-0126')).toBeVisible();
    await expect(canvas.getByText('DEV-00121')).toBeVisible();
  },
};

/** Document numbers and replacement serials rendered as the host's links. */
export const WithLinks: Story = {
  args: {
    serialId: undefined,
    serial: heldReplacementSerial,
    renderDocumentLink: (document) => <a href={`#/documents/${document.id}`}>{document.number}</a>,
    renderSerialLink: (serial) => <a href={`#/serials/${serial.id}`}>{serial.number}</a>,
  },
  parameters: { graphql: [] },
  play: async ({ canvas, userEvent }) => {
    const link = canvas.getByRole('link', { name: 'HLD-000003' });
    await expect(link).toHaveAttribute('href', expect.stringContaining('#/documents/'));
    await expect(canvas.getByRole('link', { name: 'DEV-00121' })).toBeVisible();
    await userEvent.tab();
    await expect(canvas.getByRole('link', { name: 'DEV-00121' })).toHaveFocus();
  },
};

/** Dark theme from a wrapper attribute: the widget's own colours switch. */
export const DarkTheme: Story = {
  decorators: [
    (Story) => (
      <div data-sg-theme="dark">
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('heading', { name: 'DEV-00121' });
    const root = canvasElement.querySelector('.sg-timeline')!;
    await expect(getComputedStyle(root).backgroundColor).toBe('rgb(13, 17, 23)');
  },
};

/** Arabic, right to left: translated strings, Arabic digits, the rail on the right. */
export const RightToLeft: Story = {
  args: { locale: 'ar-EG' },
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar">
        <SerialgraphProvider messages={arabicMessages}>
          <Story />
        </SerialgraphProvider>
      </div>
    ),
  ],
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByRole('heading', { name: 'DEV-00121' })).toBeVisible();
    await expect(canvas.getByRole('heading', { name: '٥ حركات' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'الأحدث أولاً' })).toBeVisible();
    const list = canvasElement.querySelector('.sg-timeline-list')!;
    await expect(getComputedStyle(list).borderRightWidth).toBe('2px');
  },
};

/** A host restyles through variables and classNames; its unlayered CSS wins without !important. */
export const HostThemeOverride: Story = {
  args: {
    className: 'host-timeline',
    classNames: { item: 'host-item' },
    style: {
      '--sg-color-accent': '#8a3ffc',
      '--sg-radius': '0',
      '--sg-font-family': 'Georgia, serif',
    } as React.CSSProperties,
  },
  decorators: [
    (Story) => (
      <>
        <style>{'.host-timeline { border-width: 3px; } .host-item { padding-block: 4px; }'}</style>
        <Story />
      </>
    ),
  ],
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('heading', { name: 'DEV-00121' });
    const root = canvasElement.querySelector<HTMLElement>('.sg-timeline')!;
    await waitFor(() => expect(getComputedStyle(root).borderTopWidth).toBe('3px'));
    await expect(getComputedStyle(root).borderTopLeftRadius).toBe('0px');
    const item = canvasElement.querySelector('.host-item')!;
    await expect(getComputedStyle(item).paddingTop).toBe('4px');
    const pressed = canvas.getByRole('button', { name: 'Oldest first' });
    await expect(getComputedStyle(pressed).backgroundColor).toBe('rgb(138, 63, 252)');
  },
};
