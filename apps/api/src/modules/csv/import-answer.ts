import type { Request, Response } from 'express';

/** Where an import stands: which phase, and how much of the file has been read. */
export interface ImportProgress {
  phase: 'reading' | 'checking' | 'posting';
  bytes?: number;
  rows?: number;
  /** While posting: the receipt being posted (1-based) and how many there are. */
  receipt?: number;
  receipts?: number;
}

export interface ImportAnswer {
  progress(progress: ImportProgress): void;
  done(status: number, body: object, headers?: Record<string, string>): void;
}

/**
 * How an import answers. By default one JSON body with its HTTP status. A client that sends
 * `Accept: application/x-ndjson` gets progress as it happens instead, one JSON object per line
 * (`{"type":"progress","phase":"reading","bytes":…,"rows":…}`, then checking, then posting receipt
 * i of n), and last `{"type":"result","status":<what the HTTP status would have been>,…body}`; the
 * HTTP status is then 200 once progress has started (a refusal before that keeps its own status).
 * Progress rides on the request doing the work: nothing to poll, nothing left behind when the client goes.
 */
export function importAnswer(req: Request, res: Response): ImportAnswer {
  const streaming = /\bapplication\/x-ndjson\b/i.test(req.headers.accept ?? '');
  const line = (value: object) => `${JSON.stringify(value)}\n`;
  return {
    progress(progress) {
      if (!streaming || res.destroyed) return;
      if (!res.headersSent)
        res
          .status(200)
          .set({ 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
      res.write(line({ type: 'progress', ...progress }));
    },
    done(status, body, headers = {}) {
      if (res.destroyed) return;
      if (res.headersSent) {
        res.end(line({ type: 'result', status, ...body }));
        return;
      }
      res.status(status).set(headers);
      if (streaming)
        res
          .set('content-type', 'application/x-ndjson; charset=utf-8')
          .end(line({ type: 'result', status, ...body }));
      else res.json(body);
    },
  };
}
