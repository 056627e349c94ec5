import { UnderscoreNamingStrategy, type EntitySchema } from '@mikro-orm/core';

export interface EntitySelect {
  table: string;
  /** `alias.column as "property", …` for every property, so raw rows look like the ORM's. */
  columns: string;
}

const naming = new UnderscoreNamingStrategy(); // the ORM's default, which the config keeps
const selects = new WeakMap<object, Map<string, EntitySelect>>();

/**
 * An entity's table and aliased column list for raw reads: the one way select lists are derived,
 * from the entity's own properties, so a column added to an entity is read everywhere. Raw reads give
 * the plain rows the ORM would (pg already returns Dates, numeric and bigint as strings), without
 * its query building and hydration, which cost more than the query itself on a small request.
 */
export function entitySelect<T extends object>(entity: EntitySchema<T>, alias = 't'): EntitySelect {
  let byAlias = selects.get(entity);
  if (!byAlias) selects.set(entity, (byAlias = new Map()));
  let select = byAlias.get(alias);
  if (!select) {
    const props = entity.meta.properties as Record<string, { fieldName?: string }>;
    select = {
      table: entity.meta.tableName,
      columns: Object.entries(props)
        .map(([name, p]) => `${alias}.${p.fieldName ?? naming.propertyToColumnName(name)} as "${name}"`)
        .join(', '),
    };
    byAlias.set(alias, select);
  }
  return select;
}
