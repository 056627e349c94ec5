import { Field, ID, InputType } from 'type-graphql';
import { ArrayMinSize, ArrayUnique, IsEmail, IsOptional } from 'class-validator';
import { PartyRole } from '@serialgraph/domain';
import { LIMITS } from '../../common/input-limits';
import { MultilineText } from '../../common/text-input';
import { OptionalText, RequiredText } from '../../common/validation';

// Contact data (email, phone, address) is how a recall reaches the customers who have its units.
// Written out in each input: type-graphql does not carry field extensions (multiline) to subclasses.

const EMAIL_MESSAGE = { message: 'email must be an email address.' };

@InputType('CreatePartyInput')
export class CreatePartyInput {
  @Field(() => String) @RequiredText(LIMITS.name) name!: string;
  @Field(() => [PartyRole]) @ArrayMinSize(1) @ArrayUnique() roles!: PartyRole[];
  @Field(() => String, { nullable: true })
  @OptionalText(LIMITS.email)
  @IsOptional()
  @IsEmail({}, EMAIL_MESSAGE)
  email?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LIMITS.phone) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Postal address (may span lines).' })
  @MultilineText()
  @OptionalText(LIMITS.note)
  address?: string | null;
}

@InputType('UpdatePartyInput', { description: 'Fields given are changed; null clears a contact field.' })
export class UpdatePartyInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @OptionalText(LIMITS.name) name?: string | null;
  @Field(() => String, { nullable: true })
  @OptionalText(LIMITS.email)
  @IsOptional()
  @IsEmail({}, EMAIL_MESSAGE)
  email?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(LIMITS.phone) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Postal address (may span lines).' })
  @MultilineText()
  @OptionalText(LIMITS.note)
  address?: string | null;
}
