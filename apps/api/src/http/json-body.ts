import express, { type RequestHandler } from 'express';
import { ErrorCode } from '@serialgraph/domain';
import { sendGraphQLError } from './graphql-error-response';

/**
 * Fits a document of 100,000 serials of the longest allowed form (64 characters: ~6.7 MB of JSON)
 * with room for the rest of the request; larger postings are split by the client.
 */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export function tooLarge(maxBytes: number): string {
  return `The request body is larger than the limit of ${maxBytes} bytes; split the document into smaller ones.`;
}

/** True for `application/json` (any parameters, e.g. charset); GraphQL over HTTP POSTs nothing else. */
function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/**
 * Body parsing for /graphql, mounted after authentication so that nobody without a key gets a
 * body read. A POST must be JSON (else 415, before reading it); at most `maxBytes` are read (an
 * announced larger body is refused with 413 before it is uploaded). Parse errors go to the error
 * handler (./http-errors.ts) as JSON GraphQL errors.
 */
export function jsonBody(maxBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, res, next) => {
    if (req.method !== 'POST') return next();
    if (!isJson(req.headers['content-type'])) {
      return sendGraphQLError(res, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, {
        message: 'Send GraphQL requests as Content-Type: application/json.',
      });
    }
    // body-parser would refuse it too, but only after the whole upload has arrived.
    if (Number(req.headers['content-length']) > maxBytes) {
      return sendGraphQLError(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, { message: tooLarge(maxBytes) });
    }
    next();
  };
  // Every POST that reaches the parser is JSON (checked above); other methods carry no body for us.
  return [requireJson, express.json({ limit: maxBytes, type: (req) => req.method === 'POST' })];
}
