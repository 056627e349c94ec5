import { DomainError, ErrorCode, type DocumentType } from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { breathe } from '../../../common/slices';
import { sqlOne } from '../../../common/sql';
import { transactionRetriedOnce } from '../../../common/transient';
import { DOCUMENT_COLUMNS, type DocumentRow } from '../document.entity';
import { requestHash } from './canonical-json';
import type { Plan } from './plan';
import { writePlan } from './plan-writer';
import { postingContext, type PostingContext } from './posting-context';

/**
 * Posts one document: all of it in one transaction, or nothing. `plan` runs inside the transaction
 * with a transaction-scoped context only (it never sees the request's handle): it reads and locks
 * what the document depends on and returns the plan, which one writer applies. With an idempotency
 * key, a retry with the same input returns the first document and writes nothing; the same key with
 * another input is IDEMPOTENCY_CONFLICT (also when two retries race: the unique key decides).
 */
export async function postDocument(
  ctx: RequestContext,
  type: DocumentType,
  request: { idempotencyKey?: string | null; input: unknown },
  plan: (tx: PostingContext) => Promise<Plan>,
): Promise<DocumentRow> {
  const key = request.idempotencyKey ?? null;
  const idempotency = key ? { key, hash: requestHash({ type, input: request.input }) } : null;
  if (idempotency) {
    const earlier = await replay(ctx, idempotency);
    if (earlier) return earlier;
  }
  try {
    // A deadlock or serialization failure rolled everything back: the posting runs again whole, once.
    return await transactionRetriedOnce(ctx.em, async (em) => {
      const tx = postingContext(em, ctx, ctx.now?.() ?? new Date());
      const planned = await plan(tx);
      await breathe(); // building a plan of 100,000 units is work: let other requests in before writing it
      return writePlan(tx, type, idempotency, planned);
    });
  } catch (error) {
    // A concurrent retry that lost the race may fail on the winner's work before reaching the key
    // (units already moved, numbers already recorded): whenever the key is now taken, answer as a retry.
    if (idempotency) {
      const earlier = await replay(ctx, idempotency);
      if (earlier) return earlier;
    }
    throw error;
  }
}

async function replay(
  ctx: RequestContext,
  { key, hash }: { key: string; hash: string },
): Promise<DocumentRow | null> {
  const earlier = await sqlOne<DocumentRow>(
    ctx.em,
    `select ${DOCUMENT_COLUMNS} from document d where d.organization_id = ? and d.idempotency_key = ?`,
    [ctx.organizationId, key],
  );
  if (!earlier) return null;
  if (earlier.requestHash !== hash) {
    throw new DomainError(
      ErrorCode.IDEMPOTENCY_CONFLICT,
      `The idempotency key "${key}" was already used for ${earlier.number} with a different input. Use a new key for a new document.`,
      undefined,
      { documentNumber: earlier.number },
    );
  }
  return earlier;
}
