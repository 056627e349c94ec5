import { Field, ObjectType } from 'type-graphql';
import { PartyRole } from '@serialgraph/domain';
import { NodeInterface } from '../../common/node';

@ObjectType('Party', { implements: NodeInterface })
export class PartyNode extends NodeInterface {
  @Field(() => String) name!: string;
  @Field(() => [PartyRole]) roles!: PartyRole[];
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Postal address, as written (may span lines).' })
  address?: string | null;
}
