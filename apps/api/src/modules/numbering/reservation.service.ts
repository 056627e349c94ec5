import {
  compileSerialFormat,
  DomainError,
  ErrorCode,
  parseNumberTemplate,
  TrackingMode,
  type NumberTemplate,
} from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { isUniqueViolation } from '../../common/db-errors';
import { badInput, notFound } from '../../common/errors';
import { idOf } from '../../common/global-id';
import { LIMITS } from '../../common/input-limits';
import { isUuid, newId } from '../../common/ids';
import { sqlOne } from '../../common/sql';
import { transactionRetriedOnce } from '../../common/transient';
import { entitySelect } from '../../common/entity-columns';
import { requestHash } from '../document/posting/canonical-json';
import { ProductEntity, type Product } from '../product/product.entity';
import { findInvalidInSlices } from '../document/posting/stock-lines';
import { takeFreeNumbers } from './counter';
import {
  asReservation,
  DEFAULT_RESERVATION_TTL_MINUTES,
  MAX_RESERVATION_COUNT,
  RESERVATION_COLUMNS,
  type ReservationRow,
} from './reservation.row';

const PRODUCT = entitySelect(ProductEntity, 'p');

export interface ReserveRequest {
  productId: string;
  count: number;
  idempotencyKey?: string | null;
}

/**
 * Hands out `count` numbers of the product's template that nobody else can ever get: the counter is
 * advanced and the reservation recorded in one transaction. With an idempotency key, a retry with the
 * same input gets the first reservation back (no new numbers); another input is IDEMPOTENCY_CONFLICT.
 */
export async function reserveSerials(ctx: RequestContext, req: ReserveRequest): Promise<ReservationRow> {
  const productId = idOf('Product', req.productId);
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > MAX_RESERVATION_COUNT)
    throw badInput(`count must be a whole number from 1 to ${MAX_RESERVATION_COUNT.toLocaleString('en')}.`, {
      field: 'count',
      max: MAX_RESERVATION_COUNT,
    });
  const key = req.idempotencyKey ?? null;
  if (key !== null && (!key.trim() || key.length > LIMITS.idempotencyKey))
    throw badInput(`idempotencyKey must be 1 to ${LIMITS.idempotencyKey} characters and not blank.`, {
      field: 'idempotencyKey',
    });
  const hash = requestHash({ productId, count: req.count });
  if (key) {
    const earlier = await replay(ctx, key, hash);
    if (earlier) return earlier;
  }
  try {
    return await transactionRetriedOnce(ctx.em, async (em) => {
      const product = await sqlOne<Product>(
        em,
        `select ${PRODUCT.columns} from product p where p.organization_id = ? and p.id = ? for share`,
        [ctx.organizationId, productId],
      );
      if (!product) throw notFound(`Product ${req.productId}`);
      const template = templateOf(product);
      const issuedAt = ctx.now?.() ?? new Date();
      const run = await takeFreeNumbers(em, ctx.organizationId, productId, template, issuedAt, req.count);
      await assertFormat(product, run.numbers);
      const ttlMinutes = ctx.reservationTtlMinutes ?? DEFAULT_RESERVATION_TTL_MINUTES;
      const row = asReservation(
        await sqlOne<ReservationRow>(
          em,
          `insert into serial_reservation as r (id, organization_id, product_id, template, counter_key, issued_at,
           first_seq, count, received, expires_at, actor, idempotency_key, request_hash)
         values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) returning ${RESERVATION_COLUMNS}`,
          [
            newId(),
            ctx.organizationId,
            productId,
            template.source,
            run.counterKey,
            issuedAt,
            run.firstSeq,
            req.count,
            new Date(issuedAt.getTime() + ttlMinutes * 60_000),
            ctx.actor,
            key,
            key ? hash : null,
          ],
        ),
      );
      return row!;
    });
  } catch (error) {
    // Two retries with one key raced: the unique key decided; answer as a retry (its transaction rolled back).
    if (key && isUniqueViolation(error, 'serial_reservation_organization_id_idempotency_key_key')) {
      const earlier = await replay(ctx, key, hash);
      if (earlier) return earlier;
    }
    throw error;
  }
}

/** One reservation of the caller's organization, or null. */
export async function findReservation(ctx: RequestContext, globalId: string): Promise<ReservationRow | null> {
  const id = reservationIdOrNull(globalId);
  if (!id) return null;
  return asReservation(
    await sqlOne<ReservationRow>(
      ctx.em,
      `select ${RESERVATION_COLUMNS} from serial_reservation r where r.organization_id = ? and r.id = ?`,
      [ctx.organizationId, id],
    ),
  );
}

/** The uuid behind a reservation id, or null when it is not one. */
export function reservationIdOrNull(globalId: string): string | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const [type, id] = decoded.split(':');
  return type === 'SerialReservation' && id && isUuid(id) ? id : null;
}

/** The product's parsed template; a product that cannot have numbers made is refused, naming why. */
export function templateOf(product: Product): NumberTemplate {
  if (product.trackingMode !== TrackingMode.SERIAL)
    throw new DomainError(
      ErrorCode.SERIALS_NOT_ALLOWED,
      `${product.sku} is not serial-tracked: it has no serial numbers to make.`,
    );
  if (!product.numberTemplate)
    throw badInput(`${product.sku} has no numberTemplate; set one (updateProduct) before making numbers.`, {
      field: 'numberTemplate',
    });
  return parseNumberTemplate(product.numberTemplate);
}

/** Made numbers still answer to the product's serialFormat (checked against the template when saved). */
export async function assertFormat(product: Product, numbers: readonly string[]): Promise<void> {
  const format = product.serialFormat ? compileSerialFormat(product.serialFormat) : null;
  const invalid = await findInvalidInSlices(numbers, format);
  if (invalid.length) throw new DomainError(ErrorCode.INVALID_SERIAL_FORMAT, undefined, invalid);
}

async function replay(ctx: RequestContext, key: string, hash: string): Promise<ReservationRow | null> {
  const earlier = asReservation(
    await sqlOne<ReservationRow>(
      ctx.em,
      `select ${RESERVATION_COLUMNS} from serial_reservation r where r.organization_id = ? and r.idempotency_key = ?`,
      [ctx.organizationId, key],
    ),
  );
  if (!earlier) return null;
  if (earlier.requestHash !== hash)
    throw new DomainError(
      ErrorCode.IDEMPOTENCY_CONFLICT,
      `The idempotency key "${key}" was already used for another reservation. Use a new key for new numbers.`,
    );
  return earlier;
}
