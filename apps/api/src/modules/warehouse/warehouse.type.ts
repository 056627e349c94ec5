import { Field, ObjectType } from 'type-graphql';
import { NodeInterface } from '../../common/node';

@ObjectType('Warehouse', { implements: NodeInterface })
export class WarehouseNode extends NodeInterface {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}
