import type { EntityManager } from '@mikro-orm/postgresql';
import { formatTemplateNumber, numberTemplateCounterKey, type NumberTemplate } from '@serialgraph/domain';
import { badInput } from '../../common/errors';
import { sqlOne } from '../../common/sql';

/** A run of consecutive counter values and the numbers they make. */
export interface CounterRun {
  counterKey: string;
  firstSeq: number;
  numbers: string[];
}

/**
 * Takes the next `count` values of the product's counter for `date` (its key: the template's text with
 * the year filled in) inside the caller's transaction. The upsert locks the counter row until that
 * transaction ends, so no other transaction, in this process or another, can take the same values;
 * a rolled-back transaction gives them back, since nothing was handed out.
 */
export async function takeNumbers(
  em: EntityManager,
  organizationId: string,
  productId: string,
  template: NumberTemplate,
  date: Date,
  count: number,
): Promise<CounterRun> {
  const counterKey = numberTemplateCounterKey(template, date);
  const row = await sqlOne<{ last: string }>(
    em,
    `insert into serial_number_counter as c (organization_id, product_id, key, last) values (?, ?, ?, ?)
     on conflict (organization_id, product_id, key) do update set last = c.last + excluded.last
     returning last`,
    [organizationId, productId, counterKey, count],
  );
  const last = Number(row!.last);
  if (last > template.maxSeq) {
    // Thrown inside the transaction: the counter goes back to where it was.
    throw badInput(
      `The counter ${counterKey} of numberTemplate ${template.source} has ${Math.max(0, template.maxSeq - (last - count))} number(s) left, fewer than ${count}; widen its {SEQ:n}.`,
      { field: 'numberTemplate' },
    );
  }
  const firstSeq = last - count + 1;
  const numbers: string[] = [];
  for (let seq = firstSeq; seq <= last; seq++) numbers.push(formatTemplateNumber(template, date, seq));
  return { counterKey, firstSeq, numbers };
}
