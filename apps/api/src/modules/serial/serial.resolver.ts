import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { isInStorage, isWarrantyActive, SerialCheckPurpose } from '@serialgraph/domain';
import { ArrayMaxSize, ValidateNested } from 'class-validator';
import type { RequestContext } from '../../common/context';
import { SerialNumbers } from '../../common/text-input';
import { SerialOrderBy } from '../../common/enums';
import { toGlobalId } from '../../common/global-id';
import { DecimalScalar, toDate } from '../../common/scalars';
import { DocumentNode } from '../document/document.type';
import { PartyNode } from '../party/party.type';
import { ProductNode } from '../product/product.type';
import { WarehouseNode } from '../warehouse/warehouse.type';
import { MovementNode } from './movement.type';
import type { MovementRow } from './movement.entity';
import { checkSerials, MAX_CHECK_NUMBERS } from './serial-check.service';
import { EXACT_COUNT_LIMIT } from './serial-count';
import { onReadReplica } from '../../db/read-replica';
import { listSerials, lookupSerial, recallFilter } from './serial-query.service';
import type { SerialRow } from './serial.entity';
import { SerialFilter } from './serial.inputs';
import { SerialCheck, SerialConnection, SerialNode, WarrantyType } from './serial.type';

@ArgsType()
class SerialsArgs {
  @Field(() => SerialFilter, { nullable: true }) @ValidateNested() filter?: SerialFilter | null;
  @Field(() => SerialOrderBy, { nullable: true, defaultValue: SerialOrderBy.NUMBER_ASC })
  orderBy?: SerialOrderBy | null;
  @Field(() => Int, { nullable: true, defaultValue: 50 }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ArgsType()
class RecallArgs {
  @Field(() => SerialFilter) @ValidateNested() filter!: SerialFilter;
  @Field(() => SerialOrderBy, { nullable: true, defaultValue: SerialOrderBy.NUMBER_ASC })
  orderBy?: SerialOrderBy | null;
  @Field(() => Int, { nullable: true, defaultValue: 50 }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ArgsType()
class CheckSerialsArgs {
  @Field(() => ID) productId!: string;
  @Field(() => [String]) @SerialNumbers() @ArrayMaxSize(MAX_CHECK_NUMBERS) numbers!: string[];
  @Field(() => SerialCheckPurpose) purpose!: SerialCheckPurpose;
  @Field(() => ID, { nullable: true }) warehouseId?: string | null;
}

@Resolver(() => SerialNode)
export class SerialResolver {
  @Authorized()
  @Query(() => [SerialNode], {
    description:
      'Exact, case-insensitive, across products: by serial number (a MAC address in any spelling) or by internal code.',
  })
  lookupSerial(@Ctx() ctx: RequestContext, @Arg('number', () => String) number: string) {
    return lookupSerial({ ...ctx, em: onReadReplica(ctx.em) }, number);
  }

  @Authorized()
  @Query(() => SerialConnection, {
    description:
      'The serials report, keyset-paged. totalCount is exact for filters by product, warehouse and statuses ' +
      '(kept in counters as units move); with partyId, search or returnableFromShipmentId it is exact up to ' +
      `${EXACT_COUNT_LIMIT.toLocaleString('en')} units and PostgreSQL's estimate above that.`,
  })
  serials(@Ctx() ctx: RequestContext, @Args(() => SerialsArgs) args: SerialsArgs) {
    return listSerials({ ...ctx, em: onReadReplica(ctx.em) }, args);
  }

  @Authorized()
  @Query(() => SerialConnection, {
    description:
      'Recall only affected items: every unit received in the given receipts, from a supplier, in a window of ' +
      'receipt dates or in a range of numbers (at least one of these), whatever its status, with where it is now ' +
      '(warehouse) or who has it (customer, with contact data). Same paging and totalCount as serials.',
  })
  recall(@Ctx() ctx: RequestContext, @Args(() => RecallArgs) args: RecallArgs) {
    return listSerials({ ...ctx, em: onReadReplica(ctx.em) }, { ...args, filter: recallFilter(args.filter) });
  }

  @Authorized()
  @Query(() => [SerialCheck], {
    description: 'Live validation for forms: one result per input number, same order.',
  })
  checkSerials(@Ctx() ctx: RequestContext, @Args(() => CheckSerialsArgs) args: CheckSerialsArgs) {
    return checkSerials(ctx, args);
  }

  @FieldResolver(() => ID)
  id(@Root() s: SerialRow) {
    return toGlobalId('Serial', s.id);
  }

  @FieldResolver(() => ProductNode)
  product(@Root() s: SerialRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.product.load(s.productId);
  }

  @FieldResolver(() => Boolean, { description: 'IN_STOCK, ON_HOLD, IN_REPAIR.' })
  inStorage(@Root() s: SerialRow) {
    return isInStorage(s.status);
  }

  @FieldResolver(() => WarehouseNode, { nullable: true, description: 'Null when out of storage.' })
  warehouse(@Root() s: SerialRow, @Ctx() ctx: RequestContext) {
    return s.warehouseId ? ctx.loaders.warehouse.load(s.warehouseId) : null;
  }

  @FieldResolver(() => PartyNode, { nullable: true })
  supplier(@Root() s: SerialRow, @Ctx() ctx: RequestContext) {
    return s.supplierId ? ctx.loaders.party.load(s.supplierId) : null;
  }

  @FieldResolver(() => PartyNode, {
    nullable: true,
    description: 'The customer who has (or last had) the unit.',
  })
  customer(@Root() s: SerialRow, @Ctx() ctx: RequestContext) {
    return s.customerId ? ctx.loaders.party.load(s.customerId) : null;
  }

  @FieldResolver(() => DocumentNode, { description: 'The receipt that brought it in.' })
  receivedIn(@Root() s: SerialRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.document.load(s.receivedInId);
  }

  @FieldResolver(() => DecimalScalar, { nullable: true })
  unitCost(@Root() s: SerialRow) {
    return s.unitCost;
  }

  @FieldResolver(() => WarrantyType, {
    nullable: true,
    description:
      'From the latest sale; a replacement takes over the remaining warranty of the unit it replaces.',
  })
  warranty(@Root() s: SerialRow) {
    if (!s.warrantyStartsAt || !s.warrantyEndsAt) return null;
    const endsAt = toDate(s.warrantyEndsAt);
    return { startsAt: toDate(s.warrantyStartsAt), endsAt, active: isWarrantyActive({ endsAt }, new Date()) };
  }

  @FieldResolver(() => SerialNode, { nullable: true })
  replacedBy(@Root() s: SerialRow, @Ctx() ctx: RequestContext) {
    return s.replacedById ? ctx.loaders.serial.load(s.replacedById) : null;
  }

  @FieldResolver(() => SerialNode, { nullable: true })
  replaces(@Root() s: SerialRow, @Ctx() ctx: RequestContext) {
    return s.replacesId ? ctx.loaders.serial.load(s.replacesId) : null;
  }

  @FieldResolver(() => [MovementNode], { description: 'Oldest first.' })
  history(@Root() s: SerialRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.historyBySerial.load(s.id);
  }
}

@Resolver(() => MovementNode)
export class MovementResolver {
  @FieldResolver(() => ID)
  id(@Root() m: MovementRow) {
    return toGlobalId('Movement', m.id);
  }

  @FieldResolver(() => SerialNode)
  serial(@Root() m: MovementRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.serial.load(m.serialId);
  }

  @FieldResolver(() => DocumentNode)
  document(@Root() m: MovementRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.document.load(m.documentId);
  }

  @FieldResolver(() => WarehouseNode, { nullable: true })
  fromWarehouse(@Root() m: MovementRow, @Ctx() ctx: RequestContext) {
    return m.fromWarehouseId ? ctx.loaders.warehouse.load(m.fromWarehouseId) : null;
  }

  @FieldResolver(() => WarehouseNode, { nullable: true })
  toWarehouse(@Root() m: MovementRow, @Ctx() ctx: RequestContext) {
    return m.toWarehouseId ? ctx.loaders.warehouse.load(m.toWarehouseId) : null;
  }

  @FieldResolver(() => PartyNode, { nullable: true })
  party(@Root() m: MovementRow, @Ctx() ctx: RequestContext) {
    return m.partyId ? ctx.loaders.party.load(m.partyId) : null;
  }
}
