import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';

export interface EntitySelect {
  table: string;
  /** `t.column as "property", …` for every property, so raw rows look like the ORM's. */
  columns: string;
}

const selects = new WeakMap<object, EntitySelect>();

/**
 * An entity's table and aliased column list for raw reads. The loaders read with raw SQL: the same
 * plain rows the ORM would give (pg already returns Dates, numeric and bigint as strings), without
 * its query building and hydration, which cost more than the query itself on a small request.
 */
export function entitySelect<T extends object>(
  em: EntityManager,
  entity: EntitySchema<T>,
  alias = 't',
): EntitySelect {
  let select = selects.get(entity);
  if (!select) {
    const meta = em.getMetadata().get(entity.meta.className);
    select = {
      table: meta.tableName,
      columns: meta.props.map((p) => `${alias}.${p.fieldNames[0]!} as "${p.name}"`).join(', '),
    };
    selects.set(entity, select);
  }
  return select;
}
