import type { EntityManager } from '@mikro-orm/postgresql';
import {
  formatTemplateNumber,
  numberTemplateCounterKey,
  serialKey,
  type NumberTemplate,
} from '@serialgraph/domain';
import { badInput } from '../../common/errors';
import { mapInSlices } from '../../common/slices';
import { sql, sqlOne } from '../../common/sql';

/** A run of consecutive counter values and the numbers they make. */
export interface CounterRun {
  counterKey: string;
  firstSeq: number;
  numbers: string[];
}

/** Runs taken before giving up when numbers typed by hand keep colliding (the unique index then names them). */
const MAX_TAKES = 5;

/**
 * The next `count` numbers of the product's counter that no unit of the product carries yet: a run
 * that collides with numbers typed by hand earlier is passed over (its values stay used: never
 * reissued, so a later run never overlaps it) and the next run is taken, so one number typed in the
 * template's shape cannot block every later receipt. Each run is unbroken.
 */
export async function takeFreeNumbers(
  em: EntityManager,
  organizationId: string,
  productId: string,
  template: NumberTemplate,
  date: Date,
  count: number,
): Promise<CounterRun> {
  for (let take = 1; ; take++) {
    const run = await takeNumbers(em, organizationId, productId, template, date, count);
    const taken = await sql<{ n: number }>(
      em,
      `select 1 as n from serial where organization_id = ? and product_id = ? and lower(number) = any(?::text[]) limit 1`,
      [organizationId, productId, await mapInSlices(run.numbers, serialKey)],
    );
    if (taken.length === 0 || take === MAX_TAKES) return run;
  }
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
  // Up to 100,000 numbers on one receipt: written in slices so other requests are served meanwhile.
  const offsets = Array.from({ length: count }, (_, i) => i);
  const numbers = await mapInSlices(offsets, (i) => formatTemplateNumber(template, date, firstSeq + i));
  return { counterKey, firstSeq, numbers };
}
