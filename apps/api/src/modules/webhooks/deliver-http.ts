import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { guardedLookup, isPrivateAddress, RefusedAddressError } from './destination';
import { RESPONSE_EXCERPT_BYTES } from './webhooks-config';

/** What one attempt came to, as the delivery log keeps it. */
export interface AttemptOutcome {
  ok: boolean;
  /** The receiver's HTTP status; null when no response came. */
  responseStatus: number | null;
  /** The first {@link RESPONSE_EXCERPT_BYTES} bytes of the response body (never more is read). */
  responseExcerpt: string | null;
  durationMs: number;
  /** Why no 2xx came, in words for the log (no stack, no secret). */
  error: string | null;
}

/**
 * POSTs `body` to `url` once: no redirect is followed (a 3xx is a failure: the address it names was
 * never checked), the whole attempt (connect, send, response head and excerpt) is bounded by
 * `timeoutMs`, and the address connected to is checked against the private ranges unless allowed.
 */
export function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; allowPrivate: boolean },
): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<AttemptOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const failed = (error: string, responseStatus: number | null = null) =>
      finish({ ok: false, responseStatus, responseExcerpt: null, error });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return failed('invalid url');
    }
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(target, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'serialgraph-webhooks/1',
      },
      lookup: guardedLookup(opts.allowPrivate) as never,
      // One connection per attempt: a kept-alive socket would skip the connect check below.
      agent: false,
    });
    const timer = setTimeout(() => {
      failed(`timed out after ${opts.timeoutMs} ms`);
      req.destroy();
    }, opts.timeoutMs);
    req.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        const address = socket.remoteAddress ?? '';
        // DNS rebinding: what matters is the address connected to, not what a lookup once said.
        if (!opts.allowPrivate && isPrivateAddress(address)) req.destroy(new RefusedAddressError(address));
      });
    });
    req.on('error', (error) => failed(describe(error)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let kept = 0;
      const done = () => {
        const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
        const ok = status >= 200 && status < 300;
        finish({
          ok,
          responseStatus: status,
          responseExcerpt: excerpt,
          error: ok ? null : `HTTP ${status}`,
        });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        if (kept >= RESPONSE_EXCERPT_BYTES) return;
        chunks.push(chunk);
        kept += chunk.length;
        // Enough read: the rest of the body is never downloaded.
        if (kept >= RESPONSE_EXCERPT_BYTES) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end(body);
  });
}

/** A transport error in words: its kind, never a stack. */
function describe(error: Error): string {
  if (error instanceof RefusedAddressError || error.name === 'RefusedAddressError') return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `connection failed (${code})` : `connection failed (${error.name})`;
}
