import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { ReceiveSerialsForm } from '../receive-serials-form/receive-serials-form';
import {
  productId,
  receiveHandlers,
  warehouseId,
} from '../receive-serials-form/receive-serials-form.fixtures';
import { SerialPicker } from '../serial-picker/serial-picker';
import {
  mainWarehouse,
  productId as pickerProductId,
  stockHandlers,
} from '../serial-picker/serial-picker.fixtures';
import { mockCameraStream } from '../testing/camera/mock-camera-stream';
import { dockingStationBarcode } from '../testing/scan-fixtures';
import { CameraButton } from './camera-button';

/**
 * Camera scanning, as designers see it without a camera: the mock stream is a canvas showing
 * generated labels in turn (a Code 128 serial, a blank page, a product's EAN-13). Each read goes
 * through the widget's normal scan path.
 */
const meta = {
  title: 'Components/CameraScanner',
  component: CameraButton,
  args: {
    onRead: fn(),
    settings: {
      muted: true,
      getStream: () =>
        mockCameraStream([
          { bcid: 'code128', text: 'DEV-00001' },
          {},
          { bcid: 'ean13', text: dockingStationBarcode },
        ]),
    },
  },
} satisfies Meta<typeof CameraButton>;

export default meta;
type Story = StoryObj<typeof meta>;

type Canvas = Parameters<NonNullable<Story['play']>>[0]['canvas'];

async function openViewfinder(
  canvas: Canvas,
  canvasElement: HTMLElement,
  userEvent: { click: (element: Element) => Promise<void> },
) {
  await userEvent.click(await canvas.findByRole('button', { name: 'Scan with camera' }));
  // The dialog is modal (top layer): query it from the story's root, not by role in `canvas`.
  await waitFor(() => expect(canvasElement.querySelector('dialog[open]')).not.toBeNull());
  return canvasElement.querySelector<HTMLDialogElement>('dialog[open]')!;
}

/** The button alone: the viewfinder opens on click and hands each code to `onRead`. */
export const Button: Story = {
  play: async ({ canvas, canvasElement, userEvent, args }) => {
    const dialog = await openViewfinder(canvas, canvasElement, userEvent);
    await expect(within(dialog).getByRole('heading', { name: 'Camera scanner' })).toBeVisible();
    await waitFor(() => expect(args.onRead).toHaveBeenCalledWith('DEV-00001'), { timeout: 10_000 });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvasElement.querySelector('dialog')).toBeNull());
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Scan with camera' })).toHaveFocus());
    await expect(args.onRead).toHaveBeenCalledTimes(1);
  },
};

/** Receiving with the camera: the serial becomes a row with its verdict; the viewfinder stays open for the next label. */
export const InReceiveSerialsForm: Story = {
  parameters: { graphql: receiveHandlers() },
  render: (args) => (
    <ReceiveSerialsForm
      productId={productId}
      warehouseId={warehouseId}
      locale="en-US"
      camera={args.settings}
    />
  ),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await canvas.findByRole('heading', { name: /Field Tablet/ });
    const dialog = await openViewfinder(canvas, canvasElement, userEvent);
    await waitFor(
      () =>
        expect(canvasElement.querySelector('[role="row"][data-index="0"]')).toHaveAttribute(
          'data-verdict',
          'ok',
        ),
      { timeout: 10_000 },
    );
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Read DEV-00001'));
  },
};

/** Picking with the camera: a unit's label is read and picked, as if scanned with a wedge scanner. */
export const InSerialPicker: Story = {
  parameters: { graphql: stockHandlers({ count: 100 }) },
  args: {
    settings: { muted: true, getStream: () => mockCameraStream([{ bcid: 'code128', text: 'SN-000002' }]) },
  },
  render: (args) => (
    <SerialPicker
      mode="SHIP"
      productId={pickerProductId}
      warehouseId={mainWarehouse.id}
      locale="en-US"
      timeZone="UTC"
      camera={args.settings}
    />
  ),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await openViewfinder(canvas, canvasElement, userEvent);
    await waitFor(
      () => expect(canvasElement.querySelector('[data-summary="picked"]')).toHaveTextContent('1 picked'),
      {
        timeout: 10_000,
      },
    );
  },
};
