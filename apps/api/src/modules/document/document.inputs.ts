import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { DocumentType, ReturnCondition } from '@serialgraph/domain';
import { DecimalScalar } from '../../common/scalars';

/** Most units one document may move: bulk receipts of 100,000 serials are the design target. */
export const MAX_SERIALS_PER_DOCUMENT = 100_000;

@InputType('StockLineInput')
export class StockLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(MAX_SERIALS_PER_DOCUMENT) serials?:
    string[] | null;
  @Field(() => DecimalScalar, { nullable: true }) unitCost?: string | null;
}

@InputType('ReceiveStockInput')
export class ReceiveStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) reference?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) note?: string | null;
  @Field(() => [StockLineInput]) lines!: StockLineInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) idempotencyKey?: string | null;
}

@InputType('ShipStockInput')
export class ShipStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) reference?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) note?: string | null;
  @Field(() => [StockLineInput]) lines!: StockLineInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) idempotencyKey?: string | null;
}

@InputType('ReturnStockInput')
export class ReturnStockInput {
  @Field(() => ID) shipmentId!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Where the units come back to; default the shipment’s warehouse.',
  })
  warehouseId?: string | null;
  @Field(() => [String]) @ArrayMaxSize(MAX_SERIALS_PER_DOCUMENT) serials!: string[];
  @Field(() => ReturnCondition) condition!: ReturnCondition;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) reason?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) idempotencyKey?: string | null;
}

@InputType('TransferStockInput')
export class TransferStockInput {
  @Field(() => ID) fromWarehouseId!: string;
  @Field(() => ID) toWarehouseId!: string;
  @Field(() => [StockLineInput]) lines!: StockLineInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) note?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) idempotencyKey?: string | null;
}

@InputType('WriteOffStockInput')
export class WriteOffStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => String) @Length(1, 2000) reason!: string;
  @Field(() => [StockLineInput]) lines!: StockLineInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) idempotencyKey?: string | null;
}

@InputType('HoldStockInput')
export class HoldStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => String) @Length(1, 2000) reason!: string;
  @Field(() => [StockLineInput]) lines!: StockLineInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) idempotencyKey?: string | null;
}

@InputType('IntakeRepairInput')
export class IntakeRepairInput {
  @Field(() => ID) serialId!: string;
  @Field(() => ID) warehouseId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) note?: string | null;
}

@InputType('ReleaseRepairInput')
export class ReleaseRepairInput {
  @Field(() => ID) serialId!: string;
  @Field(() => ID, { nullable: true }) replacementSerialId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) note?: string | null;
}

@InputType('CorrectSerialNumberInput')
export class CorrectSerialNumberInput {
  @Field(() => ID) serialId!: string;
  @Field(() => String) newNumber!: string;
  @Field(() => String) @Length(1, 2000) reason!: string;
}

@InputType('DocumentFilter')
export class DocumentFilter {
  @Field(() => [DocumentType], { nullable: true }) types?: DocumentType[] | null;
  @Field(() => ID, { nullable: true }) partyId?: string | null;
  @Field(() => ID, { nullable: true }) warehouseId?: string | null;
  @Field(() => ID, { nullable: true }) serialId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of the document number or party name.',
  })
  search?: string | null;
}
