import { Field, ID, InputType, Int } from 'type-graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { NUMBER_TEMPLATE_MAX_LENGTH, TrackingMode } from '@serialgraph/domain';
import { LIMITS } from '../../common/input-limits';
import { OptionalText, RequiredText } from '../../common/validation';

/** What serialFormat accepts, for the schema (the README says the same). */
export const SERIAL_FORMAT_DESCRIPTION =
  'Regular expression every serial number must fully match, in RE2 syntax (matched in linear time): ' +
  'classes such as [A-Z], \\d, \\p{L}, repetitions {n,m} up to 1000, alternatives, groups, (?i); ' +
  'no lookaround, no backreferences; a code point is written \\x{41}. At most 200 characters; ' +
  'a pattern RE2 cannot compile is refused with BAD_USER_INPUT.';

/** What numberTemplate accepts, for the schema (packages/domain number-template.ts is the grammar). */
export const NUMBER_TEMPLATE_DESCRIPTION =
  'How serial numbers are made for units that arrive without one (receiveStock lines with `generate`, ' +
  'reserveSerials), e.g. TOOL-{YYYY}-{SEQ:6}: {SEQ:n} (exactly once) the per-product counter zero-padded ' +
  'to n digits (1 to 15, never widened), {YYYY}/{YY} the UTC year of the posting or reservation, {CHECK} ' +
  'a Luhn check digit over the digits before it, anything else fixed text (no braces or whitespace). ' +
  'At most 100 characters; numbers at most 64 and matching serialFormat, else BAD_USER_INPUT.';

@InputType('CreateProductInput')
export class CreateProductInput {
  @Field(() => String) @RequiredText(LIMITS.sku) sku!: string;
  @Field(() => String) @RequiredText(LIMITS.name) name!: string;
  @Field(() => TrackingMode, { nullable: true, defaultValue: TrackingMode.NONE })
  trackingMode?: TrackingMode | null;
  @Field(() => String, { nullable: true, description: SERIAL_FORMAT_DESCRIPTION })
  @OptionalText(LIMITS.serialFormat)
  serialFormat?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1200) warrantyMonths?:
    number | null;
  @Field(() => String, { nullable: true, description: NUMBER_TEMPLATE_DESCRIPTION })
  @OptionalText(NUMBER_TEMPLATE_MAX_LENGTH)
  numberTemplate?: string | null;
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
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1200) warrantyMonths?:
    number | null;
  @Field(() => String, {
    nullable: true,
    description: `${NUMBER_TEMPLATE_DESCRIPTION} An empty string removes the template.`,
  })
  @OptionalText(NUMBER_TEMPLATE_MAX_LENGTH)
  numberTemplate?: string | null;
}
