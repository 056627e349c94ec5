import { Field, ObjectType } from 'type-graphql';
import { PartyRole } from '@serialgraph/domain';
import { NodeInterface } from '../../common/node';

@ObjectType('Party', { implements: NodeInterface })
export class PartyNode extends NodeInterface {
  @Field(() => String) name!: string;
  @Field(() => [PartyRole]) roles!: PartyRole[];
}
