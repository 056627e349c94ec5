import http from 'node:http';

export interface RawResponse {
  status: number;
  contentType: string | null;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One HTTP request with exactly these headers and body (fetch would fix up what we want wrong). */
export async function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const res = await fetch(url, { method: opts.method ?? 'POST', headers: opts.headers, body: opts.body });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    headers: Object.fromEntries(res.headers),
    text: await res.text(),
  };
}

/**
 * Starts an upload that announces `declaredBytes` but sends only its first chunk, and resolves with
 * the answer the server gives while the rest is still outstanding (or rejects after `timeoutMs`, when
 * the server is waiting for the whole body before answering).
 */
export function answerBeforeUploadEnds(
  url: string,
  headers: Record<string, string>,
  declaredBytes: number,
  timeoutMs = 5_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(declaredBytes), ...headers },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms while the body was still being uploaded`));
    }, timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'] ?? null,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    // The start of a valid JSON document, then nothing more: the server must not wait for the rest.
    req.write(`{"query":"{ __typename }","variables":{"pad":"${'x'.repeat(1024 * 1024)}`);
  });
}
