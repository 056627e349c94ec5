import { Field, InputType } from 'type-graphql';
import { ArrayMinSize, ArrayUnique } from 'class-validator';
import { PartyRole } from '@serialgraph/domain';
import { LIMITS } from '../../common/input-limits';
import { RequiredText } from '../../common/validation';

@InputType('CreatePartyInput')
export class CreatePartyInput {
  @Field(() => String) @RequiredText(LIMITS.name) name!: string;
  @Field(() => [PartyRole]) @ArrayMinSize(1) @ArrayUnique() roles!: PartyRole[];
}
