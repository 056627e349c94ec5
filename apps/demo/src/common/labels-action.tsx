import { useEffect, useState, type ReactNode } from 'react';
import { useDemoConfig } from '../api/demo-config-context';
import {
  fetchLabelsPdf,
  LabelsRefused,
  type LabelSheet,
  type LabelSource,
  type LabelSymbology,
} from '../api/labels-client';
import { RefusalMessage, toRefusal, type Refusal } from './api-refusal';
import { Field } from './fields';

const SYMBOLOGIES: { value: LabelSymbology; label: string }[] = [
  { value: 'code128', label: 'Code 128' },
  { value: 'datamatrix', label: 'DataMatrix' },
  { value: 'qr', label: 'QR code' },
];
const SHEETS: { value: LabelSheet; label: string }[] = [
  { value: 'thermal-58x40', label: 'Thermal label 58 × 40 mm' },
  { value: 'a4', label: 'A4 sheet, 3 × 8 labels' },
];

/** A printed file, kept as a blob URL while the action is on screen. */
interface Printed {
  url: string;
  file: string;
  bytes: number;
}

/** The clerk's choice of barcode and sheet, for a preview drawn in the page. */
export interface LabelsChoice {
  symbology: LabelSymbology;
  sheet: LabelSheet;
}

/**
 * "Print labels": the clerk picks the barcode and the sheet, the API draws the PDF (GET/POST
 * /labels with the demo's key), and it opens in a new tab to print, with a link to open or save it
 * again. `name` names the file and the section (a document number, a serial, "reserved numbers").
 * `preview` draws the same labels in the page (SerialLabels), behind a "Preview" disclosure.
 */
export function LabelsAction({
  source,
  name,
  preview,
}: {
  source: LabelSource;
  name: string;
  preview?: (choice: LabelsChoice) => ReactNode;
}) {
  const config = useDemoConfig();
  const [symbology, setSymbology] = useState<LabelSymbology>('code128');
  const [sheet, setSheet] = useState<LabelSheet>('thermal-58x40');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [printed, setPrinted] = useState<Printed | null>(null);
  // The blob stays reachable while its link is shown; a new print or leaving the screen frees it.
  useEffect(() => {
    if (!printed) return;
    const { url } = printed;
    return () => URL.revokeObjectURL(url);
  }, [printed]);

  const print = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const pdf = await fetchLabelsPdf(config, { source, symbology, sheet });
      const url = URL.createObjectURL(pdf);
      setPrinted({ url, file: `labels-${fileStem(name)}.pdf`, bytes: pdf.size });
      // Opened at once to print (our own PDF, same origin); a popup blocker leaves the link below.
      window.open(url, '_blank');
    } catch (error) {
      setPrinted(null);
      setRefusal(error instanceof LabelsRefused ? error.refusal : toRefusal(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="labels-action" aria-label={`Labels for ${name}`}>
      <div className="form-grid">
        <Field label="Barcode">
          {(id) => (
            <select
              id={id}
              value={symbology}
              onChange={(e) => {
                setSymbology(e.target.value as LabelSymbology);
                setPrinted(null);
              }}
            >
              {SYMBOLOGIES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Sheet">
          {(id) => (
            <select
              id={id}
              value={sheet}
              onChange={(e) => {
                setSheet(e.target.value as LabelSheet);
                setPrinted(null);
              }}
            >
              {SHEETS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void print()}>
            {busy ? 'Preparing labels…' : 'Print labels'}
          </button>
        </div>
      </div>
      {preview ? (
        <details className="labels-preview">
          <summary>Preview the labels</summary>
          {preview({ symbology, sheet })}
        </details>
      ) : null}
      <RefusalMessage refusal={refusal} />
      {printed ? (
        <p className="labels-ready" role="status">
          Labels ready ({formatBytes(printed.bytes)}):{' '}
          <a href={printed.url} target="_blank" rel="noopener noreferrer">
            open {printed.file}
          </a>{' '}
          or{' '}
          <a href={printed.url} download={printed.file}>
            save it
          </a>
          .
        </p>
      ) : null}
    </section>
  );
}

/** A file name from a document number or serial: letters, digits, dots and dashes only. */
const fileStem = (name: string) => name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'units';

const formatBytes = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;
