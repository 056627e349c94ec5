import type { EntityManager } from '@mikro-orm/postgresql';
import cors from 'cors';
import type { Express, Request, RequestHandler, Response } from 'express';
import { DomainError, ErrorCode } from '@serialgraph/domain';
import { badInput, notFound } from '../../common/errors';
import { idOf } from '../../common/global-id';
import { sqlOne } from '../../common/sql';
import type { Database } from '../../db/database';
import { authenticateRequests, callerKey, sendUnauthenticated } from '../../http/authenticate';
import type { RateLimiter } from '../../http/rate-limit';
import { noteOutcome } from '../../observability/request-context';
import type { ApiKey } from '../auth/api-key.entity';
import { roleAllows } from '../auth/auth.service';
import { recallFilter } from '../serial/serial-query.service';
import { DEFAULT_CSV_OPTIONS, type CsvOptions } from './csv-config';
import { refusalFor } from './csv-refusal';
import { documentUnitsExport, recallExport, serialsExport } from './export-queries';
import { serialFilterFromQuery } from './export-filter';
import { ExportSlots } from './export-slots';
import { streamCsv, type ExportQuery } from './export-stream';
import { importAnswer } from './import-answer';
import { runImport } from './import-run';

/**
 * The CSV routes, with the same key, rate limit and organization scope as /graphql:
 * `GET /export/serials.csv?<SerialFilter fields>`, `GET /export/recall.csv?<the recall's criteria>`,
 * `GET /export/documents/<id>/units.csv` (streamed, at most `maxExportsPerOrganization` at once)
 * and `POST /import/receipt` (a text/csv body, streamed; `?dryRun=true` for the per-row report).
 */
export function mountCsv(
  app: Express,
  db: Database,
  limiter: RateLimiter,
  options: Partial<CsvOptions> = {},
): void {
  const limits = { ...DEFAULT_CSV_OPTIONS, ...options };
  const guard = [cors(), authenticateRequests(db, limiter), db.gate.middleware];
  const slots = new ExportSlots(limits.maxExportsPerOrganization);
  app.get(
    '/export/serials.csv',
    ...guard,
    exportHandler(db, limits, slots, (key, req) =>
      serialsExport(key.organizationId, serialFilterFromQuery(req.query)),
    ),
  );
  app.get(
    '/export/recall.csv',
    ...guard,
    exportHandler(db, limits, slots, (key, req) =>
      recallExport(key.organizationId, recallFilter(serialFilterFromQuery(req.query))),
    ),
  );
  app.get(
    '/export/documents/:id/units.csv',
    ...guard,
    exportHandler(db, limits, slots, async (key, req) => {
      if (Object.keys(req.query).length) throw badInput('This export takes no parameters.');
      const id = String(req.params.id);
      const document = await sqlOne<{ id: string; number: string }>(
        db.orm.em.fork() as EntityManager,
        `select d.id, d.number from document d where d.organization_id = ? and d.id = ?`,
        [key.organizationId, idOf('Document', id)],
      );
      if (!document) throw notFound(`Document ${id.slice(0, 100)}`);
      return documentUnitsExport(key.organizationId, document);
    }),
  );
  app.post('/import/receipt', ...guard, importHandler(db, limits));
  // Browsers ask first (an Authorization header, a text/csv body).
  for (const path of [
    '/export/serials.csv',
    '/export/recall.csv',
    '/export/documents/:id/units.csv',
    '/import/receipt',
  ])
    app.options(path, cors());
}

function exportHandler(
  db: Database,
  limits: CsvOptions,
  slots: ExportSlots,
  queryFor: (key: ApiKey, req: Request) => ExportQuery | Promise<ExportQuery>,
): RequestHandler {
  return async (req, res) => {
    const key = callerKey(res);
    if (!key) return sendUnauthenticated(res);
    db.gate.enterOrganization(key.organizationId);
    let release = () => {};
    try {
      const query = await queryFor(key, req);
      release = slots.take(key.organizationId);
      await streamCsv(
        db,
        req,
        res,
        key.organizationId,
        query,
        { statementTimeoutMs: limits.exportStatementTimeoutMs, stallTimeoutMs: limits.exportStallTimeoutMs },
        release,
      );
    } catch (error) {
      answerRefusal(res, error);
    } finally {
      release();
    }
  };
}

function importHandler(db: Database, limits: CsvOptions): RequestHandler {
  return async (req, res) => {
    const key = callerKey(res);
    if (!key) return sendUnauthenticated(res);
    db.gate.enterOrganization(key.organizationId);
    const answer = importAnswer(req, res);
    try {
      if (!roleAllows(key.role, 'clerk'))
        throw new DomainError(ErrorCode.FORBIDDEN, 'Importing a receipt needs a clerk or admin key.');
      if (!isCsv(req.headers['content-type']))
        throw new DomainError(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          'Send the file itself as the body with Content-Type: text/csv (UTF-8).',
        );
      const announced = Number(req.headers['content-length']);
      if (announced > limits.maxImportBytes)
        throw new DomainError(
          ErrorCode.PAYLOAD_TOO_LARGE,
          `The file is larger than the limit of ${limits.maxImportBytes} bytes (SERIALGRAPH_MAX_IMPORT_BYTES); split it into smaller files.`,
          undefined,
          { maxBytes: limits.maxImportBytes },
        );
      const outcome = await runImport(db, key, req, limits, answer.progress);
      answer.done(200, outcome);
    } catch (error) {
      const refusal = refusalFor(error);
      // An upload cut short is not read to its end: the connection closes after the answer.
      if (refusal.status === 413 && !res.headersSent) res.set('connection', 'close');
      noteOutcome(refusal.body.errors[0]!.extensions.code as ErrorCode);
      answer.done(refusal.status, refusal.body, refusal.headers);
    }
  };
}

function isCsv(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'text/csv' || mediaType === 'application/csv';
}

function answerRefusal(res: Response, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const refusal = refusalFor(error);
  noteOutcome(refusal.body.errors[0]!.extensions.code as ErrorCode);
  res.status(refusal.status).set(refusal.headers).json(refusal.body);
}
