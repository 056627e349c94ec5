import type { EntityManager } from '@mikro-orm/postgresql';
import { isDomainError, ErrorCode, type DomainError } from '@serialgraph/domain';
import { layoutLabelsPausing, pagesToSvg, UnencodableError } from '@serialgraph/labels';
import cors from 'cors';
import type { Express, RequestHandler, Response } from 'express';
import { breathe } from '../../common/slices';
import { isTransientDatabaseError } from '../../common/transient';
import type { Database } from '../../db/database';
import { authenticateRequests, callerKey, sendUnauthenticated } from '../../http/authenticate';
import { sendGraphQLError } from '../../http/graphql-error-response';
import { sendServiceUnavailable } from '../../http/http-errors';
import { jsonBody } from '../../http/json-body';
import type { RateLimiter } from '../../http/rate-limit';
import { parseLabelRequest } from './label-request';
import { loadLabelUnits } from './label-units';
import { labelsPdf } from './labels-pdf';

const STATUS: Partial<Record<DomainError['code'], number>> = {
  [ErrorCode.NOT_FOUND]: 404,
};

/**
 * GET /labels?… (or POST /labels with the same parameters as JSON, for long lists): printable
 * labels as SVG or PDF. Same key, rate limit, body limit and organization scope as /graphql;
 * refusals are the same JSON errors.
 */
export function mountLabels(app: Express, db: Database, limiter: RateLimiter, maxBodyBytes: number): void {
  app.all(
    '/labels',
    cors(),
    authenticateRequests(db, limiter),
    jsonBody(maxBodyBytes),
    db.gate.middleware,
    labelsHandler(db),
  );
}

function labelsHandler(db: Database): RequestHandler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.set('allow', 'GET, POST');
      return sendGraphQLError(res, 405, ErrorCode.BAD_REQUEST, {
        message: 'Ask for labels with GET or POST.',
      });
    }
    const key = callerKey(res);
    if (!key) return sendUnauthenticated(res);
    db.gate.enterOrganization(key.organizationId);
    try {
      const request = parseLabelRequest(req.method === 'GET' ? req.query : req.body);
      const em = db.orm.em.fork() as EntityManager;
      const units = await loadLabelUnits(em, key.organizationId, request.source);
      const pages = await layoutLabelsPausing(units, request, breathe);
      if (request.format === 'pdf')
        return sendFile(res, 'application/pdf', 'labels.pdf', await labelsPdf(pages, breathe));
      sendFile(res, 'image/svg+xml; charset=utf-8', 'labels.svg', pagesToSvg(pages));
    } catch (error) {
      refuse(res, error);
    }
  };
}

function sendFile(res: Response, type: string, name: string, body: string | Buffer): void {
  res
    .status(200)
    .set({
      'content-type': type,
      'content-disposition': `inline; filename="${name}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // An SVG opened from this origin runs nothing and loads nothing.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
    .send(body);
}

function refuse(res: Response, error: unknown): void {
  if (error instanceof UnencodableError)
    return sendGraphQLError(res, 400, ErrorCode.BAD_USER_INPUT, {
      message: `This serial cannot be encoded as ${error.symbology}; choose datamatrix or qr: ${error.text}`,
      extensions: { serials: [error.text], field: 'symbology' },
    });
  if (isDomainError(error))
    return sendGraphQLError(res, STATUS[error.code] ?? 400, error.code, {
      message: error.message,
      extensions: { ...(error.serials ? { serials: error.serials } : {}), ...error.details },
    });
  if (isTransientDatabaseError(error)) return sendServiceUnavailable(res, error);
  throw error; // handleHttpErrors: a masked 500 with an error id
}
