import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

/**
 * A Date from what the database driver hands back: raw queries return PostgreSQL's text form
 * (`2026-11-27 05:50:11.642+00`), entities return Dates.
 */
export function toDate(value: Date | string | number): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return new Date(iso);
}

const dateTimeConfig = DateTimeResolver.toConfig();

/** ISO-8601 date-time (graphql-scalars), accepting the database's text form on the way out. */
export const DateTimeScalar = new GraphQLScalarType({
  ...dateTimeConfig,
  name: 'DateTime',
  serialize: (value) => dateTimeConfig.serialize(typeof value === 'string' ? toDate(value) : value),
});

const DECIMAL = /^-?\d{1,14}(\.\d{1,6})?$/;

/** Normalises a PostgreSQL numeric string for output: no trailing zeros beyond two decimals. */
export function formatDecimal(value: string | null | undefined): string | null {
  if (value == null) return null;
  const [int, frac = ''] = String(value).split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${int}.${trimmed}`;
}

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text.trim())) {
    throw new TypeError(
      `Decimal must be a decimal number as a string, e.g. "129.90"; got ${JSON.stringify(value)}.`,
    );
  }
  return text.trim();
}

/** Decimal as a string ("129.90"), exact: never a float on the way in or out. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'A decimal number as a string, e.g. "129.90".',
  serialize: (value) => formatDecimal(String(value)),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT)
      return parseDecimal(ast.value);
    throw new TypeError('Decimal must be a string such as "129.90".');
  },
});
