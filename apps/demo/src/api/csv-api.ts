import { loadDemoConfig } from './demo-client';

let config: ReturnType<typeof loadDemoConfig> | undefined;
/** The demo key (fetched once); the CSV routes take the same `Authorization: Bearer` as /graphql. */
async function authorization(): Promise<string> {
  config ??= loadDemoConfig();
  return `Bearer ${(await config).apiKey}`;
}

/** A refusal of a CSV route: the JSON GraphQL error body every route answers with. */
export class CsvRouteError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly serials: string[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function refusalOf(status: number, body: unknown): CsvRouteError {
  const first = (body as { errors?: { message: string; extensions?: Record<string, unknown> }[] })
    ?.errors?.[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : `HTTP_${status}`;
  const serials = Array.isArray(first?.extensions?.serials) ? (first.extensions.serials as string[]) : [];
  return new CsvRouteError(
    code,
    first?.message ?? `The server answered ${status}.`,
    serials,
    first?.extensions,
  );
}

/**
 * Downloads a streamed export (GET /export/…): fetched with the demo key, saved from a blob. The
 * server streams it row by row, so even a million units never sit in the API's memory.
 */
export async function downloadExport(
  path: string,
  params: Record<string, string | string[] | null | undefined>,
) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    for (const v of Array.isArray(value) ? value : value ? [value] : []) query.append(name, v);
  const response = await fetch(`${path}${query.size ? `?${query}` : ''}`, {
    headers: { authorization: await authorization() },
  });
  if (!response.ok) throw refusalOf(response.status, await response.json().catch(() => null));
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export.csv';
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** What the server reports while an import runs (one NDJSON line each). */
export interface ImportProgress {
  phase: 'uploading' | 'reading' | 'checking' | 'posting';
  bytes?: number;
  rows?: number;
  receipt?: number;
  receipts?: number;
  /** Uploading: bytes sent of the file's size. */
  total?: number;
}

export interface ImportVerdictRow {
  line: number;
  sku: string;
  serial: string;
  warehouse: string;
  verdict: string;
  message?: string;
}

export interface ImportReport {
  sha256: string;
  bytes: number;
  rows: number;
  okRows: number;
  refusedRows: number;
  verdictCounts: Record<string, number>;
  receipts: { warehouse: string; units: number }[];
  importedAs: string[];
  verdicts: ImportVerdictRow[];
}

export interface ImportResult {
  replayed: boolean;
  rows: number;
  documents: { id: string; number: string; warehouse: string; units: number }[];
}

/**
 * POST /import/receipt with the file as text/csv, asking for NDJSON progress: the upload's own
 * progress comes from the browser (XHR upload events), the server's (rows read, checking, receipt i
 * of n) from the lines it writes while it works; the last line is the outcome.
 */
export async function importReceipt<T extends ImportReport | ImportResult>(
  file: File,
  options: { dryRun: boolean },
  onProgress: (progress: ImportProgress) => void,
): Promise<T> {
  const key = await authorization();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/import/receipt${options.dryRun ? '?dryRun=true' : ''}`);
    xhr.setRequestHeader('authorization', key);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/x-ndjson');
    let seen = 0;
    let result: { status: number } & Record<string, unknown> = { status: 0 };
    const readLines = () => {
      const text = xhr.responseText;
      const end = text.lastIndexOf('\n') + 1;
      for (const line of text.slice(seen, end).split('\n')) {
        if (!line.trim()) continue;
        const message = JSON.parse(line) as { type: string; status: number } & Record<string, unknown>;
        if (message.type === 'progress') onProgress(message as unknown as ImportProgress);
        else result = message;
      }
      seen = end;
    };
    xhr.upload.onprogress = (e) => onProgress({ phase: 'uploading', bytes: e.loaded, total: e.total });
    xhr.onprogress = readLines;
    xhr.onerror = () =>
      reject(new CsvRouteError('NETWORK', 'The server did not answer; check that it still runs.'));
    xhr.onload = () => {
      try {
        readLines();
      } catch {
        return reject(new CsvRouteError(`HTTP_${xhr.status}`, `The server answered ${xhr.status}.`));
      }
      if (result.status === 200) resolve(result as unknown as T);
      else reject(refusalOf(result.status || xhr.status, result));
    };
    xhr.send(file);
  });
}
