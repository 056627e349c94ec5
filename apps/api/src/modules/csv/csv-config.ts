import { wholeFromEnv } from '../../common/env-numbers';

/** Limits of the CSV routes (README, Environment). */
export interface CsvOptions {
  /**
   * Longest one fetch of an export may run, in ms (SERIALGRAPH_EXPORT_STATEMENT_TIMEOUT_MS). An
   * export reads through a cursor in batches and PostgreSQL times each fetch on its own, so this
   * bounds the slowest batch (the first one sorts), not the whole download.
   */
  exportStatementTimeoutMs: number;
  /** An export whose client reads nothing for this long is ended and its connection returned, in ms (SERIALGRAPH_EXPORT_STALL_TIMEOUT_MS). */
  exportStallTimeoutMs: number;
  /** Largest CSV file an import reads, in bytes (SERIALGRAPH_MAX_IMPORT_BYTES). */
  maxImportBytes: number;
  /**
   * Exports one organization may run at once in this process (SERIALGRAPH_MAX_EXPORTS_PER_ORGANIZATION).
   * Each holds a database connection for as long as its client reads, so one organization's
   * downloads must not take every connection the others need.
   */
  maxExportsPerOrganization: number;
}

/**
 * 32 MiB: 100,000 rows (the most one import takes) of the longest SKU, serial, warehouse code, cost
 * and internal code fit in about 25 MB; a typical row is under 80 bytes.
 */
export const DEFAULT_CSV_OPTIONS: CsvOptions = {
  exportStatementTimeoutMs: 60_000,
  exportStallTimeoutMs: 60_000,
  maxImportBytes: 32 * 1024 * 1024,
  maxExportsPerOrganization: 2,
};

const VARIABLES: Record<keyof CsvOptions, string> = {
  exportStatementTimeoutMs: 'SERIALGRAPH_EXPORT_STATEMENT_TIMEOUT_MS',
  exportStallTimeoutMs: 'SERIALGRAPH_EXPORT_STALL_TIMEOUT_MS',
  maxImportBytes: 'SERIALGRAPH_MAX_IMPORT_BYTES',
  maxExportsPerOrganization: 'SERIALGRAPH_MAX_EXPORTS_PER_ORGANIZATION',
};

/** The CSV limits from the environment; a value that is not a positive whole number stops the start-up. */
export function readCsvOptions(env: NodeJS.ProcessEnv = process.env): CsvOptions {
  const options = { ...DEFAULT_CSV_OPTIONS };
  for (const [key, name] of Object.entries(VARIABLES) as [keyof CsvOptions, string][]) {
    options[key] = wholeFromEnv(env, name, options[key], 1);
  }
  return options;
}
