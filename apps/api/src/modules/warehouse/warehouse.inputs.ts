import { Field, InputType } from 'type-graphql';
import { Length } from 'class-validator';

@InputType('CreateWarehouseInput')
export class CreateWarehouseInput {
  @Field(() => String) @Length(1, 32) code!: string;
  @Field(() => String) @Length(1, 200) name!: string;
}
