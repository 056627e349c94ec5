import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { DomainError, ErrorCode, ImportRowVerdict, importVerdictMessages } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { badInput } from '../../common/errors';
import { idOf, toGlobalId } from '../../common/global-id';
import { LIMITS } from '../../common/input-limits';
import { createLoaders } from '../../common/loaders';
import { textProblem } from '../../common/text-input';
import type { Database } from '../../db/database';
import type { ApiKey } from '../auth/api-key.entity';
import type { CsvOptions } from './csv-config';
import type { ImportProgress } from './import-answer';
import { checkImportRows, lookUpReferences, type CheckedRow } from './import-check';
import { planReceipts, postedReceipts, postReceipts, type ImportOptions } from './import-post';
import { mappingFromQuery, readImportFile } from './import-reader';

/** The query parameters an import takes. */
const PARAMETERS = new Set([
  'dryRun',
  'supplierId',
  'reference',
  'skuColumn',
  'serialColumn',
  'warehouseColumn',
  'unitCostColumn',
  'internalCodeColumn',
]);

/** Most rows one file may hold: one receipt's budget (a posting of 100,000 serials). */
export const MAX_IMPORT_ROWS = LIMITS.serialsPerDocument;

/**
 * One import: read and hash the file as it arrives, then either replay an earlier import of the
 * same file, report every row's verdict (dry run), refuse the whole file when any row is not OK
 * (IMPORT_REFUSED, nothing written: the report names every row), or post it.
 */
export async function runImport(
  db: Database,
  key: ApiKey,
  req: Request,
  limits: CsvOptions,
  progress: (progress: ImportProgress) => void,
): Promise<object> {
  const query = req.query as Record<string, unknown>;
  for (const name of Object.keys(query))
    if (!PARAMETERS.has(name))
      throw badInput(`Unknown import parameter "${name.slice(0, 50)}".`, { field: name.slice(0, 50) });
  const dryRun = query.dryRun === 'true' || query.dryRun === '1';
  const options = importOptions(query);
  const mapping = mappingFromQuery(query);
  progress({ phase: 'reading', bytes: 0, rows: 0 });
  const file = await readImportFile(req, {
    maxBytes: limits.maxImportBytes,
    maxRows: MAX_IMPORT_ROWS,
    mapping,
    onProgress: (p) => progress({ phase: 'reading', ...p }),
  });
  progress({ phase: 'checking', bytes: file.bytes, rows: file.rows.length });
  const em = db.orm.em.fork() as EntityManager;
  const ctx: RequestContext = {
    em,
    organizationId: key.organizationId,
    actor: key.name,
    role: key.role,
    loaders: createLoaders(em, key.organizationId),
  };
  const references = await lookUpReferences(em, key.organizationId, file.rows);
  const resolvable = file.rows.every(
    (r) =>
      references.products.has(r.sku.toLowerCase()) && references.warehouses.has(r.warehouse.toLowerCase()),
  );
  const receipts = resolvable ? planReceipts(file, references, options) : [];
  const earlier = receipts.length ? await postedReceipts(em, key.organizationId, receipts) : [];
  const summary = { sha256: file.sha256, bytes: file.bytes, rows: file.rows.length };
  if (earlier.length && !dryRun) return posted(summary, receipts, await postReceipts(ctx, receipts), true);

  const checked = await checkImportRows(em, key.organizationId, file.rows, references);
  const refused = checked.filter((c) => c.verdict !== ImportRowVerdict.OK);
  const report = {
    ...summary,
    okRows: checked.length - refused.length,
    refusedRows: refused.length,
    verdictCounts: countVerdicts(checked),
    receipts: receipts.map((r) => ({ warehouse: r.warehouse.code, units: r.units })),
    importedAs: earlier.map((d) => d.number),
  };
  if (dryRun) return { dryRun: true, ...report, verdicts: checked.map(verdictRow) };
  if (refused.length)
    throw new DomainError(
      ErrorCode.IMPORT_REFUSED,
      `${refused.length} of ${checked.length} rows cannot be received (${Object.entries(report.verdictCounts)
        .filter(([v]) => v !== 'OK')
        .map(([v, n]) => `${n} ${v}`)
        .join(', ')}); nothing was recorded`,
      refused.map((c) => c.row.serial),
      { ...report, verdicts: refused.map(verdictRow) },
    );
  const documents = await postReceipts(ctx, receipts, (i) =>
    progress({ phase: 'posting', receipt: i + 1, receipts: receipts.length }),
  );
  return posted(summary, receipts, documents, false);
}

function importOptions(query: Record<string, unknown>): ImportOptions {
  const supplierId = typeof query.supplierId === 'string' && query.supplierId ? query.supplierId : null;
  if (supplierId) idOf('Party', supplierId, 'supplierId'); // a malformed id is NOT_FOUND before the upload is read
  const reference = typeof query.reference === 'string' ? query.reference.trim() || null : null;
  if (reference) {
    const problem = textProblem(reference, false, LIMITS.reference);
    if (problem) throw badInput(`reference ${problem}.`, { field: 'reference' });
  }
  return { supplierId, reference };
}

function countVerdicts(checked: readonly CheckedRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of checked) counts[c.verdict] = (counts[c.verdict] ?? 0) + 1;
  return counts;
}

function verdictRow(c: CheckedRow) {
  return {
    line: c.row.line,
    sku: c.row.sku,
    serial: c.row.serial,
    warehouse: c.row.warehouse,
    verdict: c.verdict,
    ...(c.verdict === ImportRowVerdict.OK ? {} : { message: importVerdictMessages[c.verdict] }),
  };
}

function posted(
  summary: object,
  receipts: ReturnType<typeof planReceipts>,
  documents: { id: string; number: string }[],
  replayed: boolean,
) {
  return {
    ...summary,
    replayed,
    documents: documents.map((d, i) => ({
      id: toGlobalId('Document', d.id),
      number: d.number,
      warehouse: receipts[i]!.warehouse.code,
      units: receipts[i]!.units,
    })),
  };
}
