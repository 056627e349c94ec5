import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, type DocumentType } from '@serialgraph/domain';
import type { RequestContext } from '../../../common/context';
import { sqlOne } from '../../../common/sql';
import { transactionRetriedOnce } from '../../../common/transient';
import type { DocumentRow } from '../document.entity';
import { requestHash } from './canonical-json';
import { DOCUMENT_COLUMNS, DocumentWriter } from './document-writer';

/** A PostgreSQL unique violation on the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string } | undefined;
  return e?.code === '23505' && e.constraint === constraint;
}

/**
 * Posts one document: all of it in one transaction, or nothing. With an idempotency key, a retry
 * with the same input returns the first document and writes nothing; the same key with another
 * input is IDEMPOTENCY_CONFLICT (also when two retries race: the unique key decides).
 */
export async function postDocument(
  ctx: RequestContext,
  type: DocumentType,
  request: { idempotencyKey?: string | null; input: unknown },
  post: (writer: DocumentWriter, em: EntityManager) => Promise<void>,
): Promise<DocumentRow> {
  const key = request.idempotencyKey ?? null;
  const hash = key ? requestHash({ type, input: request.input }) : null;
  if (key) {
    const earlier = await replay(ctx, key, hash!);
    if (earlier) return earlier;
  }
  try {
    // A deadlock or serialization failure rolled everything back: the posting runs again whole, once.
    return await transactionRetriedOnce(ctx.em, async (em) => {
      const writer = new DocumentWriter(
        em,
        ctx.organizationId,
        ctx.actor,
        type,
        key ? { key, hash: hash! } : null,
        ctx.now?.(),
      );
      await post(writer, em);
      return writer.load();
    });
  } catch (error) {
    // A concurrent retry that lost the race may fail on the winner's work before reaching the key
    // (units already moved, numbers already recorded): whenever the key is now taken, answer as a retry.
    if (key) {
      const earlier = await replay(ctx, key, hash!);
      if (earlier) return earlier;
    }
    throw error;
  }
}

async function replay(ctx: RequestContext, key: string, hash: string): Promise<DocumentRow | null> {
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
