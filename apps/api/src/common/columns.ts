import type { EntitySchemaMetadata } from '@mikro-orm/core';

/** PostgreSQL type of a column, as used in casts (`?::uuid[]`). */
export type PgType = 'uuid' | 'text' | 'int' | 'bigint' | 'numeric' | 'timestamptz';

export interface ColumnDef {
  column: string;
  type: PgType;
  nullable?: boolean;
}

/**
 * The one definition of a row shape: every property of the row type, its column and type. The
 * entity's properties (hence its select lists, see entity-columns.ts) and the set-based writes are all
 * derived from it, so a new
 * column is one edit that the compiler checks everywhere (a property missing here does not compile).
 */
export type Columns<Row> = { readonly [K in keyof Row]-?: ColumnDef };

const ORM_TYPES: Record<PgType, string> = {
  uuid: 'uuid',
  text: 'text',
  int: 'integer',
  bigint: 'bigint',
  numeric: 'decimal',
  timestamptz: 'Date',
};

/** MikroORM `EntitySchema` properties for the columns (the primary key is (organization_id, id)). */
export function entityProperties<Row>(columns: Columns<Row>): EntitySchemaMetadata<Row>['properties'] {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const [prop, def] of Object.entries(columns) as [string, ColumnDef][]) {
    properties[prop] = {
      type: ORM_TYPES[def.type],
      ...(prop === 'id' || prop === 'organizationId' ? { primary: true } : {}),
      ...(def.nullable ? { nullable: true } : {}),
      ...(def.column !== snake(prop) ? { fieldName: def.column } : {}),
    };
  }
  return properties as unknown as EntitySchemaMetadata<Row>['properties'];
}

function snake(prop: string): string {
  return prop.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `alias.column as "property", …` for some properties of a row: a raw read of only what is needed. */
export function selectColumns<Row, K extends keyof Row>(
  columns: Columns<Row>,
  keys: readonly K[],
  alias: string,
): string {
  return keys.map((k) => `${alias}.${columns[k].column} as "${String(k)}"`).join(', ');
}
