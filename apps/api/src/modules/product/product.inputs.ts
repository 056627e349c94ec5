import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import {
  MAX_BARCODES_PER_PRODUCT,
  NUMBER_TEMPLATE_MAX_LENGTH,
  SerialPreset,
  TrackingMode,
} from '@serialgraph/domain';
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

/** What barcodes accepts, for the schema (the README says the same). */
export const BARCODES_DESCRIPTION =
  `Product barcodes: GTIN-8, UPC-A (GTIN-12), EAN-13 or GTIN-14, digits only with a correct check digit ` +
  `(else INVALID_BARCODE naming each code), at most ${MAX_BARCODES_PER_PRODUCT} per product. Unique per ` +
  'organization (a UPC-A and its EAN-13 form with a leading 0 are the same code; one held by another ' +
  'product is refused with BARCODE_EXISTS). See resolveScan for what a scanned code means.';

/** Longest text accepted as one barcode before its GTIN check (GTIN-14 has 14 digits). */
const BARCODE_MAX_INPUT_LENGTH = 32;

/** The barcodes list of product inputs: bounded before any check runs. */
function Barcodes(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    ArrayMaxSize(MAX_BARCODES_PER_PRODUCT)(target, key);
    MaxLength(BARCODE_MAX_INPUT_LENGTH, { each: true })(target, key);
  };
}

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
  @Field(() => SerialPreset, { nullable: true, description: SERIAL_PRESET_DESCRIPTION })
  serialPreset?: SerialPreset | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1200) warrantyMonths?:
    number | null;
  @Field(() => [String], { nullable: true, description: BARCODES_DESCRIPTION })
  @Barcodes()
  barcodes?: string[] | null;
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
  @Field(() => SerialPreset, {
    nullable: true,
    description: `${SERIAL_PRESET_DESCRIPTION} null removes the preset; to switch from a pattern, also send serialFormat "".`,
  })
  serialPreset?: SerialPreset | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1200) warrantyMonths?:
    number | null;
  @Field(() => [String], {
    nullable: true,
    description: `${BARCODES_DESCRIPTION} The list replaces the product's barcodes; [] removes them all.`,
  })
  @Barcodes()
  barcodes?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: `${NUMBER_TEMPLATE_DESCRIPTION} An empty string removes the template.`,
  })
  @OptionalText(NUMBER_TEMPLATE_MAX_LENGTH)
  numberTemplate?: string | null;
}
