import { newId } from '../../common/ids';
import { DomainError, ErrorCode } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { idOf } from '../../common/global-id';
import { badInput } from '../../common/errors';
import { isUniqueViolation } from '../../common/db-errors';
import { WarehouseEntity, type Warehouse } from './warehouse.entity';
import type { CreateWarehouseInput } from './warehouse.inputs';

export async function createWarehouse(ctx: RequestContext, input: CreateWarehouseInput): Promise<Warehouse> {
  const code = input.code.trim();
  if (!code) throw badInput('code cannot be blank.');
  const warehouse = ctx.em.create(WarehouseEntity, {
    id: newId(),
    organizationId: ctx.organizationId,
    code,
    name: input.name.trim(),
    createdAt: new Date(),
  });
  try {
    await ctx.em.flush();
  } catch (e) {
    if (isUniqueViolation(e, 'warehouse_code_uq'))
      throw badInput(`A warehouse with code ${code} already exists.`, { field: 'code' });
    throw e;
  }
  return warehouse;
}

/** Every warehouse of the organization, by code. */
export function listWarehouses(ctx: RequestContext): Promise<Warehouse[]> {
  return ctx.em.find(WarehouseEntity, { organizationId: ctx.organizationId }, { orderBy: { code: 'asc' } });
}

/** The warehouse behind an id argument, or NOT_FOUND. */
export async function requireWarehouse(
  ctx: Pick<RequestContext, 'loaders'>,
  globalId: string,
  what = 'Warehouse',
): Promise<Warehouse> {
  const warehouse = await ctx.loaders.warehouse.load(idOf('Warehouse', globalId, what));
  if (!warehouse) throw new DomainError(ErrorCode.NOT_FOUND, `${what} ${globalId} was not found.`);
  return warehouse;
}
