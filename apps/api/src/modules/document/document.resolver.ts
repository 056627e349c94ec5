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
import { ValidateNested } from 'class-validator';
import type { RequestContext } from '../../common/context';
import { toGlobalId } from '../../common/global-id';
import { DecimalScalar } from '../../common/scalars';
import { PartyNode } from '../party/party.type';
import { ProductNode } from '../product/product.type';
import { SerialNode } from '../serial/serial.type';
import { WarehouseNode } from '../warehouse/warehouse.type';
import type { DocumentLineRow, DocumentRow } from './document.entity';
import {
  CorrectSerialNumberInput,
  DocumentFilter,
  HoldStockInput,
  IntakeRepairInput,
  ReceiveStockInput,
  ReleaseRepairInput,
  ReturnStockInput,
  ShipStockInput,
  TransferStockInput,
  WriteOffStockInput,
  SetInternalCodeInput,
} from './document.inputs';
import { DocumentConnection, DocumentLineNode, DocumentNode } from './document.type';
import { onReadReplica } from '../../db/read-replica';
import { findDocumentById, listDocuments } from './document-query.service';
import { correctSerialNumber } from './posting/correction.service';
import { setInternalCode } from './posting/internal-code.service';
import { holdOrReleaseStock, shipStock, transferStock, writeOffStock } from './posting/moving.service';
import { receiveStock } from './posting/receiving.service';
import { intakeRepair, releaseRepair } from './posting/repairs.service';
import { returnStock } from './posting/returns.service';

@ArgsType()
class DocumentsArgs {
  @Field(() => DocumentFilter, { nullable: true }) @ValidateNested() filter?: DocumentFilter | null;
  @Field(() => Int, { nullable: true, defaultValue: 50 }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@Resolver(() => DocumentNode)
export class DocumentResolver {
  @Authorized()
  @Query(() => DocumentNode, { nullable: true })
  document(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return findDocumentById(ctx, id);
  }

  @Authorized()
  @Query(() => DocumentConnection)
  documents(@Ctx() ctx: RequestContext, @Args(() => DocumentsArgs) args: DocumentsArgs) {
    return listDocuments({ ...ctx, em: onReadReplica(ctx.em) }, args);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode)
  receiveStock(@Ctx() ctx: RequestContext, @Arg('input', () => ReceiveStockInput) input: ReceiveStockInput) {
    return receiveStock(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode)
  shipStock(@Ctx() ctx: RequestContext, @Arg('input', () => ShipStockInput) input: ShipStockInput) {
    return shipStock(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode)
  returnStock(@Ctx() ctx: RequestContext, @Arg('input', () => ReturnStockInput) input: ReturnStockInput) {
    return returnStock(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode)
  transferStock(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => TransferStockInput) input: TransferStockInput,
  ) {
    return transferStock(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode)
  writeOffStock(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => WriteOffStockInput) input: WriteOffStockInput,
  ) {
    return writeOffStock(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode)
  holdStock(@Ctx() ctx: RequestContext, @Arg('input', () => HoldStockInput) input: HoldStockInput) {
    return holdOrReleaseStock(ctx, 'HOLD', input);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode)
  releaseStock(@Ctx() ctx: RequestContext, @Arg('input', () => HoldStockInput) input: HoldStockInput) {
    return holdOrReleaseStock(ctx, 'RELEASE', input);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode)
  intakeRepair(@Ctx() ctx: RequestContext, @Arg('input', () => IntakeRepairInput) input: IntakeRepairInput) {
    return intakeRepair(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode)
  releaseRepair(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ReleaseRepairInput) input: ReleaseRepairInput,
  ) {
    return releaseRepair(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode)
  correctSerialNumber(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CorrectSerialNumberInput) input: CorrectSerialNumberInput,
  ) {
    return correctSerialNumber(ctx, input);
  }

  @Authorized('clerk')
  @Mutation(() => DocumentNode, {
    description:
      'Sets, changes or clears a unit’s internal code: a SERIAL_CORRECTION document whose INTERNAL_CODE_CHANGED movement keeps the previous code.',
  })
  setInternalCode(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SetInternalCodeInput) input: SetInternalCodeInput,
  ) {
    return setInternalCode(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() doc: DocumentRow) {
    return toGlobalId('Document', doc.id);
  }

  @FieldResolver(() => WarehouseNode, { nullable: true, description: 'Source (or only) warehouse.' })
  warehouse(@Root() doc: DocumentRow, @Ctx() ctx: RequestContext) {
    return doc.warehouseId ? ctx.loaders.warehouse.load(doc.warehouseId) : null;
  }

  @FieldResolver(() => WarehouseNode, { nullable: true, description: 'TRANSFER destination.' })
  toWarehouse(@Root() doc: DocumentRow, @Ctx() ctx: RequestContext) {
    return doc.toWarehouseId ? ctx.loaders.warehouse.load(doc.toWarehouseId) : null;
  }

  @FieldResolver(() => PartyNode, { nullable: true })
  party(@Root() doc: DocumentRow, @Ctx() ctx: RequestContext) {
    return doc.partyId ? ctx.loaders.party.load(doc.partyId) : null;
  }

  @FieldResolver(() => DocumentNode, {
    nullable: true,
    description: 'SALES_RETURN → its SHIPMENT, REPAIR_RELEASE → its REPAIR_INTAKE.',
  })
  basedOn(@Root() doc: DocumentRow, @Ctx() ctx: RequestContext) {
    return doc.basedOnId ? ctx.loaders.document.load(doc.basedOnId) : null;
  }

  @FieldResolver(() => [DocumentLineNode])
  lines(@Root() doc: DocumentRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.linesByDocument.load(doc.id);
  }
}

@Resolver(() => DocumentLineNode)
export class DocumentLineResolver {
  @FieldResolver(() => ProductNode)
  product(@Root() line: DocumentLineRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.product.load(line.productId);
  }

  @FieldResolver(() => [SerialNode])
  serials(@Root() line: DocumentLineRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.serialsByLine.load(line.id);
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'Cost per unit: for units already received, the average of their own costs.',
  })
  unitCost(@Root() line: DocumentLineRow) {
    return line.unitCost;
  }

  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'The line’s cost: the sum of its units’ costs (specific identification).',
  })
  totalCost(@Root() line: DocumentLineRow) {
    return line.totalCost;
  }
}
