import { gql, type TypedDocumentNode } from '@apollo/client';

/** The organization's public warranty page, as the settings screen reads and writes it. */
export interface WarrantyLookupSettings {
  slug: string | null;
  published: boolean;
  path: string | null;
}

export const WARRANTY_LOOKUP: TypedDocumentNode<
  { warrantyLookup: WarrantyLookupSettings },
  Record<string, never>
> = gql`
  query DemoWarrantyLookup {
    warrantyLookup {
      slug
      published
      path
    }
  }
`;

export const PUBLISH_WARRANTY_LOOKUP: TypedDocumentNode<
  { publishWarrantyLookup: WarrantyLookupSettings },
  { slug: string; published: boolean }
> = gql`
  mutation DemoPublishWarrantyLookup($slug: String!, $published: Boolean!) {
    publishWarrantyLookup(slug: $slug, published: $published) {
      slug
      published
      path
    }
  }
`;
