import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { SerialgraphProvider } from '../common/serialgraph-provider';
import { ReceiveSerialsForm } from './receive-serials-form';
import {
  freshNumbers,
  productId,
  receipt,
  receiveHandlers,
  supplierId,
  tablet,
  tabletBarcode,
  warehouseId,
} from './receive-serials-form.fixtures';
import { arabicReceiveMessages } from './receive-serials-form.messages-ar';
import { dockingStation, dockingStationBarcode } from '../testing/scan-fixtures';

const meta = {
  title: 'Components/ReceiveSerialsForm',
  component: ReceiveSerialsForm,
  args: {
    productId,
    warehouseId,
    supplierId,
    locale: 'en-US',
    onReceived: fn(),
  },
  parameters: { graphql: receiveHandlers() },
} satisfies Meta<typeof ReceiveSerialsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

type Canvas = Parameters<NonNullable<Story['play']>>[0]['canvas'];
type UserEvent = Parameters<NonNullable<Story['play']>>[0]['userEvent'];

const field = (canvas: Canvas) => canvas.getByRole('textbox', { name: 'Serial numbers' });

/** Types a number and Enter, as a barcode scanner does. */
async function scan(canvas: Canvas, userEvent: UserEvent, number: string) {
  await userEvent.type(field(canvas), `${number}{Enter}`);
}

async function paste(canvas: Canvas, userEvent: UserEvent, text: string) {
  await userEvent.click(field(canvas));
  await userEvent.paste(text);
}

async function announced(canvas: Canvas, text: string) {
  await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(text));
}

const rows = (canvas: Canvas) => within(canvas.getByRole('grid')).getAllByRole('row').slice(1);
/** The verdict of each rendered row, in order. */
const verdicts = (canvas: Canvas) => rows(canvas).map((row) => row.getAttribute('data-verdict'));

/** Nothing entered yet: the labelled field, the product and its format, an empty counter. */
export const Empty: Story = {
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { name: 'Receive Field Tablet T9 (TAB-T9)' }),
    ).toBeVisible();
    await expect(canvas.getByText('Serial format: DEV-\\d{5}')).toBeVisible();
    await expect(field(canvas)).toHaveAccessibleDescription(expect.stringContaining('Ranges'));
    await expect(canvas.getByText('No serial numbers yet.')).toBeVisible();
    await expect(canvas.getByText('0 scanned')).toBeVisible();
    await expect(canvas.queryByRole('grid')).toBeNull();
  },
};

/**
 * Scanning a product barcode instead of a serial: another product's barcode goes to the host
 * (`onProductScanned` selects it or adds a line), the product's own barcode is not a serial;
 * neither becomes a row.
 */
export const ScanProductBarcode: Story = {
  args: { onProductScanned: fn() },
  play: async ({ canvas, userEvent, args }) => {
    await canvas.findByRole('heading', { name: 'Receive Field Tablet T9 (TAB-T9)' });
    await scan(canvas, userEvent, dockingStationBarcode);
    await announced(canvas, 'Barcode of DOCK-1 · Docking station: product selected.');
    await expect(args.onProductScanned).toHaveBeenCalledWith(dockingStation);
    await scan(canvas, userEvent, tabletBarcode);
    await announced(canvas, "That is the barcode of TAB-T9; scan each unit's serial number.");
    await scan(canvas, userEvent, 'DEV-00001');
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok']));
  },
};

/** A scanner types each number and Enter: the field empties, each number gets its verdict. */
export const Scanning: Story = {
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('heading', { name: /Field Tablet/ });
    await scan(canvas, userEvent, 'DEV-00001');
    await expect(field(canvas)).toHaveValue('');
    await announced(canvas, 'DEV-00001: OK 1 scanned.');
    await scan(canvas, userEvent, 'DEV-00007');
    await announced(canvas, 'DEV-00007: Already recorded for this product.');
    await scan(canvas, userEvent, 'DEV-00001');
    await announced(canvas, 'DEV-00001: Already in the list (row 1).');
    await scan(canvas, userEvent, 'DEV-1');
    await announced(canvas, "DEV-1: Does not match the product's format DEV-\\d{5}.");
    await expect(verdicts(canvas)).toEqual(['ok', 'exists', 'duplicate', 'invalid']);
    await expect(canvas.getByText('3 to fix')).toBeVisible();
  },
};

/** Every verdict at once: ok, checking, duplicate in the list, already recorded, bad format, bad range. */
export const EveryVerdict: Story = {
  args: {
    defaultSerials: [
      'DEV-00001',
      'DEV-00002',
      'DEV-00001',
      'DEV-00100',
      'DEV-12',
      'DEV 3',
      'DEV-00009..DEV-00005',
    ],
  },
  parameters: {
    // DEV-00002 stays "checking": its check never answers.
    graphql: receiveHandlers({
      check: (fromServer, numbers) => (numbers.includes('DEV-00002') ? { pending: true } : fromServer()),
      delay: 0,
    }),
  },
  play: async ({ canvas, canvasElement }) => {
    await waitFor(() =>
      expect(verdicts(canvas)).toEqual([
        'checking',
        'checking',
        'duplicate',
        'checking',
        'invalid',
        'invalid',
        'invalid',
        'invalid',
      ]),
    );
    const [, , duplicate, , format, space, , range] = rows(canvas);
    await expect(duplicate).toHaveTextContent('Already in the list (row 1).');
    await expect(format).toHaveTextContent("Does not match the product's format DEV-\\d{5}.");
    await expect(space).toHaveTextContent('DEV');
    await expect(range).toHaveAttribute('data-problem', 'RANGE');
    await expect(range).toHaveTextContent('Not a valid range');
    await expect(canvasElement.querySelector('.sg-receive')).toHaveAttribute('data-activity', 'checking');
  },
};

/** Pasting a list (newlines, commas, tabs, spaces) adds every number, keeping the bad ones marked. */
export const Pasting: Story = {
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('heading', { name: /Field Tablet/ });
    await paste(canvas, userEvent, 'DEV-00001\nDEV-00002, DEV-00003\tDEV-00100 oops DEV-00002');
    await waitFor(() =>
      expect(verdicts(canvas)).toEqual(['ok', 'ok', 'ok', 'exists', 'invalid', 'duplicate']),
    );
    await announced(canvas, 'Added 6 numbers: 3 OK, 3 to fix. 3 scanned, 3 to fix.');
    await expect(field(canvas)).toHaveValue('');
  },
};

/** Ranges: `first..last` and `first+more`, zero padding kept. */
export const Ranges: Story = {
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('heading', { name: /Field Tablet/ });
    await scan(canvas, userEvent, 'DEV-00121..DEV-00125');
    await scan(canvas, userEvent, 'DEV-00098+3');
    await waitFor(() => expect(canvas.getByText('7 scanned')).toBeVisible());
    const numbers = rows(canvas).map((row) => row.querySelector('.sg-receive-number')?.textContent);
    await expect(numbers).toEqual([
      ...['DEV-00121', 'DEV-00122', 'DEV-00123', 'DEV-00124', 'DEV-00125'],
      ...['DEV-00098', 'DEV-00099', 'DEV-00100', 'DEV-00101'],
    ]);
    await waitFor(() => expect(verdicts(canvas).slice(-2)).toEqual(['exists', 'exists']));
  },
};

/** Keyboard only: into the rows, ↓, Enter edits (re-checked), Delete removes, focus stays in place. */
export const EditAndRemove: Story = {
  args: { defaultSerials: ['DEV-00001', 'DEV-0002', 'DEV-00003'] },
  play: async ({ canvas, userEvent }) => {
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok', 'invalid', 'ok']));
    const firstCell = () => rows(canvas)[0]!.querySelector<HTMLElement>('[data-cell="number"]')!;
    firstCell().focus();
    await userEvent.keyboard('{ArrowDown}');
    await expect(rows(canvas)[1]!.querySelector('[data-cell="number"]')).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const editor = canvas.getByRole('textbox', { name: 'New value for DEV-0002' });
    await expect(editor).toHaveFocus();
    await userEvent.clear(editor);
    await userEvent.type(editor, 'DEV-00002{Enter}');
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok', 'ok', 'ok']));
    await announced(canvas, 'DEV-00002: OK');
    await waitFor(() => expect(rows(canvas)[1]!.querySelector('[data-cell="number"]')).toHaveFocus());
    await userEvent.keyboard('{Delete}');
    await announced(canvas, 'DEV-00002 removed. 2 scanned.');
    await waitFor(() => expect(rows(canvas)[1]!.querySelector('[data-cell="number"]')).toHaveFocus());
    await expect(rows(canvas)[1]).toHaveTextContent('DEV-00003');
    // The pointer way: the remove button of a row.
    await userEvent.click(canvas.getByRole('button', { name: 'Remove DEV-00001' }));
    await expect(rows(canvas)).toHaveLength(1);
  },
};

/** The counter against the delivery's expected quantity: still missing, then complete, then over. */
export const ExpectedQuantity: Story = {
  args: { expectedQuantity: 4, defaultSerials: ['DEV-00001', 'DEV-00002', 'DEV-00100'] },
  play: async ({ canvas, userEvent, canvasElement }) => {
    const root = canvasElement.querySelector('.sg-receive');
    await waitFor(() => expect(canvas.getByText('2 of 4 scanned')).toBeVisible());
    await expect(canvas.getByText('2 still missing')).toBeVisible();
    await expect(root).toHaveAttribute('data-counter', 'short');
    await scan(canvas, userEvent, 'DEV-00003+1');
    await announced(canvas, '4 of 4 scanned, All expected units scanned, 1 to fix.');
    await expect(root).toHaveAttribute('data-counter', 'complete');
    await scan(canvas, userEvent, 'DEV-00005');
    await waitFor(() => expect(canvas.getByText('1 more than expected')).toBeVisible());
    await expect(root).toHaveAttribute('data-counter', 'over');
  },
};

/** Submit posts receiveStock, clears the form and calls onReceived with the receipt. */
export const SubmitSuccess: Story = {
  args: { defaultSerials: ['DEV-00001', 'DEV-00002', 'DEV-00003'], reference: 'PO-4711' },
  play: async ({ canvas, userEvent, args }) => {
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok', 'ok', 'ok']));
    await userEvent.click(canvas.getByRole('button', { name: 'Receive 3 units' }));
    await announced(canvas, 'Received 3 units as RCV-000012.');
    await expect(args.onReceived).toHaveBeenCalledWith(receipt(3));
    await expect(canvas.getByText('No serial numbers yet.')).toBeVisible();
    await expect(field(canvas)).toHaveFocus();
    // Scanning a number just received says so at once.
    await scan(canvas, userEvent, 'DEV-00002');
    await announced(canvas, 'DEV-00002: Already recorded for this product.');
  },
};

/** Submit is refused while rows are marked: the first one to fix gets focus. */
export const SubmitBlocked: Story = {
  args: { defaultSerials: ['DEV-00001', 'DEV-00100'] },
  play: async ({ canvas, userEvent, args }) => {
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok', 'exists']));
    await userEvent.click(canvas.getByRole('button', { name: 'Receive 1 unit' }));
    await announced(canvas, 'Fix or remove the marked number first.');
    await waitFor(() => expect(rows(canvas)[1]!.querySelector('[data-cell="number"]')).toHaveFocus());
    await expect(args.onReceived).not.toHaveBeenCalled();
  },
};

/**
 * The server refuses the receipt (units recorded by someone else since the check): the refusal
 * names the numbers and they are marked on their rows; the rest stay.
 */
export const ServerRefusal: Story = {
  args: { defaultSerials: freshNumbers(5, 301) },
  parameters: {
    graphql: receiveHandlers({
      recorded: ['DEV-00302', 'DEV-00304'],
      // The check ran before the other receipt was posted: everything looked fine.
      check: (_fromServer, numbers) => ({
        data: {
          __typename: 'Query',
          checkSerials: numbers.map((number) => ({
            __typename: 'SerialCheck',
            number,
            ok: true,
            issue: null,
          })),
        },
      }),
    }),
  },
  play: async ({ canvas, userEvent, args }) => {
    await waitFor(() => expect(verdicts(canvas).every((verdict) => verdict === 'ok')).toBe(true));
    await userEvent.click(canvas.getByRole('button', { name: 'Receive 5 units' }));
    await announced(canvas, 'The server refused 2 numbers; they are marked. 3 scanned, 2 to fix.');
    await expect(verdicts(canvas)).toEqual(['ok', 'exists', 'ok', 'exists', 'ok']);
    await expect(rows(canvas)[1]).toHaveAttribute('data-refused', 'true');
    await expect(rows(canvas)[1]).toHaveTextContent(
      'Already recorded for this product. Refused by the server.',
    );
    await expect(args.onReceived).not.toHaveBeenCalled();
    await waitFor(() => expect(rows(canvas)[1]!.querySelector('[data-cell="number"]')).toHaveFocus());
  },
};

/** A refusal that names no row (the warehouse is gone) shows as an alert with the server's message. */
export const ServerRefusalWithoutRows: Story = {
  args: { defaultSerials: ['DEV-00001'] },
  parameters: {
    graphql: receiveHandlers({
      receive: () => ({
        errors: [
          {
            message: 'Nothing with this id exists in your organization; check the id.',
            extensions: { code: 'NOT_FOUND' },
          },
        ],
      }),
    }),
  },
  play: async ({ canvas, userEvent }) => {
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok']));
    await userEvent.click(canvas.getByRole('button', { name: 'Receive 1 unit' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Nothing with this id exists');
    await expect(verdicts(canvas)).toEqual(['ok']);
  },
};

/** A host composing a bigger document takes the numbers through onSubmit; nothing is posted. */
export const HostSubmit: Story = {
  args: { defaultSerials: ['DEV-00001', 'DEV-00002'], onSubmit: fn() },
  play: async ({ canvas, userEvent, args }) => {
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok', 'ok']));
    await userEvent.click(canvas.getByRole('button', { name: 'Receive 2 units' }));
    await expect(args.onSubmit).toHaveBeenCalledWith(['DEV-00001', 'DEV-00002']);
    await expect(await canvas.findByText('No serial numbers yet.')).toBeVisible();
  },
};

/** The server cannot be reached: numbers are marked unchecked and can be checked again. */
export const CheckFails: Story = {
  parameters: {
    graphql: (() => {
      let calls = 0;
      return receiveHandlers({
        check: (fromServer) => (++calls === 1 ? { networkError: 'Failed to fetch' } : fromServer()),
      });
    })(),
  },
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('heading', { name: /Field Tablet/ });
    await scan(canvas, userEvent, 'DEV-00001');
    await announced(canvas, 'DEV-00001: Not checked: the server could not be reached.');
    await userEvent.click(canvas.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok']));
  },
};

/** The product is not serial-tracked. */
export const NotTracked: Story = {
  parameters: { graphql: receiveHandlers({ product: { ...tablet, trackingMode: 'NONE' } }) },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('alert')).toHaveTextContent('not serial-tracked');
  },
};

/** A hundred numbers, a few of them bad. */
export const HundredRows: Story = {
  args: { defaultSerials: [...freshNumbers(97), 'DEV-00100', 'DEV-10005', 'X-1'], expectedQuantity: 100 },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByText('97 of 100 scanned')).toBeVisible());
    await expect(canvas.getByText('3 to fix')).toBeVisible();
    await expect(canvas.getByRole('grid')).toHaveAttribute('aria-rowcount', '101');
    await expect(rows(canvas).length).toBeLessThan(40);
  },
};

/** 10,000 numbers (one paste): one checkSerials request, only the visible rows in the DOM. */
export const TenThousandRows: Story = {
  args: { defaultSerials: freshNumbers(10_000), expectedQuantity: 10_000 },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByText('10,000 of 10,000 scanned')).toBeVisible());
    await waitFor(() => expect(verdicts(canvas).every((verdict) => verdict === 'ok')).toBe(true));
    await expect(canvas.getByRole('grid')).toHaveAttribute('aria-rowcount', '10001');
    await expect(rows(canvas).length).toBeLessThan(40);
    await expect(canvas.getByRole('button', { name: 'Receive 10,000 units' })).toBeVisible();
  },
};

/** Dark theme from a wrapper attribute. */
export const DarkTheme: Story = {
  args: { defaultSerials: ['DEV-00001', 'DEV-00100', 'BAD'] },
  decorators: [
    (Story) => (
      <div data-sg-theme="dark">
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas, canvasElement }) => {
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok', 'exists', 'invalid']));
    const root = canvasElement.querySelector('.sg-receive')!;
    await expect(getComputedStyle(root).backgroundColor).toBe('rgb(13, 17, 23)');
  },
};

/** Arabic, right to left: translated strings, Arabic digits, the problem marker on the right. */
export const RightToLeft: Story = {
  args: { locale: 'ar-EG', defaultSerials: ['DEV-00001', 'DEV-00100'], expectedQuantity: 3 },
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar">
        <SerialgraphProvider messages={arabicReceiveMessages}>
          <Story />
        </SerialgraphProvider>
      </div>
    ),
  ],
  play: async ({ canvas }) => {
    await canvas.findByRole('textbox', { name: 'الأرقام التسلسلية' });
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok', 'exists']));
    await expect(canvas.getByText('١ من ٣')).toBeVisible();
    await expect(getComputedStyle(rows(canvas)[1]!).boxShadow).toContain('-3px 0px 0px 0px inset');
  },
};

/** A host restyles through variables and classNames; its unlayered CSS wins without !important. */
export const HostThemeOverride: Story = {
  args: {
    className: 'host-receive',
    classNames: { row: 'host-row' },
    defaultSerials: ['DEV-00001', 'DEV-00002'],
    style: {
      '--sg-color-accent': '#8a3ffc',
      '--sg-radius': '0',
      '--sg-receive-list-height': '6rem',
    } as React.CSSProperties,
  },
  decorators: [
    (Story) => (
      <>
        <style>{'.host-receive { border-width: 3px; } .host-row { padding-block: 2px; }'}</style>
        <Story />
      </>
    ),
  ],
  play: async ({ canvas, canvasElement }) => {
    await waitFor(() => expect(verdicts(canvas)).toEqual(['ok', 'ok']));
    const root = canvasElement.querySelector<HTMLElement>('.sg-receive')!;
    await expect(getComputedStyle(root).borderTopWidth).toBe('3px');
    await expect(getComputedStyle(canvasElement.querySelector('.host-row')!).paddingTop).toBe('2px');
    const submit = canvas.getByRole('button', { name: 'Receive 2 units' });
    await expect(getComputedStyle(submit).backgroundColor).toBe('rgb(138, 63, 252)');
  },
};
