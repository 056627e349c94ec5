import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { SerialgraphProvider } from '../common/serialgraph-provider';
import { SerialPicker } from './serial-picker';
import {
  barcodeAndSerial,
  elsewhere,
  mainWarehouse,
  oldestAvailable,
  productId,
  shipmentId,
  stockHandlers,
  storeWarehouse,
} from './serial-picker.fixtures';
import { arabicPickerMessages } from './serial-picker.messages-ar';
import { dockingStation, dockingStationBarcode } from '../testing/scan-fixtures';

const meta = {
  title: 'Components/SerialPicker',
  component: SerialPicker,
  // Fixed locale and zone keep dates identical on every machine.
  args: {
    mode: 'SHIP',
    productId,
    warehouseId: mainWarehouse.id,
    locale: 'en-US',
    timeZone: 'UTC',
    onChange: fn(),
  },
  parameters: { graphql: stockHandlers({ count: 100 }) },
} satisfies Meta<typeof SerialPicker>;

export default meta;
type Story = StoryObj<typeof meta>;

type Canvas = Parameters<NonNullable<Story['play']>>[0]['canvas'];
type UserEvent = Parameters<NonNullable<Story['play']>>[0]['userEvent'];

/** Types a number and Enter into the search-or-scan field, as a barcode scanner does. */
async function scan(canvas: Canvas, userEvent: UserEvent, number: string) {
  await userEvent.type(canvas.getByRole('searchbox'), `${number}{Enter}`);
}

async function announced(canvas: Canvas, text: string) {
  await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(text));
}

/** A hundred units in stock (four on hold are not listed for shipping), oldest first; a click picks. */
export const HundredUnits: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const listbox = await canvas.findByRole('listbox', { name: 'Units to ship' });
    await expect(listbox).toHaveAttribute('aria-multiselectable', 'true');
    await expect(canvas.getByText('96 units')).toBeVisible();
    const [first] = within(listbox).getAllByRole('option');
    await expect(first).toHaveAccessibleName(expect.stringContaining(oldestAvailable(1)[0]!.number));
    await expect(canvas.getAllByText('Repaired').length).toBeGreaterThan(0);
    await userEvent.click(first!);
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(args.onChange).toHaveBeenLastCalledWith(oldestAvailable(1));
    await announced(canvas, `${oldestAvailable(1)[0]!.number} picked.`);
    await expect(canvas.getByText('1 picked')).toBeVisible();
  },
};

/** Typing filters on the server after a short pause; the list shows only matching numbers. */
export const Search: Story = {
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('listbox');
    await userEvent.type(canvas.getByRole('searchbox'), 'sn-00004');
    await waitFor(() => expect(canvas.getAllByRole('option')).toHaveLength(10));
    for (const option of canvas.getAllByRole('option')) {
      await expect(option).toHaveAccessibleName(expect.stringContaining('SN-00004'));
    }
    await expect(canvas.getByText('10 units')).toBeVisible();
    await userEvent.clear(canvas.getByRole('searchbox'));
    await userEvent.type(canvas.getByRole('searchbox'), 'XYZ');
    await expect(await canvas.findByText('No unit matches “XYZ”.')).toBeVisible();
  },
};

/** Scan-to-select: an exact number (any case) and Enter picks it and empties the field. */
export const ScanToSelect: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findByRole('listbox');
    await scan(canvas, userEvent, 'sn-000007');
    await announced(canvas, 'SN-000007 picked.');
    await expect(canvas.getByRole('searchbox')).toHaveValue('');
    await expect(args.onChange).toHaveBeenLastCalledWith([{ id: 'U2VyaWFs6', number: 'SN-000007' }]);
    await expect(canvas.getByRole('button', { name: 'Remove SN-000007' })).toBeVisible();
    await scan(canvas, userEvent, 'SN-000007');
    await announced(canvas, 'SN-000007 is already picked.');
  },
};

/** Every refusal of a scan, explained in the live region: nothing is picked. */
export const ScanningErrors: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findByRole('listbox');
    await scan(canvas, userEvent, 'SN-999999');
    await announced(canvas, 'SN-999999 does not exist for this product.');
    await scan(canvas, userEvent, elsewhere.otherWarehouse.number);
    await announced(canvas, `SN-B00001 is in ${storeWarehouse.name}, not in this warehouse.`);
    await scan(canvas, userEvent, elsewhere.shipped.number);
    await announced(canvas, 'SN-S00001 has already been shipped.');
    await scan(canvas, userEvent, elsewhere.onHold.number);
    await announced(canvas, 'SN-H00001 is on hold: Cracked housing.');
    await scan(canvas, userEvent, elsewhere.inRepair.number);
    await announced(canvas, 'SN-P00001 is in repair.');
    await scan(canvas, userEvent, 'bad#1');
    await announced(canvas, 'bad#1 is not a valid serial number.');
    await expect(canvas.getByRole('status').firstElementChild).toHaveAttribute('data-tone', 'danger');
    await expect(args.onChange).not.toHaveBeenCalled();
  },
};

/**
 * Scanning a product barcode: another product's barcode goes to the host (`onProductScanned`,
 * which selects the product or adds a line); a code that is both this product's barcode and one of
 * its serials is the serial (the scan rule), here a unit in another warehouse.
 */
export const ScanProductBarcode: Story = {
  args: { onProductScanned: fn() },
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findByRole('listbox');
    await scan(canvas, userEvent, dockingStationBarcode);
    await announced(canvas, 'Barcode of DOCK-1 · Docking station: product selected.');
    await expect(args.onProductScanned).toHaveBeenCalledWith(dockingStation);
    await scan(canvas, userEvent, barcodeAndSerial);
    await announced(canvas, `${barcodeAndSerial} is in ${storeWarehouse.name}, not in this warehouse.`);
    await expect(args.onProductScanned).toHaveBeenCalledTimes(1);
    await expect(args.onChange).not.toHaveBeenCalled();
  },
};

/** "Pick oldest": the N units received first (FIFO), not the lowest numbers. */
export const PickOldest: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findByRole('listbox');
    const count = canvas.getByRole('spinbutton', { name: 'How many' });
    await userEvent.clear(count);
    await userEvent.type(count, '3');
    await userEvent.click(canvas.getByRole('button', { name: 'Pick oldest' }));
    await announced(canvas, 'Picked the 3 oldest units.');
    await expect(args.onChange).toHaveBeenLastCalledWith(oldestAvailable(3));
    // Again: the next three oldest, skipping those already picked.
    await userEvent.click(canvas.getByRole('button', { name: 'Pick oldest' }));
    await waitFor(() => expect(args.onChange).toHaveBeenLastCalledWith(oldestAvailable(6)));
    await expect(canvas.getByText('6 picked')).toBeVisible();
  },
};

/** Keyboard only: Tab, ↓ into the list, Space, Shift+↓, End, Home, PageDown; the remove buttons. */
export const KeyboardMultiSelect: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const listbox = await canvas.findByRole('listbox');
    const options = () => within(listbox).getAllByRole('option');
    const active = () => listbox.getAttribute('aria-activedescendant');
    await userEvent.tab();
    await expect(canvas.getByRole('searchbox')).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    await expect(listbox).toHaveFocus();
    await expect(active()).toBe(options()[0]!.id);
    await userEvent.keyboard(' ');
    await expect(options()[0]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}');
    await expect(options()[1]).toHaveAttribute('aria-selected', 'true');
    await expect(options()[2]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowDown}');
    await expect(active()).toBe(options()[3]!.id);
    await expect(options()[3]).toHaveAttribute('aria-selected', 'false');
    await userEvent.keyboard('{End}');
    await waitFor(() =>
      expect(listbox.querySelector(`#${CSS.escape(active()!)}`)).toHaveAttribute('aria-posinset', '96'),
    );
    await userEvent.keyboard(' ');
    await userEvent.keyboard('{Home}');
    // The list scrolls back first; the option becomes active once it is rendered.
    await waitFor(() => expect(active()).toBe(options()[0]!.id));
    await expect(options()[0]).toHaveAttribute('aria-posinset', '1');
    await userEvent.keyboard(' ');
    await expect(options()[0]).toHaveAttribute('aria-selected', 'false');
    await userEvent.keyboard('{PageDown}');
    await expect(
      Number(listbox.querySelector(`#${CSS.escape(active()!)}`)?.getAttribute('aria-posinset')),
    ).toBeGreaterThan(2);
    await expect(args.onChange).toHaveBeenCalledTimes(5);
    await expect(canvas.getByText('3 picked')).toBeVisible();
    // Remove buttons are reachable by Tab; removing one keeps focus in the picked list.
    const remove = canvas.getAllByRole('button', { name: /^Remove / })[0]!;
    remove.focus();
    await userEvent.keyboard('{Enter}');
    await expect(canvas.getByText('2 picked')).toBeVisible();
    await waitFor(() => expect(canvas.getAllByRole('button', { name: /^Remove / })[0]).toHaveFocus());
  },
};

/** The line quantity is reached: scans, clicks and "pick oldest" are refused with an announcement. */
export const MaxReached: Story = {
  args: { max: 2, defaultValue: oldestAvailable(2) },
  play: async ({ canvas, userEvent, canvasElement, args }) => {
    await canvas.findByRole('listbox');
    await expect(canvas.getByText('2 of 2 picked')).toBeVisible();
    await expect(canvasElement.querySelector('.sg-picker')).toHaveAttribute('data-selection', 'full');
    await scan(canvas, userEvent, 'SN-000010');
    await announced(canvas, 'The line quantity of 2 is reached. Remove a unit to pick another.');
    const unpicked = canvas.getAllByRole('option', { selected: false })[0]!;
    await userEvent.click(unpicked);
    await expect(unpicked).toHaveAttribute('aria-selected', 'false');
    await userEvent.click(canvas.getByRole('button', { name: 'Pick oldest' }));
    await announced(canvas, 'The line quantity of 2 is reached.');
    await expect(args.onChange).not.toHaveBeenCalled();
  },
};

/** Return mode: the units shipment SHP-000031 sent that have not come back. */
export const ReturnMode: Story = {
  args: { mode: 'RETURN', shipmentId, warehouseId: undefined },
  play: async ({ canvas, userEvent }) => {
    const listbox = await canvas.findByRole('listbox', { name: 'Units to return' });
    await expect(within(listbox).getAllByRole('option')).toHaveLength(4);
    await scan(canvas, userEvent, 'SN-R00003');
    await announced(canvas, 'SN-R00003 was not sent by this shipment, or has already come back.');
    await scan(canvas, userEvent, 'SN-R00004');
    await announced(canvas, 'SN-R00004 picked.');
  },
};

/** Transfer mode: held units can move too, with their hold reason as a badge. */
export const TransferMode: Story = {
  args: { mode: 'TRANSFER' },
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('listbox', { name: 'Units to transfer' });
    await expect(canvas.getByText('101 units')).toBeVisible();
    await scan(canvas, userEvent, elsewhere.onHold.number);
    await announced(canvas, 'SN-H00001 picked.');
    await expect(canvas.getAllByText(/^On hold: /).length).toBeGreaterThan(0);
  },
};

/** Nothing in stock. */
export const Empty: Story = {
  parameters: { graphql: stockHandlers({ count: 0 }) },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No units available in this warehouse.')).toBeVisible();
    await expect(canvas.queryByRole('listbox')).toBeNull();
  },
};

/** Waiting for the first page. */
export const Loading: Story = {
  parameters: { graphql: stockHandlers({ serials: () => ({ pending: true }) }) },
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByText('Loading units…')).toBeVisible();
    await expect(canvasElement.querySelector('.sg-picker')).toHaveAttribute('data-state', 'loading');
  },
};

/**
 * A search in flight: the list is marked busy, and the rows it still shows stay readable (busy is
 * shown by a bar, not by dimming the rows below text contrast; axe checks it after the play).
 */
export const Searching: Story = {
  parameters: {
    graphql: stockHandlers({
      serials: (fromStock, variables) => (variables.filter.search ? { pending: true } : fromStock()),
    }),
  },
  play: async ({ canvas, userEvent }) => {
    const listbox = await canvas.findByRole('listbox');
    await userEvent.type(canvas.getByRole('searchbox'), 'sn-0');
    await waitFor(() => expect(listbox).toHaveAttribute('aria-busy', 'true'));
    await expect(within(listbox).getAllByRole('option').length).toBeGreaterThan(0);
  },
};

/** The list cannot be loaded: an alert with a retry that succeeds. */
export const ErrorThenRetry: Story = {
  parameters: {
    graphql: (() => {
      let calls = 0;
      return stockHandlers({
        serials: (fromStock) => (++calls === 1 ? { networkError: 'Failed to fetch' } : fromStock()),
      });
    })(),
  },
  play: async ({ canvas, userEvent }) => {
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('The units could not be loaded.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await canvas.findByRole('listbox');
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** 100,000 units in stock: a page at a time as you scroll, only the visible rows in the DOM. */
export const HundredThousandUnits: Story = {
  parameters: { graphql: stockHandlers({ count: 100_000, holdEvery: 0 }) },
  play: async ({ canvas, userEvent }) => {
    const listbox = await canvas.findByRole('listbox');
    await expect(canvas.getByText('100,000 units')).toBeVisible();
    await expect(within(listbox).getAllByRole('option').length).toBeLessThan(40);
    await expect(within(listbox).getAllByRole('option')[0]).toHaveAttribute('aria-setsize', '100000');
    listbox.scrollTop = listbox.scrollHeight;
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option')
          .some((option) => Number(option.getAttribute('aria-posinset')) > 100),
      ).toBe(true),
    );
    await userEvent.type(canvas.getByRole('searchbox'), 'SN-09999');
    // A new search starts a fresh list (scrolled to the top): query the listbox again.
    await waitFor(() => expect(within(canvas.getByRole('listbox')).getAllByRole('option')).toHaveLength(10));
    await expect(canvas.getByText('10 units')).toBeVisible();
  },
};

/** Dark theme from a wrapper attribute. */
export const DarkTheme: Story = {
  decorators: [
    (Story) => (
      <div data-sg-theme="dark">
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('listbox');
    const root = canvasElement.querySelector('.sg-picker')!;
    await expect(getComputedStyle(root).backgroundColor).toBe('rgb(13, 17, 23)');
  },
};

/** Arabic, right to left: translated strings, Arabic digits, the picked marker on the right. */
export const RightToLeft: Story = {
  args: { locale: 'ar-EG', defaultValue: oldestAvailable(1) },
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar">
        <SerialgraphProvider messages={arabicPickerMessages}>
          <Story />
        </SerialgraphProvider>
      </div>
    ),
  ],
  play: async ({ canvas }) => {
    await canvas.findByRole('listbox', { name: 'الوحدات المتاحة' });
    await expect(canvas.getByText('٩٦ وحدة')).toBeVisible();
    const picked = canvas.getAllByRole('option', { selected: true })[0]!;
    await expect(getComputedStyle(picked).boxShadow).toContain('-3px 0px 0px 0px inset');
  },
};

/** A host restyles through variables and classNames; its unlayered CSS wins without !important. */
export const HostThemeOverride: Story = {
  args: {
    className: 'host-picker',
    classNames: { option: 'host-option' },
    defaultValue: oldestAvailable(1),
    style: {
      '--sg-color-accent': '#8a3ffc',
      '--sg-radius': '0',
      '--sg-picker-list-height': '10rem',
    } as React.CSSProperties,
  },
  decorators: [
    (Story) => (
      <>
        <style>{'.host-picker { border-width: 3px; } .host-option { padding-block: 2px; }'}</style>
        <Story />
      </>
    ),
  ],
  play: async ({ canvas, canvasElement }) => {
    const listbox = await canvas.findByRole('listbox');
    const root = canvasElement.querySelector<HTMLElement>('.sg-picker')!;
    await waitFor(() => expect(getComputedStyle(root).borderTopWidth).toBe('3px'));
    await expect(getComputedStyle(listbox).height).toBe('160px');
    const option = canvasElement.querySelector('.host-option')!;
    await expect(getComputedStyle(option).paddingTop).toBe('2px');
    const check = canvasElement.querySelector('.sg-picker-option[data-picked="true"] .sg-picker-check')!;
    await expect(getComputedStyle(check).backgroundColor).toBe('rgb(138, 63, 252)');
  },
};
