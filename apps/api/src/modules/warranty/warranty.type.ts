import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

/** All that anyone may learn of a sold unit from a published warranty page: no customer, price or history. */
@ObjectType('PublicWarranty', {
  description:
    'A sold unit as the public warranty page shows it: the product, the warranty end and whether it is active, nothing else.',
})
export class PublicWarrantyType {
  @Field(() => String) productName!: string;
  @Field(() => DateTimeScalar, { description: 'The first instant no longer covered.' }) endsAt!: Date;
  @Field(() => Boolean) active!: boolean;
}

@ObjectType('WarrantyLookupSettings', {
  description: 'The organization’s public warranty page (/w/<slug>): off until an admin publishes it.',
})
export class WarrantyLookupSettingsType {
  @Field(() => String, { nullable: true, description: 'Lower-case a–z, 0–9 and hyphens; 3–40 characters.' })
  slug!: string | null;
  @Field(() => Boolean) published!: boolean;
  @Field(() => String, { nullable: true, description: 'The page’s path, /w/<slug>, once a slug is set.' })
  path!: string | null;
}
