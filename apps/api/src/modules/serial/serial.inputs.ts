import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { DateTimeScalar } from '../../common/scalars';
import { SerialStatus } from '@serialgraph/domain';
import { LIMITS } from '../../common/input-limits';
import { OptionalText } from '../../common/validation';

/** Receipts one filter may name. */
export const RECALL_RECEIPTS_MAX = 100;

@InputType('SerialFilter')
export class SerialFilter {
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => ID, { nullable: true }) warehouseId?: string | null;
  @Field(() => [SerialStatus], {
    nullable: true,
    description: 'When given, exactly these statuses (includeOutOfStorage is then ignored).',
  })
  statuses?: SerialStatus[] | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'The report shows units in storage unless this is true.',
  })
  includeOutOfStorage?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'Supplier or customer.' }) partyId?: string | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the number.' })
  @OptionalText(LIMITS.search)
  search?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Units this shipment sent that have not come back from it (for returns).',
  })
  returnableFromShipmentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Units received from this supplier.' })
  supplierId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Units whose latest sale went to this customer.' })
  customerId?: string | null;
  @Field(() => [ID], {
    nullable: true,
    description: `Units received in any of these receipts (at most ${RECALL_RECEIPTS_MAX}).`,
  })
  @IsOptional()
  @ArrayMaxSize(RECALL_RECEIPTS_MAX)
  receivedInDocumentIds?: string[] | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Units received at or after this instant.' })
  receivedFrom?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Units received before this instant.' })
  receivedBefore?: Date | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Units whose number is at or after this one, compared case-insensitively as text (numbers of one width compare as their counters do).',
  })
  @OptionalText(LIMITS.search)
  numberFrom?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Units whose number is at or before this one, compared as numberFrom.',
  })
  @OptionalText(LIMITS.search)
  numberTo?: string | null;
}
