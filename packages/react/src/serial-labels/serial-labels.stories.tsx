import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { SerialLabels } from './serial-labels';

const units = [
  {
    serial: 'DEVICE-00121',
    productName: 'Handheld terminal HT-100',
    date: '2026-11-30',
    internalCode: 'TOOL-2026-000045',
  },
  { serial: 'DEVICE-00122', productName: 'Handheld terminal HT-100', date: '2026-11-30' },
  {
    serial: 'LTP-2026-000120',
    productName: 'Laptop 14" with a name too long for one label line',
    date: '2026-11-28',
  },
];

const meta = {
  title: 'Components/SerialLabels',
  component: SerialLabels,
  args: { units, symbology: 'code128', sheet: 'thermal-58x40' },
} satisfies Meta<typeof SerialLabels>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One 58 × 40 mm thermal label per unit, Code 128; printing gives one label per page. */
export const Thermal: Story = {
  play: async ({ canvas }) => {
    const pages = canvas.getAllByRole('img');
    await expect(pages).toHaveLength(3);
    await expect(pages[0]).toHaveAccessibleName('Labels, page 1 of 3: DEVICE-00121');
    const svg = pages[0]!.querySelector('svg')!;
    await expect(svg.getAttribute('width')).toBe('58mm');
    await expect(svg.querySelector('[data-barcode="code128"]')).not.toBeNull();
    await expect(svg.textContent).toContain('TOOL-2026-000045');
  },
};

/** DataMatrix beside the text, for long serials and small labels. */
export const DataMatrix: Story = { args: { symbology: 'datamatrix' } };

/** An A4 sheet of 3 × 8 labels, QR. */
export const A4Sheet: Story = {
  args: {
    symbology: 'qr',
    sheet: 'a4',
    units: undefined,
    productName: 'Cordless drill',
    date: '2026-11-30',
    numbers: Array.from({ length: 26 }, (_, i) => `TOOL-2026-${String(i + 1).padStart(6, '0')}`),
  },
  play: async ({ canvas }) => {
    const pages = canvas.getAllByRole('img');
    await expect(pages).toHaveLength(2);
    await expect(pages[0]!.querySelectorAll('[data-barcode="qr"]')).toHaveLength(24);
    await expect(pages[1]!.querySelectorAll('[data-barcode="qr"]')).toHaveLength(2);
  },
};

/** A serial Code 128 cannot carry is named, with what to choose instead. */
export const Unencodable: Story = {
  args: { units: [{ serial: 'Zähler-0001', productName: 'Meter' }] },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('alert')).toHaveTextContent(
      'Zähler-0001 cannot be printed as Code 128; choose DataMatrix or QR.',
    );
  },
};
