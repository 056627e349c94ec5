import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import {
  computeVerdicts,
  formatOf,
  parseEntry,
  readRefusal,
  type ReceiveRow,
} from './receive-serials-form.rules';

const rowsOf = (text: string): ReceiveRow[] =>
  parseEntry(text).map((entry, index) => ({ ...entry, id: index + 1 }));
const none = new Set<string>();

describe('parseEntry', () => {
  it('splits a pasted list on newlines, commas, semicolons, tabs and spaces', () => {
    expect(parseEntry('A-1\nA-2, A-3;A-4\tA-5  A-6\r\n').map((row) => row.number)).toEqual([
      'A-1',
      'A-2',
      'A-3',
      'A-4',
      'A-5',
      'A-6',
    ]);
  });

  it('expands both range forms keeping prefix and zero padding', () => {
    expect(parseEntry('DEV-00121..DEV-00123 DEV-00099+2').map((row) => row.number)).toEqual([
      'DEV-00121',
      'DEV-00122',
      'DEV-00123',
      'DEV-00099',
      'DEV-00100',
      'DEV-00101',
    ]);
  });

  it('keeps a range it cannot expand as one row with the reason, never dropping it', () => {
    const [row] = parseEntry('DEV-00009..DEV-00005');
    expect(row).toMatchObject({
      number: 'DEV-00009..DEV-00005',
      rangeError: expect.stringContaining('descending'),
    });
  });
});

describe('computeVerdicts', () => {
  const format = formatOf('DEV-\\d{5}', null, RE2JS);

  it('gives each row its own verdict: ok, duplicate (naming the first row), already recorded, bad format, bad range', () => {
    const rows = rowsOf('DEV-00001 DEV-00002 DEV-00001 DEV-1 DEV-00009..DEV-00005 DEV-00003');
    const server = new Map([
      ['dev-00001', 'ok' as const],
      ['dev-00002', 'exists' as const],
    ]);
    const { verdicts, toCheck, counts } = computeVerdicts(rows, format, server, none, none);
    expect(verdicts).toEqual([
      { kind: 'ok' },
      { kind: 'exists' },
      { kind: 'duplicate', firstIndex: 0 },
      { kind: 'invalid', problem: 'FORMAT_MISMATCH' },
      { kind: 'invalid', problem: 'RANGE' },
      { kind: 'checking' },
    ]);
    expect(toCheck).toEqual(['DEV-00003']);
    expect(counts).toMatchObject({ total: 6, ok: 1, checking: 1, accepted: 2, bad: 4 });
  });

  it('marks numbers whose check failed as unchecked and stops asking for them', () => {
    const { verdicts, toCheck } = computeVerdicts(
      rowsOf('DEV-00001'),
      format,
      new Map(),
      new Set(['dev-00001']),
      none,
    );
    expect(verdicts[0]!.kind).toBe('unchecked');
    expect(toCheck).toEqual([]);
  });

  it('flags the rows a refused submit named', () => {
    const server = new Map([['dev-00002', 'exists' as const]]);
    const { verdicts } = computeVerdicts(
      rowsOf('DEV-00001 DEV-00002'),
      format,
      server,
      none,
      new Set(['dev-00002']),
    );
    expect(verdicts[1]).toEqual({ kind: 'exists', refused: true });
  });

  it('judges 10,000 rows in one linear pass', () => {
    const rows = rowsOf(`DEV-00001+9999`);
    expect(rows).toHaveLength(10_000);
    const started = performance.now();
    const { counts } = computeVerdicts(rows, format, new Map(), none, none);
    console.log(`[perf] computeVerdicts over 10,000 rows: ${(performance.now() - started).toFixed(1)} ms`);
    expect(counts.checking).toBe(10_000);
  });
});

describe('readRefusal', () => {
  it('reads the code and every named number from the first GraphQL error', () => {
    expect(
      readRefusal([
        { message: 'Already recorded', extensions: { code: 'SERIAL_EXISTS', serials: ['A-1', 'A-2'] } },
      ]),
    ).toEqual({ code: 'SERIAL_EXISTS', message: 'Already recorded', serials: ['A-1', 'A-2'] });
  });
});

describe('product presets (the domain rules the server applies)', () => {
  it('refuses a mistyped IMEI locally with the check-digit reason, before asking the server', () => {
    const imei = formatOf(null, 'IMEI');
    const pass = computeVerdicts(rowsOf('490154203237518 490154203237519'), imei, new Map(), none, none);
    expect(pass.verdicts).toEqual([{ kind: 'checking' }, { kind: 'invalid', problem: 'CHECK_DIGIT' }]);
    expect(pass.toCheck).toEqual(['490154203237518']);
  });

  it('sees two spellings of one MAC address as a repeat, and asks the server the recorded spelling', () => {
    const mac = formatOf(null, 'MAC_48');
    const pass = computeVerdicts(rowsOf('aa-bb-cc-dd-ee-ff AA:BB:CC:DD:EE:FF'), mac, new Map(), none, none);
    expect(pass.verdicts.map((v) => v.kind)).toEqual(['checking', 'duplicate']);
    expect(pass.toCheck).toEqual(['AA:BB:CC:DD:EE:FF']);
  });

  it('prefers the preset when a product somehow has both', () => {
    expect(formatOf('X', 'GTIN_13')?.test('4006381333931')).toBe(true);
  });
});

describe('formatOf without the RE2 engine', () => {
  it('judges nothing locally until re2js is loaded (the server judges meanwhile)', () => {
    expect(formatOf('DEV-\\d{5}')).toBeNull();
  });
});
