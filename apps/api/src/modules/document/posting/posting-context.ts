import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../common/context';
import { newId } from '../../../common/ids';
import { createLoaders, type Loaders } from '../../../common/loaders';

/**
 * What a workflow sees while it posts: the transaction's handle (and loaders bound to it), never the
 * request's, so every read that a posting depends on happens inside the transaction.
 */
export interface PostingContext {
  readonly em: EntityManager;
  readonly loaders: Loaders;
  readonly organizationId: string;
  readonly actor: string;
  /** The document being posted: its id is known before it is written. */
  readonly documentId: string;
  /** One timestamp for the whole document: its movements happen at the moment it is posted. */
  readonly postedAt: Date;
}

/** The context of a new document posted in the transaction `em` for the request's caller. */
export function postingContext(em: EntityManager, ctx: RequestContext, postedAt: Date): PostingContext {
  return {
    em,
    loaders: createLoaders(em, ctx.organizationId),
    organizationId: ctx.organizationId,
    actor: ctx.actor,
    documentId: newId(),
    postedAt,
  };
}
