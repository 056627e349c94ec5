import { Field, ObjectType } from 'type-graphql';
import { MovementType, SerialStatus } from '@serialgraph/domain';
import { NodeInterface } from '../../common/node';
import { DateTimeScalar } from '../../common/scalars';

@ObjectType('Movement', { implements: NodeInterface })
export class MovementNode extends NodeInterface {
  @Field(() => MovementType) type!: MovementType;
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => SerialStatus, { nullable: true, description: 'Null for RECEIVED.' })
  fromStatus!: SerialStatus | null;
  @Field(() => SerialStatus) toStatus!: SerialStatus;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { description: 'Name of the API key that posted the document.' }) actor!: string;
  @Field(() => String, { nullable: true, description: 'NUMBER_CORRECTED only.' }) previousNumber!:
    string | null;
  @Field(() => String, {
    nullable: true,
    description: 'INTERNAL_CODE_CHANGED only: the code before (null when there was none).',
  })
  previousInternalCode!: string | null;
}
