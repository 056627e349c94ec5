import { useState } from 'react';
import { ImportRowVerdict, importVerdictMessages } from '@serialgraph/domain';
import {
  CsvRouteError,
  importReceipt,
  type ImportProgress,
  type ImportReport,
  type ImportResult,
} from '../api/csv-api';
import { Field, ScreenHeader } from '../common/fields';
import { Link } from '../common/router';

/** Rows shown in the report table; the counts above it cover the whole file. */
const SHOWN_ROWS = 500;

const phaseLabels: Record<ImportProgress['phase'], string> = {
  uploading: 'Uploading',
  reading: 'Reading rows',
  checking: 'Checking every row',
  posting: 'Receiving',
};

/** How far along an import is, as a share of the bar: upload first, then the server's phases. */
function progressShare(p: ImportProgress | null, fileSize: number): number {
  if (!p) return 0;
  if (p.phase === 'uploading') return 0.5 * (p.total ? (p.bytes ?? 0) / p.total : 0);
  if (p.phase === 'reading') return 0.5 + 0.2 * (fileSize ? Math.min(1, (p.bytes ?? 0) / fileSize) : 0);
  if (p.phase === 'checking') return 0.75;
  return 0.8 + 0.2 * (((p.receipt ?? 1) - 1) / (p.receipts ?? 1));
}

function progressText(p: ImportProgress | null): string {
  if (!p) return '';
  const parts = [phaseLabels[p.phase]];
  if (p.phase === 'uploading' && p.total) parts.push(`${Math.round(((p.bytes ?? 0) / p.total) * 100)} %`);
  if (p.rows) parts.push(`${p.rows.toLocaleString()} rows`);
  if (p.phase === 'posting' && p.receipts) parts.push(`receipt ${p.receipt} of ${p.receipts}`);
  return parts.join(' · ');
}

/**
 * Import: an opening balance or a receipt from a CSV file (SKU, serial, warehouse code, unit cost,
 * internal code). Check it first: every row gets a verdict and nothing is recorded. Post it when
 * every row is OK: one receipt per warehouse, all or nothing; sending the same file again answers
 * with the same receipts.
 */
export function ImportScreen() {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<CsvRouteError | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    setResult(null);
    if (dryRun) setReport(null);
    setProgress(null);
    try {
      const answer = await importReceipt(file, { dryRun }, setProgress);
      if (dryRun) setReport(answer as ImportReport);
      else setResult(answer as ImportResult);
    } catch (e) {
      setFailure(e instanceof CsvRouteError ? e : new CsvRouteError('ERROR', String(e)));
    } finally {
      setBusy(false);
    }
  };

  const rows = (report?.verdicts ?? []).filter((r) => !onlyProblems || r.verdict !== ImportRowVerdict.OK);
  const ready = report !== null && report.refusedRows === 0;
  return (
    <div className="screen">
      <ScreenHeader
        title="Import"
        intro="Receive stock from a CSV file: columns sku, serial, warehouse, and optionally unitCost and internalCode (a header line first). Check the file, then receive it: one receipt per warehouse, all rows or none."
      />
      <div className="card filters">
        <Field label="CSV file" className="field-wide">
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setReport(null);
                setResult(null);
                setFailure(null);
                setProgress(null);
              }}
            />
          )}
        </Field>
        <div className="form-actions">
          <button
            type="button"
            className="button-secondary"
            disabled={!file || busy}
            onClick={() => void run(true)}
          >
            Check file
          </button>
          <button
            type="button"
            className="button-primary"
            disabled={!ready || busy}
            onClick={() => void run(false)}
          >
            {report ? `Receive ${report.okRows.toLocaleString()} units` : 'Receive'}
          </button>
        </div>
      </div>
      {busy || progress ? (
        <div className="card import-progress">
          <progress
            max={1}
            value={busy ? progressShare(progress, file?.size ?? 0) : 1}
            aria-label="Import progress"
          />
          <span className="muted">{busy ? progressText(progress) : 'Done'}</span>
        </div>
      ) : null}
      {failure ? (
        <div className="refusal" role="alert" data-code={failure.code}>
          <strong className="refusal-title">
            {failure.code === 'IMPORT_REFUSED' ? 'Some rows cannot be received' : 'Refused'}
          </strong>
          <span className="refusal-message">{failure.message}</span>
          <code className="refusal-code">{failure.code}</code>
        </div>
      ) : null}
      {result ? (
        <div className="notice notice-success" role="status">
          {result.replayed ? 'This file was already received: ' : 'Received: '}
          {result.documents.map((d, i) => (
            <span key={d.id}>
              {i ? ', ' : ''}
              <Link to={`/documents/${d.id}`}>{d.number}</Link> ({d.units} units into {d.warehouse})
            </span>
          ))}
        </div>
      ) : null}
      {report ? (
        <div className="card">
          <p>
            {report.rows.toLocaleString()} rows: {report.okRows.toLocaleString()} ready,{' '}
            {report.refusedRows.toLocaleString()} with a problem.
            {report.importedAs.length
              ? ` This file was already received as ${report.importedAs.join(', ')}.`
              : ''}
            {ready && report.receipts.length
              ? ` It makes ${report.receipts.map((r) => `a receipt of ${r.units} units into ${r.warehouse}`).join(' and ')}.`
              : ''}
          </p>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={onlyProblems}
              onChange={(e) => setOnlyProblems(e.target.checked)}
            />
            <span>Show only rows with a problem</span>
          </label>
          <div className="table-scroll">
            <table className="table" aria-label="Rows of the file">
              <thead>
                <tr>
                  <th className="num">Line</th>
                  <th>SKU</th>
                  <th>Serial</th>
                  <th>Warehouse</th>
                  <th>Verdict</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, SHOWN_ROWS).map((r) => (
                  <tr key={r.line} data-verdict={r.verdict}>
                    <td className="num">{r.line}</td>
                    <td>{r.sku}</td>
                    <td className="mono">{r.serial}</td>
                    <td>{r.warehouse}</td>
                    <td>
                      {r.verdict === ImportRowVerdict.OK ? (
                        'OK'
                      ) : (
                        <span title={importVerdictMessages[r.verdict as ImportRowVerdict]}>
                          <strong>{r.verdict}</strong> {importVerdictMessages[r.verdict as ImportRowVerdict]}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > SHOWN_ROWS ? (
            <p className="muted">
              The first {SHOWN_ROWS} of {rows.length.toLocaleString()} rows are shown.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
