import { Kind, parse, type DocumentNode } from 'graphql';

/** The one root field a caller without a key may ask for. */
export const PUBLIC_FIELD = 'publicWarranty';

/** Far more than `{ publicWarranty(organization: …, serial: …) { productName endsAt active } }` needs. */
const MAX_TOKENS = 200;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * True when a JSON GraphQL request body asks for exactly one `publicWarranty` (and optionally
 * `__typename`) at the root of its only operation, a query, and for nothing else: no other root
 * field, no fragments, no directives, no persisted-query hash instead of the text. Anything else
 * from a caller without a key is refused as unauthenticated; so is a body that does not parse.
 */
export function isPublicWarrantyRequest(body: unknown): boolean {
  if (!isObject(body)) return false;
  const { query, variables, operationName, extensions, ...rest } = body;
  if (Object.keys(rest).length > 0 || typeof query !== 'string') return false;
  if (variables != null && !isObject(variables)) return false;
  if (operationName != null && typeof operationName !== 'string') return false;
  if (extensions != null && (!isObject(extensions) || 'persistedQuery' in extensions)) return false;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true, maxTokens: MAX_TOKENS });
  } catch {
    return false;
  }
  if (document.definitions.length !== 1) return false;
  const [operation] = document.definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return false;
  if (operation.directives?.length) return false;
  let lookups = 0;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) return false;
    if (selection.name.value === PUBLIC_FIELD) lookups++;
    else if (selection.name.value !== '__typename') return false;
  }
  // One lookup per request: aliases would multiply what the rate limit lets through.
  return lookups === 1;
}
