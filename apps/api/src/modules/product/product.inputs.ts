import { Field, ID, InputType, Int } from 'type-graphql';
import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { TrackingMode } from '@serialgraph/domain';

@InputType('CreateProductInput')
export class CreateProductInput {
  @Field(() => String) @Length(1, 64) sku!: string;
  @Field(() => String) @Length(1, 200) name!: string;
  @Field(() => TrackingMode, { nullable: true, defaultValue: TrackingMode.NONE })
  trackingMode?: TrackingMode | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) serialFormat?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1200) warrantyMonths?:
    number | null;
}

@InputType('UpdateProductInput')
export class UpdateProductInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string | null;
  @Field(() => TrackingMode, { nullable: true }) trackingMode?: TrackingMode | null;
  @Field(() => String, { nullable: true, description: 'An empty string removes the format.' })
  @IsOptional()
  @Length(0, 200)
  serialFormat?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1200) warrantyMonths?:
    number | null;
}
