import { Field, ID, InputType } from 'type-graphql';
import { SerialStatus } from '@serialgraph/domain';
import { LIMITS } from '../../common/input-limits';
import { OptionalText } from '../../common/validation';

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
}
