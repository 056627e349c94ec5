import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { DocumentType, ReturnCondition } from '@serialgraph/domain';
import { LIMITS } from '../../common/input-limits';
import { DecimalScalar } from '../../common/scalars';
import { MultilineText, SerialNumbers } from '../../common/text-input';
import { NotBlank, OptionalText, RequiredText, TotalSerialsAtMost } from '../../common/validation';

/** Most units one document may move: bulk receipts of 100,000 serials are the design target. */
export const MAX_SERIALS_PER_DOCUMENT = LIMITS.serialsPerDocument;

/** Every document's lines: 1 to 1,000 lines, each validated, at most 100,000 serials over all of them. */
function DocumentLines(): PropertyDecorator {
  return (target, key) => {
    ArrayMinSize(1)(target, key);
    ArrayMaxSize(LIMITS.linesPerDocument)(target, key);
    TotalSerialsAtMost(LIMITS.serialsPerDocument)(target, key);
    ValidateNested({ each: true })(target, key);
  };
}

/** Optional; when given, 1 to 200 characters and not blank. */
function IdempotencyKey(): PropertyDecorator {
  return (target, key) => {
    OptionalText(LIMITS.idempotencyKey)(target, key);
    NotBlank()(target, key);
  };
}

@InputType('ReceiveUnitInput', {
  description:
    'One unit received with details beside its serial (receiveStock only): an internal code, or a hold because the label is unclear.',
})
export class ReceiveUnitInput {
  @Field(() => String) @SerialNumbers() serial!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The organization’s own code or asset tag, unique per organization (letter case ignored); INTERNAL_CODE_EXISTS when taken.',
  })
  @SerialNumbers()
  internalCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Marks the unit unclear: it arrives ON_HOLD (not IN_STOCK) and its RECEIVED movement carries this reason; fix the number with correctSerialNumber, then release it.',
  })
  @MultilineText()
  @OptionalText(LIMITS.note)
  @NotBlank()
  holdReason?: string | null;
}

@InputType('StockLineInput')
export class StockLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) @Min(1) @Max(LIMITS.lineQuantity) quantity!: number;
  @Field(() => [String], { nullable: true })
  @SerialNumbers()
  @IsOptional()
  @ArrayMaxSize(LIMITS.serialsPerDocument)
  serials?: string[] | null;
  @Field(() => [ReceiveUnitInput], {
    nullable: true,
    description:
      'receiveStock only: units with details, counted with `serials` (quantity = serials + units); other postings refuse it.',
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.serialsPerDocument)
  @ValidateNested({ each: true })
  units?: ReceiveUnitInput[] | null;
  @Field(() => DecimalScalar, { nullable: true }) unitCost?: string | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'receiveStock only: make this many new serials (equal to quantity) from the product’s numberTemplate instead of listing them.',
  })
  @IsOptional()
  @Min(1)
  @Max(LIMITS.serialsPerDocument)
  generate?: number | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'receiveStock only: receive the next `quantity` numbers of this serial reservation (reserveSerials) instead of listing them.',
  })
  reservationId?: string | null;
}

@InputType('ReceiveStockInput')
export class ReceiveStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LIMITS.reference) reference?: string | null;
  @Field(() => String, { nullable: true }) @MultilineText() @OptionalText(LIMITS.note) note?: string | null;
  @Field(() => [StockLineInput]) @DocumentLines() lines!: StockLineInput[];
  @Field(() => String, { nullable: true }) @IdempotencyKey() idempotencyKey?: string | null;
}

@InputType('ShipStockInput')
export class ShipStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => String, { nullable: true }) @OptionalText(LIMITS.reference) reference?: string | null;
  @Field(() => String, { nullable: true }) @MultilineText() @OptionalText(LIMITS.note) note?: string | null;
  @Field(() => [StockLineInput]) @DocumentLines() lines!: StockLineInput[];
  @Field(() => String, { nullable: true }) @IdempotencyKey() idempotencyKey?: string | null;
}

@InputType('ReturnStockInput')
export class ReturnStockInput {
  @Field(() => ID) shipmentId!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Where the units come back to; default the shipment’s warehouse.',
  })
  warehouseId?: string | null;
  @Field(() => [String]) @SerialNumbers() @ArrayMaxSize(LIMITS.serialsPerDocument) serials!: string[];
  @Field(() => ReturnCondition) condition!: ReturnCondition;
  @Field(() => String, { nullable: true }) @MultilineText() @OptionalText(LIMITS.note) reason?: string | null;
  @Field(() => String, { nullable: true }) @IdempotencyKey() idempotencyKey?: string | null;
}

@InputType('TransferStockInput')
export class TransferStockInput {
  @Field(() => ID) fromWarehouseId!: string;
  @Field(() => ID) toWarehouseId!: string;
  @Field(() => [StockLineInput]) @DocumentLines() lines!: StockLineInput[];
  @Field(() => String, { nullable: true }) @MultilineText() @OptionalText(LIMITS.note) note?: string | null;
  @Field(() => String, { nullable: true }) @IdempotencyKey() idempotencyKey?: string | null;
}

@InputType('WriteOffStockInput')
export class WriteOffStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => String) @MultilineText() @RequiredText(LIMITS.note) reason!: string;
  @Field(() => [StockLineInput]) @DocumentLines() lines!: StockLineInput[];
  @Field(() => String, { nullable: true }) @IdempotencyKey() idempotencyKey?: string | null;
}

@InputType('HoldStockInput')
export class HoldStockInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => String) @MultilineText() @RequiredText(LIMITS.note) reason!: string;
  @Field(() => [StockLineInput]) @DocumentLines() lines!: StockLineInput[];
  @Field(() => String, { nullable: true }) @IdempotencyKey() idempotencyKey?: string | null;
}

@InputType('IntakeRepairInput')
export class IntakeRepairInput {
  @Field(() => ID) serialId!: string;
  @Field(() => ID) warehouseId!: string;
  @Field(() => String, { nullable: true }) @MultilineText() @OptionalText(LIMITS.note) note?: string | null;
  @Field(() => String, { nullable: true }) @IdempotencyKey() idempotencyKey?: string | null;
}

@InputType('ReleaseRepairInput')
export class ReleaseRepairInput {
  @Field(() => ID) serialId!: string;
  @Field(() => ID, { nullable: true }) replacementSerialId?: string | null;
  @Field(() => String, { nullable: true }) @MultilineText() @OptionalText(LIMITS.note) note?: string | null;
  @Field(() => String, { nullable: true }) @IdempotencyKey() idempotencyKey?: string | null;
}

@InputType('CorrectSerialNumberInput')
export class CorrectSerialNumberInput {
  @Field(() => ID) serialId!: string;
  @Field(() => String) @SerialNumbers() newNumber!: string;
  @Field(() => String) @MultilineText() @RequiredText(LIMITS.note) reason!: string;
  @Field(() => String, { nullable: true }) @IdempotencyKey() idempotencyKey?: string | null;
}

@InputType('SetInternalCodeInput')
export class SetInternalCodeInput {
  @Field(() => ID) serialId!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The new internal code (asset tag); null or "" clears it. Unique per organization, letter case ignored.',
  })
  @SerialNumbers()
  internalCode?: string | null;
  @Field(() => String) @MultilineText() @RequiredText(LIMITS.note) reason!: string;
  @Field(() => String, { nullable: true }) @IdempotencyKey() idempotencyKey?: string | null;
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
  @OptionalText(LIMITS.search)
  search?: string | null;
}
