import { describe, expect, it } from 'vitest';
import { isRolledBackByDatabase, isTransientDatabaseError, sqlStateOf } from './transient';

// The shapes the driver stack really produces: pg's DatabaseError (code = SQLSTATE), MikroORM's
// DriverException (fields copied, message prefixed with the SQL), socket errors, knex's pool timeout.
// End-to-end proofs with real failures are in test/hostile/database-failures.test.ts.
const pgError = (code: string) => Object.assign(new Error(`select 1 - failed`), { code, severity: 'ERROR' });

describe('transient database failures', () => {
  it.each(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03', '53300', '08006', '08001'])(
    'SQLSTATE %s is transient',
    (code) => expect(isTransientDatabaseError(pgError(code))).toBe(true),
  );

  it.each(['23505', '42P01', '22P02', '42501', 'XX000'])('SQLSTATE %s is not', (code) =>
    expect(isTransientDatabaseError(pgError(code))).toBe(false),
  );

  it('recognises lost connections, socket errors and a pool timeout, also when wrapped', () => {
    for (const error of [
      new Error('select 1 - Connection terminated unexpectedly'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }),
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), {
        name: 'KnexTimeoutError',
      }),
      new Error('wrapped', { cause: pgError('40P01') }),
    ]) {
      expect(isTransientDatabaseError(error), error.message).toBe(true);
    }
    expect(isTransientDatabaseError(new Error('product X was not found'))).toBe(false);
  });

  it('retries a posting only when PostgreSQL rolled it back itself', () => {
    expect(isRolledBackByDatabase(pgError('40001'))).toBe(true);
    expect(isRolledBackByDatabase(pgError('40P01'))).toBe(true);
    expect(isRolledBackByDatabase(pgError('57P01'))).toBe(false);
    expect(isRolledBackByDatabase(new Error('Connection terminated unexpectedly'))).toBe(false);
  });

  it('never takes a socket code for a SQLSTATE', () => {
    expect(sqlStateOf(Object.assign(new Error('x'), { code: 'EPIPE' }))).toBeUndefined();
  });
});
