import { ArrayMaxSize } from 'class-validator';
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
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { countScanMessage, foundFix, StockCountStatus } from '@serialgraph/domain';
import type { RequestContext } from '../../common/context';
import { LIMITS } from '../../common/input-limits';
import { pageSize } from '../../common/pagination';
import { SerialNumbers } from '../../common/text-input';
import { DocumentNode } from '../document/document.type';
import type { DocumentRow } from '../document/document.entity';
import { DOCUMENT_COLUMNS } from '../document/document.entity';
import { sql } from '../../common/sql';
import { SerialConnection } from '../serial/serial.type';
import { WarehouseNode } from '../warehouse/warehouse.type';
import { ProductNode } from '../product/product.type';
import { closeStockCount, cancelStockCount } from './stock-count-close';
import {
  countedList,
  expectedTotal,
  foundList,
  missingList,
  type FoundItem,
  type ScanItem,
} from './stock-count-lists';
import { recordCountScans, type CountScan } from './stock-count-scans';
import { stockCountOfDocument } from './stock-count-of-document';
import { stockCountGlobalId, type StockCountRow } from './stock-count.row';
import { findStockCount, listStockCounts, startStockCount } from './stock-count.service';
import {
  CloseStockCountInput,
  CountScanResultNode,
  CountScansPayload,
  StartStockCountInput,
  StockCountNode,
  StockCountScanConnection,
  StockCountScanNode,
} from './stock-count.type';

@ArgsType()
class PageArgsType {
  @Field(() => Int, { nullable: true, defaultValue: 50 }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ArgsType()
class ScanArgs {
  @Field(() => ID) countId!: string;
  @Field(() => [String], { description: 'Codes as scanned (a wedge or camera may send several at once).' })
  @SerialNumbers()
  @ArrayMaxSize(LIMITS.serialsPerDocument)
  numbers!: string[];
  @Field(() => String, {
    nullable: true,
    description:
      'A retry with the same key answers as the first call did (its codes are not reported as duplicates).',
  })
  idempotencyKey?: string | null;
}

@Resolver(() => StockCountNode)
export class StockCountResolver {
  @Authorized('clerk')
  @Mutation(() => StockCountNode, {
    description:
      'Starts a stock count of a warehouse (optionally one serial-tracked product): the units IN_STOCK there now are what it expects.',
  })
  startStockCount(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => StartStockCountInput) input: StartStockCountInput,
  ) {
    return startStockCount(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => CountScansPayload, {
    description: `Records scanned codes on an open count (at most ${LIMITS.serialsPerDocument.toLocaleString('en')} per call), each with its own verdict. STOCK_COUNT_NOT_OPEN once the count ended.`,
  })
  async recordCountScans(@Ctx() ctx: RequestContext, @Args(() => ScanArgs) args: ScanArgs) {
    const answer = await recordCountScans(ctx, args.countId, args.numbers, args.idempotencyKey ?? null);
    return { count: answer.count, scans: answer.scans.map((s) => scanResult(ctx, s)) };
  }

  @Authorized('clerk')
  @Mutation(() => StockCountNode, {
    description:
      'Closes an open count, once: its lists are frozen; with postFixes (admin keys) the fixes are posted as documents based on it. Two closes at once: one wins, the other gets STOCK_COUNT_NOT_OPEN. A refused close writes nothing.',
  })
  closeStockCount(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CloseStockCountInput) input: CloseStockCountInput,
  ) {
    return closeStockCount(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => StockCountNode, {
    description: 'Cancels an open count: nothing is posted; its lists stay readable.',
  })
  cancelStockCount(@Ctx() ctx: RequestContext, @Arg('countId', () => ID) countId: string) {
    return cancelStockCount(ctx, countId);
  }

  @Authorized()
  @Query(() => StockCountNode, { nullable: true })
  stockCount(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return findStockCount(ctx, id);
  }

  @Authorized()
  @Query(() => [StockCountNode], { description: 'The organization’s stock counts, newest first.' })
  stockCounts(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => StockCountStatus, { nullable: true }) status?: StockCountStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
  ) {
    return listStockCounts(ctx, status, pageSize(first));
  }

  @FieldResolver(() => ID)
  id(@Root() c: StockCountRow) {
    return stockCountGlobalId(c.id);
  }

  @FieldResolver(() => WarehouseNode)
  warehouse(@Root() c: StockCountRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.warehouse.load(c.warehouseId);
  }

  @FieldResolver(() => ProductNode, { nullable: true })
  product(@Root() c: StockCountRow, @Ctx() ctx: RequestContext) {
    return c.productId ? ctx.loaders.product.load(c.productId) : null;
  }

  @FieldResolver(() => Int, { description: 'How many units it expected when it started.' })
  expectedTotal(@Root() c: StockCountRow, @Ctx() ctx: RequestContext) {
    return expectedTotal(ctx, c);
  }

  @FieldResolver(() => StockCountScanConnection, { description: 'Counted and expected, in number order.' })
  async counted(
    @Root() c: StockCountRow,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgsType) args: PageArgsType,
  ) {
    const page = await countedList(ctx, c, args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: scanNode(ctx, e.node, null) })) };
  }

  @FieldResolver(() => SerialConnection, { description: 'Expected but not found, in number order.' })
  missing(
    @Root() c: StockCountRow,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgsType) args: PageArgsType,
  ) {
    return missingList(ctx, c, args);
  }

  @FieldResolver(() => StockCountScanConnection, {
    description:
      'Found but not expected, in number order, each with the unit as the system holds it and why.',
  })
  async found(
    @Root() c: StockCountRow,
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgsType) args: PageArgsType,
  ) {
    const page = await foundList(ctx, c, args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: scanNode(ctx, e.node, e.node) })) };
  }

  @FieldResolver(() => [DocumentNode], {
    description: 'The documents its close posted (the fixes), in posting order.',
  })
  documents(@Root() c: StockCountRow, @Ctx() ctx: RequestContext) {
    return sql<DocumentRow>(
      ctx.em,
      `select ${DOCUMENT_COLUMNS} from stock_count_document l
         join document d on d.organization_id = l.organization_id and d.id = l.document_id
        where l.organization_id = ? and l.count_id = ? order by l.ordinal`,
      [ctx.organizationId, c.id],
    );
  }
}

/** The count a document was posted for (the fixes of a count's close), on Document. */
@Resolver(() => DocumentNode)
export class DocumentStockCountResolver {
  @FieldResolver(() => StockCountNode, {
    nullable: true,
    description: 'The stock count this document fixes (posted by its close), if any.',
  })
  stockCount(@Root() d: DocumentRow, @Ctx() ctx: RequestContext) {
    return stockCountOfDocument(ctx, d.id);
  }
}

function scanNode(ctx: RequestContext, item: ScanItem, found: FoundItem | null): StockCountScanNode {
  return {
    number: item.number,
    scannedAt: item.scannedAt,
    scannedBy: item.scannedBy,
    serial: (item.serialId ? ctx.loaders.serial.load(item.serialId) : null) as never,
    reason: found?.reason ?? null,
    fixable: found ? foundFix(found.reason) === 'TRANSFER' : false,
  };
}

function scanResult(ctx: RequestContext, s: CountScan): CountScanResultNode {
  return {
    code: s.code,
    number: s.number,
    verdict: s.verdict,
    message: countScanMessage(s.verdict, s.number),
    serial: (s.serialId ? ctx.loaders.serial.load(s.serialId) : null) as never,
    product: (s.productId && !s.serialId ? ctx.loaders.product.load(s.productId) : null) as never,
  };
}
