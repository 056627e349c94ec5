import { Field, ID, InputType, Int } from 'type-graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { SerialPreset, TrackingMode } from '@serialgraph/domain';
import { LIMITS } from '../../common/input-limits';
import { OptionalText, RequiredText } from '../../common/validation';

/** What serialFormat accepts, for the schema (the README says the same). */
export const SERIAL_FORMAT_DESCRIPTION =
  'Regular expression every serial number must fully match, in RE2 syntax (matched in linear time): ' +
  'classes such as [A-Z], \\d, \\p{L}, repetitions {n,m} up to 1000, alternatives, groups, (?i); ' +
  'no lookaround, no backreferences; a code point is written \\x{41}. At most 200 characters; ' +
  'a pattern RE2 cannot compile is refused with BAD_USER_INPUT. A product has a serialFormat or a serialPreset, not both.';

/** What serialPreset means, for the schema. */
export const SERIAL_PRESET_DESCRIPTION =
  'A well-known format with its check digit, instead of a serialFormat pattern (setting both is refused with ' +
  'BAD_USER_INPUT, field serialPreset). A number failing its check digit is INVALID_SERIAL_FORMAT with problem CHECK_DIGIT.';

@InputType('CreateProductInput')
export class CreateProductInput {
  @Field(() => String) @RequiredText(LIMITS.sku) sku!: string;
  @Field(() => String) @RequiredText(LIMITS.name) name!: string;
  @Field(() => TrackingMode, { nullable: true, defaultValue: TrackingMode.NONE })
  trackingMode?: TrackingMode | null;
  @Field(() => String, { nullable: true, description: SERIAL_FORMAT_DESCRIPTION })
  @OptionalText(LIMITS.serialFormat)
  serialFormat?: string | null;
  @Field(() => SerialPreset, { nullable: true, description: SERIAL_PRESET_DESCRIPTION })
  serialPreset?: SerialPreset | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1200) warrantyMonths?:
    number | null;
}

@InputType('UpdateProductInput')
export class UpdateProductInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @RequiredText(LIMITS.name) name?: string | null;
  @Field(() => TrackingMode, { nullable: true }) trackingMode?: TrackingMode | null;
  @Field(() => String, {
    nullable: true,
    description: `${SERIAL_FORMAT_DESCRIPTION} An empty string removes the format.`,
  })
  @OptionalText(LIMITS.serialFormat)
  serialFormat?: string | null;
  @Field(() => SerialPreset, {
    nullable: true,
    description: `${SERIAL_PRESET_DESCRIPTION} null removes the preset; to switch from a pattern, also send serialFormat "".`,
  })
  serialPreset?: SerialPreset | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1200) warrantyMonths?:
    number | null;
}
