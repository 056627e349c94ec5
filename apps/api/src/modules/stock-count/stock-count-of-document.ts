import DataLoader from 'dataloader';
import type { RequestContext } from '../../common/context';
import { sql } from '../../common/sql';
import { STOCK_COUNT_COLUMNS, type StockCountRow } from './stock-count.row';

// One loader per request (keyed by its context): a page of documents asks for their counts in one statement.
const loaders = new WeakMap<RequestContext, DataLoader<string, StockCountRow | null>>();

/** The count whose close posted the document (a fix), or null. */
export function stockCountOfDocument(ctx: RequestContext, documentId: string): Promise<StockCountRow | null> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = await sql<StockCountRow & { documentId: string }>(
        ctx.em,
        `select l.document_id as "documentId", ${STOCK_COUNT_COLUMNS} from stock_count_document l
           join stock_count c on c.organization_id = l.organization_id and c.id = l.count_id
          where l.organization_id = ? and l.document_id = any(?::uuid[])`,
        [ctx.organizationId, ids],
      );
      const byDocument = new Map(rows.map((r) => [r.documentId, r]));
      return ids.map((id) => byDocument.get(id) ?? null);
    });
    loaders.set(ctx, loader);
  }
  return loader.load(documentId);
}
