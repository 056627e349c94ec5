import { DomainError, ErrorCode } from '@serialgraph/domain';
import { badInput } from '../../common/errors';
import { idOf } from '../../common/global-id';
import { sqlOne } from '../../common/sql';
import type { PostingContext } from '../document/posting/posting-context';
import type { StockLineInput } from '../document/document.inputs';
import type { Product } from '../product/product.entity';
import { takeFreeNumbers } from './counter';
import { asReservation, RESERVATION_COLUMNS, reservedNumbers, type ReservationRow } from './reservation.row';
import { reservationIdOrNull, templateOf } from './reservation.service';

/**
 * Receipt lines that say `generate: k` or name a `reservationId`, turned into lines listing their
 * serials, inside the posting's transaction: generated numbers are taken from the counter there, and
 * a reservation's next numbers are marked received there, so a refused receipt gives them all back.
 * Every other rule (format, duplicates, numbers already recorded) then applies as to typed serials
 * (checkStockLines).
 */
export async function withMadeNumbers(
  tx: PostingContext,
  lines: readonly StockLineInput[],
  products: ReadonlyMap<string, Product>,
): Promise<StockLineInput[]> {
  const out: StockLineInput[] = [];
  for (const [i, line] of lines.entries()) {
    const generate = line.generate ?? null;
    const reservationId = line.reservationId ?? null;
    if (generate === null && reservationId === null) {
      out.push(line);
      continue;
    }
    const where = `Line ${i + 1}`;
    if (generate !== null && reservationId !== null)
      throw badInput(`${where}: give generate or reservationId, not both.`, { line: i + 1 });
    if (line.serials != null)
      throw badInput(`${where}: give serials, generate or reservationId, only one of them.`, { line: i + 1 });
    const product = products.get(idOf('Product', line.productId));
    if (!product)
      throw new DomainError(ErrorCode.NOT_FOUND, `${where}: product ${line.productId} was not found.`);
    let serials: string[];
    if (generate !== null) {
      if (generate !== line.quantity)
        throw new DomainError(
          ErrorCode.SERIAL_COUNT_MISMATCH,
          `${where} (${product.sku}): quantity ${line.quantity} but generate ${generate}; they must match.`,
          undefined,
          { line: i + 1 },
        );
      const template = templateOf(product);
      serials = (await takeFreeNumbers(tx.em, tx.organizationId, product.id, template, tx.postedAt, generate))
        .numbers;
    } else {
      serials = await consumeReservation(tx, i + 1, reservationId!, product, line.quantity);
    }
    out.push({ ...line, serials, generate: null, reservationId: null });
  }
  return out;
}

/** The reservation's next `quantity` numbers, marked received (rolled back with a refused receipt). */
async function consumeReservation(
  tx: PostingContext,
  lineNo: number,
  globalId: string,
  product: Product,
  quantity: number,
): Promise<string[]> {
  const where = `Line ${lineNo}`;
  const id = reservationIdOrNull(globalId);
  const r = id
    ? asReservation(
        await sqlOne<ReservationRow>(
          tx.em,
          `select ${RESERVATION_COLUMNS} from serial_reservation r
          where r.organization_id = ? and r.id = ? for update`,
          [tx.organizationId, id],
        ),
      )
    : null;
  if (!r) throw new DomainError(ErrorCode.NOT_FOUND, `${where}: reservation ${globalId} was not found.`);
  if (r.productId !== product.id)
    throw badInput(
      `${where}: reservation ${globalId} holds numbers of another product than ${product.sku}.`,
      {
        line: lineNo,
      },
    );
  const left = r.count - r.received;
  if (left > 0 && tx.postedAt >= r.expiresAt)
    throw new DomainError(
      ErrorCode.RESERVATION_EXPIRED,
      `${where}: reservation ${globalId} expired at ${r.expiresAt.toISOString()}; its ${left} unreceived number(s) are void and never reissued. Reserve new numbers.`,
      undefined,
      { reservationId: globalId, expiresAt: r.expiresAt.toISOString() },
    );
  if (quantity > left)
    throw badInput(
      `${where}: reservation ${globalId} has ${left} number(s) left to receive, fewer than the quantity ${quantity}.`,
      { line: lineNo, left },
    );
  await sqlOne(
    tx.em,
    `update serial_reservation set received = received + ? where organization_id = ? and id = ?`,
    [quantity, tx.organizationId, r.id],
  );
  // Their format is checked with every other number of the receipt (checkStockLines).
  return reservedNumbers(r, r.received, quantity);
}
