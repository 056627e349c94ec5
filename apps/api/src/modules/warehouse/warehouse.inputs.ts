import { Field, InputType } from 'type-graphql';
import { LIMITS } from '../../common/input-limits';
import { RequiredText } from '../../common/validation';

@InputType('CreateWarehouseInput')
export class CreateWarehouseInput {
  @Field(() => String) @RequiredText(LIMITS.code) code!: string;
  @Field(() => String) @RequiredText(LIMITS.name) name!: string;
}
