import { SerialStatus } from '@serialgraph/domain';
import { badInput } from '../../common/errors';
import { LIMITS } from '../../common/input-limits';
import { DateTimeScalar } from '../../common/scalars';
import { textProblem } from '../../common/text-input';
import { RECALL_RECEIPTS_MAX, type SerialFilter } from '../serial/serial.inputs';

type Query = Record<string, unknown>;

/** The query parameters an export takes: SerialFilter's fields, nothing else. */
const FILTER_PARAMETERS = new Set([
  'productId',
  'warehouseId',
  'statuses',
  'includeOutOfStorage',
  'partyId',
  'search',
  'returnableFromShipmentId',
  'supplierId',
  'customerId',
  'receivedInDocumentIds',
  'receivedFrom',
  'receivedBefore',
  'numberFrom',
  'numberTo',
]);

/**
 * `GET /export/serials.csv?…` as the `serials` query's SerialFilter, with the same checks GraphQL
 * applies (enum statuses, ISO dates, text hygiene and lengths). Lists are repeated parameters or
 * comma-separated. An unknown parameter is refused, so a misspelt filter never exports everything.
 */
export function serialFilterFromQuery(query: Query): SerialFilter {
  for (const name of Object.keys(query))
    if (!FILTER_PARAMETERS.has(name))
      throw badInput(
        `Unknown export parameter "${name.slice(0, 50)}"; use the serials query's filter fields.`,
        {
          field: name.slice(0, 50),
        },
      );
  const statuses = list(query, 'statuses');
  for (const status of statuses ?? [])
    if (!Object.hasOwn(SerialStatus, status))
      throw badInput(
        `statuses: "${status.slice(0, 50)}" is not one of ${Object.values(SerialStatus).join(', ')}.`,
        {
          field: 'statuses',
        },
      );
  const receivedInDocumentIds = list(query, 'receivedInDocumentIds');
  if (receivedInDocumentIds && receivedInDocumentIds.length > RECALL_RECEIPTS_MAX)
    throw badInput(`receivedInDocumentIds: at most ${RECALL_RECEIPTS_MAX} receipts.`, {
      field: 'receivedInDocumentIds',
    });
  return {
    productId: text(query, 'productId'),
    warehouseId: text(query, 'warehouseId'),
    statuses: statuses as SerialStatus[] | null,
    includeOutOfStorage: flag(query, 'includeOutOfStorage'),
    partyId: text(query, 'partyId'),
    search: text(query, 'search', LIMITS.search),
    returnableFromShipmentId: text(query, 'returnableFromShipmentId'),
    supplierId: text(query, 'supplierId'),
    customerId: text(query, 'customerId'),
    receivedInDocumentIds,
    receivedFrom: date(query, 'receivedFrom'),
    receivedBefore: date(query, 'receivedBefore'),
    numberFrom: text(query, 'numberFrom', LIMITS.search),
    numberTo: text(query, 'numberTo', LIMITS.search),
  };
}

/** One value: a repeated single-valued parameter is refused rather than guessed at. */
function text(query: Query, name: string, max: number = LIMITS.anyText): string | null {
  const value = query[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw badInput(`${name} takes one value.`, { field: name });
  const problem = textProblem(value, false, max);
  if (problem) throw badInput(`${name} ${problem}.`, { field: name });
  return value;
}

function list(query: Query, name: string): string[] | null {
  const value = query[name];
  if (value === undefined) return null;
  const values = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
  const items = values.map((v) => v.trim()).filter(Boolean);
  for (const item of items) {
    const problem = textProblem(item, false);
    if (problem) throw badInput(`${name} ${problem}.`, { field: name });
  }
  return items;
}

function flag(query: Query, name: string): boolean {
  const value = text(query, name);
  if (value === null || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw badInput(`${name} is true or false.`, { field: name });
}

function date(query: Query, name: string): Date | null {
  const value = text(query, name);
  if (value === null) return null;
  try {
    return DateTimeScalar.parseValue(value) as Date;
  } catch {
    throw badInput(`${name} is not a date-time such as 2026-11-30T00:00:00Z.`, { field: name });
  }
}
