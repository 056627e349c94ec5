import { useMemo } from 'react';
import {
  layoutLabels,
  pageToSvg,
  UnencodableError,
  type LabelPage,
  type LabelUnit,
  type SheetName,
  type Symbology,
} from '@serialgraph/labels';
import { cx, type ClassNames } from '../common/class-names';

// Re-declared (checked below) so the published types never name the private labels package.
/** The barcode printed on each label. */
export type SerialLabelsSymbology = 'code128' | 'datamatrix' | 'qr';
/** A single 58 × 40 mm thermal label per page, or an A4 sheet of 3 × 8 labels (63.5 × 33.9 mm). */
export type SerialLabelsSheet = 'thermal-58x40' | 'a4';

/** One label: the unit's serial, its product's name, and optionally its internal code and a date. */
export interface SerialLabelUnit {
  serial: string;
  productName: string;
  internalCode?: string | null;
  /** Printed as given, e.g. the receipt date. */
  date?: string | null;
}

export interface SerialLabelsMessages {
  /** Accessible name of one printed page. */
  page: (index: number, count: number, serials: string[]) => string;
  /** A serial the chosen barcode cannot carry (Code 128 takes printable ASCII only). */
  unencodable: (serial: string, symbology: SerialLabelsSymbology) => string;
  /** Nothing to print. */
  empty: string;
}

export const defaultSerialLabelsMessages: SerialLabelsMessages = {
  page: (index, count, serials) => `Labels, page ${index} of ${count}: ${serials.join(', ')}`,
  unencodable: (serial, symbology) =>
    `${serial} cannot be printed as ${symbology === 'code128' ? 'Code 128' : symbology}; choose DataMatrix or QR.`,
  empty: 'No labels to print.',
};

export type SerialLabelsSlot = 'page' | 'error';

export interface SerialLabelsProps {
  /** The units to label, in print order. */
  units?: readonly SerialLabelUnit[];
  /** Or bare numbers (e.g. just reserved, not received yet), all of `productName`. */
  numbers?: readonly string[];
  /** The product of `numbers`. */
  productName?: string;
  /** The date printed on labels made from `numbers`. */
  date?: string;
  symbology?: SerialLabelsSymbology;
  sheet?: SerialLabelsSheet;
  messages?: Partial<SerialLabelsMessages>;
  className?: string;
  classNames?: ClassNames<SerialLabelsSlot>;
}

/**
 * Printable serial labels: the same SVG pages as the API's `/labels`, one element per page. With
 * the package's styles, printing the page prints one sheet per page at its real size (named @page
 * rules, so the host's own print settings are left alone).
 */
export function SerialLabels({
  units,
  numbers,
  productName = '',
  date,
  symbology = 'code128',
  sheet = 'thermal-58x40',
  messages,
  className,
  classNames,
}: SerialLabelsProps) {
  const text = { ...defaultSerialLabelsMessages, ...messages };
  const laidOut = useMemo(() => {
    const list: LabelUnit[] =
      units?.map((u) => ({ ...u })) ??
      (numbers ?? []).map((serial) => ({ serial, productName, date: date ?? null }));
    try {
      return { pages: layoutLabels(list, { symbology, sheet }), list };
    } catch (error) {
      if (error instanceof UnencodableError) return { refused: error.text, list };
      throw error;
    }
  }, [units, numbers, productName, date, symbology, sheet]);

  const root = cx('sg-serial-labels', className);
  if ('refused' in laidOut)
    return (
      <div className={root} data-sheet={sheet}>
        <p role="alert" className={cx('sg-serial-labels-error', classNames?.error)}>
          {text.unencodable(laidOut.refused ?? '', symbology)}
        </p>
      </div>
    );
  const pages: LabelPage[] = laidOut.pages;
  if (pages.length === 0)
    return (
      <div className={root} data-sheet={sheet}>
        <p className={cx('sg-serial-labels-empty')}>{text.empty}</p>
      </div>
    );
  const perPage = Math.ceil(laidOut.list.length / pages.length);
  return (
    <div className={root} data-sheet={sheet} data-symbology={symbology}>
      {pages.map((page, index) => (
        <div
          key={index}
          role="img"
          aria-label={text.page(
            index + 1,
            pages.length,
            laidOut.list.slice(index * perPage, (index + 1) * perPage).map((u) => u.serial),
          )}
          className={cx('sg-serial-labels-page', classNames?.page)}
          // Our own SVG: every text in it is XML-escaped by the layout, so it carries no markup.
          dangerouslySetInnerHTML={{ __html: pageToSvg(page) }}
        />
      ))}
    </div>
  );
}

// The re-declared types stay in step with the layout's own.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesAgree: [Same<SerialLabelsSymbology, Symbology>, Same<SerialLabelsSheet, SheetName>] = [true, true];
void typesAgree;
