import { DocumentType, DomainError, ErrorCode, internalCodesTaken, PartyRole } from '@serialgraph/domain';
import { isUniqueViolation } from '../../../common/db-errors';
import type { RequestContext } from '../../../common/context';
import { breathe } from '../../../common/slices';
import type { DocumentRow } from '../document.entity';
import type { ReceiveStockInput } from '../document.inputs';
import { postDocument } from './post-document';
import { planReceipt } from './receiving.plan';
import { readReferences, requireParty, requireWarehouse } from './references';
import { checkStockLines, internalCodes, lineProductIds, productIdsOrNull, serialKeys } from './stock-lines';
import { existingInternalCodes, existingNumbers, lockProducts } from './unit-locks';
import { withMadeNumbers } from '../../numbering/receipt-numbers';

export async function receiveStock(ctx: RequestContext, input: ReceiveStockInput): Promise<DocumentRow> {
  let keys: ReturnType<typeof serialKeys> | null = null;
  let codes: string[] = [];
  try {
    return await postDocument(
      ctx,
      DocumentType.RECEIPT,
      { idempotencyKey: input.idempotencyKey, input },
      async (tx) => {
        const products = await readReferences(tx, {
          warehouses: [input.warehouseId],
          parties: [input.supplierId],
          products: productIdsOrNull(input.lines),
        });
        const warehouse = await requireWarehouse(tx, input.warehouseId);
        const supplier = input.supplierId
          ? await requireParty(tx, input.supplierId, PartyRole.SUPPLIER)
          : null;
        const locked = products ?? (await lockProducts(tx, lineProductIds(input.lines)));
        const lines = await checkStockLines(await withMadeNumbers(tx, input.lines, locked), locked, {
          units: true,
        });
        await breathe();
        keys = serialKeys(lines);
        codes = internalCodes(lines);
        // Numbers already recorded are not looked up first: the unique index refuses them in the write
        // statement (all of it rolled back), and the catch below names them. One round trip fewer.
        return planReceipt(tx, {
          organizationId: tx.organizationId,
          warehouse,
          supplierId: supplier?.id ?? null,
          reference: input.reference,
          note: input.note,
          lines,
          taken: [],
        });
      },
    );
  } catch (error) {
    // Two receipts of the same new number raced: the unique index decided; name the numbers.
    if (keys && isUniqueViolation(error, 'serial_number_uq')) {
      const taken = await existingNumbers(ctx.em, ctx.organizationId, keys);
      throw new DomainError(ErrorCode.SERIAL_EXISTS, undefined, taken);
    }
    // Internal codes are unique per organization: the same index decides, and the catch names them.
    if (codes.length && isUniqueViolation(error, 'serial_internal_code_uq')) {
      throw internalCodesTaken(await existingInternalCodes(ctx.em, ctx.organizationId, codes));
    }
    throw error;
  }
}
