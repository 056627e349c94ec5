import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode, defaultErrorMessages, isDomainError } from './error-codes.js';

describe('ErrorCode', () => {
  it('uses each key as its own value, as the GraphQL contract expects', () => {
    for (const [key, value] of Object.entries(ErrorCode)) expect(value).toBe(key);
  });

  it('has a default message for every code', () => {
    for (const code of Object.values(ErrorCode)) expect(defaultErrorMessages[code]).toMatch(/\S/);
  });
});

describe('DomainError', () => {
  it('defaults its message to the message for its code', () => {
    const error = new DomainError(ErrorCode.SERIAL_NOT_AVAILABLE);
    expect(error.message).toBe(defaultErrorMessages.SERIAL_NOT_AVAILABLE);
    expect(error.code).toBe('SERIAL_NOT_AVAILABLE');
    expect(error.name).toBe('DomainError');
    expect(error).toBeInstanceOf(Error);
  });

  it('names every offending serial after the message', () => {
    const error = new DomainError(ErrorCode.SERIAL_NOT_AVAILABLE, undefined, ['A-1', 'A-2']);
    expect(error.message).toBe(
      'These units are not available for this operation (wrong status or warehouse): A-1, A-2',
    );
    expect(error.serials).toEqual(['A-1', 'A-2']);
  });

  it('keeps a custom message and the details it was given', () => {
    const error = new DomainError(ErrorCode.BAD_USER_INPUT, 'Quantity must be positive', undefined, {
      line: 2,
    });
    expect(error.message).toBe('Quantity must be positive');
    expect(error.details).toEqual({ line: 2 });
  });

  it('shortens the message, not the serials list, when thousands of serials are named', () => {
    const serials = Array.from({ length: 120 }, (_, i) => `S-${i}`);
    const error = new DomainError(ErrorCode.SERIAL_EXISTS, undefined, serials);
    expect(error.message).toContain('S-49 and 70 more');
    expect(error.message).not.toContain('S-50,');
    expect(error.serials).toHaveLength(120);
  });

  it('leaves the message alone when the serials list is empty', () => {
    expect(new DomainError(ErrorCode.DUPLICATE_SERIAL, 'x.', []).message).toBe('x.');
  });
});

describe('isDomainError', () => {
  it('recognises a DomainError and one from another copy of the package', () => {
    expect(isDomainError(new DomainError(ErrorCode.FORBIDDEN))).toBe(true);
    const foreign = Object.assign(new Error('x'), { name: 'DomainError', code: 'FORBIDDEN' });
    expect(isDomainError(foreign)).toBe(true);
  });

  it('rejects ordinary errors and errors with an unknown code', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError(Object.assign(new Error('x'), { name: 'DomainError', code: 'NOPE' }))).toBe(false);
    expect(isDomainError('DomainError')).toBe(false);
  });
});
