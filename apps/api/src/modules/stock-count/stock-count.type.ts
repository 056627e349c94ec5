import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CountScanVerdict, FoundReason, StockCountStatus } from '@serialgraph/domain';
import { PageInfo } from '../../common/node';
import { DateTimeScalar } from '../../common/scalars';
import { MultilineText } from '../../common/text-input';
import { LIMITS } from '../../common/input-limits';
import { ProductNode } from '../product/product.type';
import { SerialNode } from '../serial/serial.type';

registerEnumType(StockCountStatus, {
  name: 'StockCountStatus',
  description:
    'OPEN: scans are recorded; CLOSED: closed once (with or without fixes); CANCELLED: ended without closing.',
});
registerEnumType(CountScanVerdict, {
  name: 'CountScanVerdict',
  description:
    'COUNTED: a recorded unit, now counted; DUPLICATE: already scanned in this count, ignored; UNKNOWN: no unit carries this number, kept in the found list; PRODUCT_BARCODE: a product barcode, not a serial, refused (scan the unit’s serial label); INVALID: empty, longer than 64 characters, spaces or control characters, refused.',
});
registerEnumType(FoundReason, {
  name: 'StockCountFoundReason',
  description:
    'Why a found unit was not expected: UNKNOWN (no unit with this number), OTHER_WAREHOUSE (in stock in another warehouse), OUT_OF_STORAGE (shipped or written off), NOT_AVAILABLE (on hold or in repair), OTHER_PRODUCT (in stock here, of another product than the count’s).',
});

@ObjectType('StockCount', {
  description:
    'A stock count (audit) of one warehouse, optionally one product. Expected: the units IN_STOCK there when it started (a snapshot). ' +
    'Counted and expected: scanned units in scope when scanned or now. Missing: expected, still in scope now, not scanned (a unit that left by a document during the count is not missing). ' +
    'Found: scanned but out of scope when scanned and now, or unknown numbers. Live while OPEN; frozen when it ends.',
})
export class StockCountNode {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Human number, e.g. "CNT-000001".' }) number!: string;
  @Field(() => StockCountStatus) status!: StockCountStatus;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { description: 'Who started it (the actor of the key).' }) startedBy!: string;
  @Field(() => DateTimeScalar) startedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Who closed or cancelled it.' }) endedBy!:
    string | null;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt!: Date | null;
  @Field(() => Boolean, { description: 'True when it was closed with postFixes.' }) fixesPosted!: boolean;
}

@ObjectType('StockCountScan', { description: 'A scanned code of a list: the scan, and the unit it names.' })
export class StockCountScanNode {
  @Field(() => String, { description: 'The number as scanned (normalised).' }) number!: string;
  @Field(() => DateTimeScalar) scannedAt!: Date;
  @Field(() => String) scannedBy!: string;
  @Field(() => SerialNode, {
    nullable: true,
    description:
      'The unit, as the system holds it now (status, warehouse, customer, history); null: unknown number.',
  })
  serial!: SerialNode | null;
  @Field(() => FoundReason, {
    nullable: true,
    description: 'Found list only: why the unit was not expected.',
  })
  reason!: FoundReason | null;
  @Field(() => Boolean, {
    description:
      'Found list only: true when a close with postFixes transfers the unit here (in stock in another warehouse); the others are left for a person.',
  })
  fixable!: boolean;
}

@ObjectType('StockCountScanEdge')
export class StockCountScanEdge {
  @Field(() => StockCountScanNode) node!: StockCountScanNode;
  @Field(() => String) cursor!: string;
}

@ObjectType('StockCountScanConnection')
export class StockCountScanConnection {
  @Field(() => [StockCountScanEdge]) edges!: StockCountScanEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('CountScanResult', { description: 'What became of one code sent to recordCountScans.' })
export class CountScanResultNode {
  @Field(() => String, { description: 'The code as sent.' }) code!: string;
  @Field(() => String, { nullable: true, description: 'The code normalised (null when INVALID).' })
  number!: string | null;
  @Field(() => CountScanVerdict) verdict!: CountScanVerdict;
  @Field(() => String, { description: 'The verdict in plain words.' }) message!: string;
  @Field(() => SerialNode, { nullable: true, description: 'COUNTED (and DUPLICATE of a unit): the unit.' })
  serial!: SerialNode | null;
  @Field(() => ProductNode, {
    nullable: true,
    description: 'PRODUCT_BARCODE: the product the barcode belongs to.',
  })
  product!: ProductNode | null;
}

@ObjectType('CountScansPayload')
export class CountScansPayload {
  @Field(() => StockCountNode) count!: StockCountNode;
  @Field(() => [CountScanResultNode], { description: 'One result per code sent, in the order sent.' })
  scans!: CountScanResultNode[];
}

@InputType('StartStockCountInput')
export class StartStockCountInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => ID, { nullable: true, description: 'Count only this (serial-tracked) product.' })
  productId?: string | null;
  @Field(() => String, { nullable: true })
  @MultilineText()
  @IsOptional()
  @MaxLength(LIMITS.note)
  note?: string | null;
}

@InputType('CloseStockCountInput')
export class CloseStockCountInput {
  @Field(() => ID) countId!: string;
  @Field(() => Boolean, {
    description:
      'Post the fixes (admin keys only): a write-off of the missing units ("not found in count N") and a transfer here of found units recorded in stock in another warehouse, with the count as their basis. Units recorded as shipped, written off, on hold or in repair, and unknown numbers, are left for a person.',
  })
  postFixes!: boolean;
}
