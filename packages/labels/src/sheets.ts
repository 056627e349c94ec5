/** The sheets labels are printed on; every length in millimetres. */
export const SHEETS = ['thermal-58x40', 'a4'] as const;
export type SheetName = (typeof SHEETS)[number];

export function isSheetName(value: unknown): value is SheetName {
  return typeof value === 'string' && (SHEETS as readonly string[]).includes(value);
}

export interface Sheet {
  name: SheetName;
  page: { width: number; height: number };
  label: { width: number; height: number };
  columns: number;
  rows: number;
  /** Page margins to the first label. */
  marginTop: number;
  marginLeft: number;
  /** Space between neighbouring labels. */
  gapX: number;
  gapY: number;
}

export const SHEET_SPECS: Record<SheetName, Sheet> = {
  // One label per page, as a thermal printer feeds a roll of 58 × 40 mm die-cut labels.
  'thermal-58x40': {
    name: 'thermal-58x40',
    page: { width: 58, height: 40 },
    label: { width: 58, height: 40 },
    columns: 1,
    rows: 1,
    marginTop: 0,
    marginLeft: 0,
    gapX: 0,
    gapY: 0,
  },
  // A4, 3 columns × 8 rows = 24 labels of 63.5 × 33.9 mm: margins 12.9 mm top and bottom, 7.2 mm left
  // (7.3 mm right), 2.5 mm between columns, none between rows (the common "L7159" sheet layout).
  a4: {
    name: 'a4',
    page: { width: 210, height: 297 },
    label: { width: 63.5, height: 33.9 },
    columns: 3,
    rows: 8,
    marginTop: 12.9,
    marginLeft: 7.2,
    gapX: 2.5,
    gapY: 0,
  },
};

export function labelsPerPage(sheet: Sheet): number {
  return sheet.columns * sheet.rows;
}

/** Top-left corner of the label in slot `index` (row by row) of a page. */
export function slotOrigin(sheet: Sheet, index: number): { x: number; y: number } {
  const column = index % sheet.columns;
  const row = Math.floor(index / sheet.columns);
  return {
    x: sheet.marginLeft + column * (sheet.label.width + sheet.gapX),
    y: sheet.marginTop + row * (sheet.label.height + sheet.gapY),
  };
}
