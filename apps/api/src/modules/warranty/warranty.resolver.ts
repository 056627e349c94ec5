import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { lookUpPublicWarranty } from './public-warranty.service';
import { PublicWarrantyType, WarrantyLookupSettingsType } from './warranty.type';
import { publishWarrantyLookup, warrantyLookupSettings } from './warranty-settings.service';

@Resolver()
export class WarrantyResolver {
  /** The one field a caller without a key may ask for (public-request.ts lets nothing else through). */
  @Query(() => [PublicWarrantyType], {
    description:
      'Without an API key: the warranty of a sold unit on the page an organization published (see publishWarrantyLookup). ' +
      'An unknown or unpublished organization, an unknown serial and a unit never sold all answer the same empty list.',
  })
  publicWarranty(
    @Ctx() ctx: RequestContext,
    @Arg('organization', () => String, { description: 'The page’s slug: /w/<slug>.' }) organization: string,
    @Arg('serial', () => String) serial: string,
  ) {
    return lookUpPublicWarranty(ctx.em, organization, serial);
  }

  @Authorized()
  @Query(() => WarrantyLookupSettingsType, { description: 'This organization’s public warranty page.' })
  warrantyLookup(@Ctx() ctx: RequestContext) {
    return warrantyLookupSettings(ctx);
  }

  @Authorized('admin')
  @Mutation(() => WarrantyLookupSettingsType, {
    description:
      'Sets the public warranty page’s slug (unique; lower-case a–z, 0–9 and hyphens; 3–40 characters) and turns it on or off.',
  })
  publishWarrantyLookup(
    @Ctx() ctx: RequestContext,
    @Arg('slug', () => String) slug: string,
    @Arg('published', () => Boolean) published: boolean,
  ) {
    return publishWarrantyLookup(ctx, slug, published);
  }
}
