import { Field, InputType } from 'type-graphql';
import { ArrayMinSize, ArrayUnique, Length } from 'class-validator';
import { PartyRole } from '@serialgraph/domain';

@InputType('CreatePartyInput')
export class CreatePartyInput {
  @Field(() => String) @Length(1, 200) name!: string;
  @Field(() => [PartyRole]) @ArrayMinSize(1) @ArrayUnique() roles!: PartyRole[];
}
