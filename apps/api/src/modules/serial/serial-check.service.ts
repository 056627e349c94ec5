import {
  canApply,
  checkSerialsLocally,
  productSerialFormat,
  SerialCheckIssue,
  SerialCheckPurpose,
  type SerialFormatProblem,
} from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { badInput, notFound } from '../../common/errors';
import { idOf } from '../../common/global-id';
import { SERIAL_COLUMNS } from '../../common/loaders';
import { json, sql } from '../../common/sql';
import { requireWarehouse } from '../warehouse/warehouse.service';
import type { SerialRow } from './serial.entity';

/** Most numbers one live check takes (a form batches its requests). */
export const MAX_CHECK_NUMBERS = 10_000;

export interface SerialCheckResult {
  number: string;
  ok: boolean;
  issue: SerialCheckIssue | null;
  problem: SerialFormatProblem | null;
  serial: SerialRow | null;
}

/**
 * Live validation for forms: one verdict per input number, in order. Format and in-list duplicates
 * come from the shared domain rules; recorded numbers and availability from one set-based lookup.
 */
export async function checkSerials(
  ctx: RequestContext,
  args: { productId: string; numbers: string[]; purpose: SerialCheckPurpose; warehouseId?: string | null },
): Promise<SerialCheckResult[]> {
  if (args.numbers.length > MAX_CHECK_NUMBERS)
    throw badInput(`Check at most ${MAX_CHECK_NUMBERS} numbers at a time.`);
  const product = await ctx.loaders.product.load(idOf('Product', args.productId));
  if (!product) throw notFound(`Product ${args.productId}`);
  const warehouseId = args.warehouseId ? (await requireWarehouse(ctx, args.warehouseId)).id : null;
  const local = checkSerialsLocally(args.numbers, productSerialFormat(product));
  const candidates = local.filter((c) => c.issue === null).map((c) => c.number);
  const recorded = await sql<SerialRow & { inputNumber: string }>(
    ctx.em,
    `select ${SERIAL_COLUMNS}, i.value as "inputNumber" from jsonb_array_elements_text(?::jsonb) as i(value)
       join serial s on s.organization_id = ? and s.product_id = ? and lower(s.number) = lower(i.value)`,
    [json(candidates), ctx.organizationId, product.id],
  );
  const byNumber = new Map(recorded.map((r) => [r.inputNumber, r]));
  return local.map(({ number, issue, problem }) => {
    if (issue) return { number, ok: false, issue, problem, serial: null };
    const serial = byNumber.get(number) ?? null;
    const verdict = verdictFor(args.purpose, serial, warehouseId);
    return { number, ok: verdict === null, issue: verdict, problem: null, serial };
  });
}

function verdictFor(
  purpose: SerialCheckPurpose,
  serial: SerialRow | null,
  warehouseId: string | null,
): SerialCheckIssue | null {
  if (purpose === SerialCheckPurpose.RECEIVE) return serial ? SerialCheckIssue.ALREADY_EXISTS : null;
  if (!serial) return SerialCheckIssue.NOT_FOUND;
  const available = canApply('SHIP', serial.status) && (!warehouseId || serial.warehouseId === warehouseId);
  return available ? null : SerialCheckIssue.NOT_AVAILABLE;
}
