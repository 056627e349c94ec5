import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { DomainError, ErrorCode } from '@serialgraph/domain';
import { badInput } from '../../common/errors';
import { LIMITS } from '../../common/input-limits';

/** One row of an import file, as written (trimmed); `line` is its line in the file (header = 1). */
export interface ImportRow {
  line: number;
  sku: string;
  serial: string;
  warehouse: string;
  unitCost: string | null;
  internalCode: string | null;
}

export type ImportField = 'sku' | 'serial' | 'warehouse' | 'unitCost' | 'internalCode';
const REQUIRED: readonly ImportField[] = ['sku', 'serial', 'warehouse'];
const FIELDS: readonly ImportField[] = [...REQUIRED, 'unitCost', 'internalCode'];

/** Header names each field is found under unless the request maps it (compared ignoring case, spaces, _ and -). */
const DEFAULT_HEADERS: Record<ImportField, string[]> = {
  sku: ['sku', 'productsku'],
  serial: ['serial', 'serialnumber', 'number'],
  warehouse: ['warehouse', 'warehousecode'],
  unitCost: ['unitcost', 'cost'],
  internalCode: ['internalcode', 'assettag'],
};

/** The header mapping of a request: `?skuColumn=Article&serialColumn=S/N…`; null where the defaults apply. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

export function mappingFromQuery(query: Record<string, unknown>): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of FIELDS) {
    const value = query[`${field}Column`];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !value.trim() || value.length > LIMITS.name)
      throw badInput(`${field}Column is one header name of at most ${LIMITS.name} characters.`, {
        field: `${field}Column`,
      });
    mapping[field] = value;
  }
  return mapping;
}

const squash = (header: string) => header.toLowerCase().replace(/[\s_-]+/g, '');

/** Where each field is in the header row; a required field that is missing is refused, naming what was found. */
function columnsFor(header: string[], mapping: ColumnMapping): (ImportField | false)[] {
  const names = header.map(squash);
  const columns: (ImportField | false)[] = header.map(() => false);
  for (const field of FIELDS) {
    const wanted = mapping[field] ? [squash(mapping[field])] : DEFAULT_HEADERS[field];
    const at = names.findIndex((name) => wanted.includes(name));
    if (at >= 0 && columns[at] === false) columns[at] = field;
    else if (REQUIRED.includes(field) || mapping[field]) {
      const shown = header.slice(0, 30).map((h) => JSON.stringify(h.slice(0, 50)));
      throw badInput(
        `The file has no ${mapping[field] ? `"${mapping[field]}"` : field} column (the ${field} field); its header is ${shown.join(', ')}. Map it with ${field}Column=<header>.`,
        { field: `${field}Column` },
      );
    }
  }
  return columns;
}

export interface ImportFile {
  rows: ImportRow[];
  /** Hex SHA-256 of the bytes as sent: the file's identity for idempotency. */
  sha256: string;
  bytes: number;
}

export interface ReadOptions {
  maxBytes: number;
  maxRows: number;
  mapping: ColumnMapping;
  /** Called every few thousand rows and at the end. */
  onProgress?: (progress: { bytes: number; rows: number }) => void;
}

const PROGRESS_EVERY_ROWS = 5000;

/**
 * Reads an import file as it arrives (csv-parse, streamed): hashes the bytes, stops at `maxBytes`
 * (413) and `maxRows`, and keeps only the five fields of each row. A malformed file is refused with
 * the line csv-parse stopped at.
 */
export async function readImportFile(body: Readable, options: ReadOptions): Promise<ImportFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) return done(fileTooLarge(options.maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const parser = parse({
    bom: true,
    columns: (header: string[]) => columnsFor(header, options.mapping),
    skip_empty_lines: true,
    trim: true,
    info: true,
    max_record_size: 64 * 1024,
  });
  body.on('error', (error) => meter.destroy(error));
  body
    .pipe(meter)
    .on('error', (error) => parser.destroy(error))
    .pipe(parser);
  const rows: ImportRow[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Partial<Record<ImportField, string>>;
      info: { lines: number };
    }>) {
      if (rows.length === options.maxRows)
        throw new DomainError(
          ErrorCode.PAYLOAD_TOO_LARGE,
          `The file has more than ${options.maxRows} rows, the most one import takes; split it into smaller files.`,
          undefined,
          { maxRows: options.maxRows },
        );
      rows.push({
        line: info.lines,
        sku: record.sku ?? '',
        serial: record.serial ?? '',
        warehouse: record.warehouse ?? '',
        unitCost: record.unitCost || null,
        internalCode: record.internalCode || null,
      });
      if (rows.length % PROGRESS_EVERY_ROWS === 0) options.onProgress?.({ bytes, rows: rows.length });
    }
  } catch (error) {
    body.unpipe(meter);
    body.resume(); // drain what is left, so the refusal can still be answered on this connection
    if (error instanceof CsvError)
      throw badInput(`The file is not valid CSV: ${error.message.slice(0, 300)}`, {
        line: (error as CsvError & { lines?: number }).lines,
      });
    throw error;
  }
  if (bytes === 0 || rows.length === 0)
    throw badInput('The file has no rows: send a header line and one line per unit.');
  options.onProgress?.({ bytes, rows: rows.length });
  return { rows, sha256: hash.digest('hex'), bytes };
}

export function fileTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    ErrorCode.PAYLOAD_TOO_LARGE,
    `The file is larger than the limit of ${maxBytes} bytes (SERIALGRAPH_MAX_IMPORT_BYTES); split it into smaller files.`,
    undefined,
    { maxBytes },
  );
}
