import { DomainError, ErrorCode } from '@serialgraph/domain';
import { isUuid } from './ids';

/** The GraphQL types that implement Node. */
export type NodeType = 'Product' | 'Warehouse' | 'Party' | 'Serial' | 'Movement' | 'Document';
const NODE_TYPES: ReadonlySet<string> = new Set<NodeType>([
  'Product',
  'Warehouse',
  'Party',
  'Serial',
  'Movement',
  'Document',
]);

/** Opaque, globally unique id: base64url of `Type:uuid` (Relay convention). */
export function toGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** Decodes any global id; null when it is not one of ours. */
export function parseGlobalId(globalId: string): { type: NodeType; id: string } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = decoded.indexOf(':');
  const type = decoded.slice(0, sep);
  const id = decoded.slice(sep + 1);
  if (sep < 0 || !NODE_TYPES.has(type) || !isUuid(id)) return null;
  return { type: type as NodeType, id };
}

// Our ids are about 50 characters; a refusal never echoes megabytes of whatever was sent instead.
const ECHO_MAX = 100;
function echoId(globalId: string): string {
  return globalId.length > ECHO_MAX ? `${globalId.slice(0, ECHO_MAX)}…` : globalId;
}

/** The uuid behind an id argument of the expected type; anything else is NOT_FOUND, as the contract says. */
export function idOf(type: NodeType, globalId: string, what: string = type): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.type !== type)
    throw new DomainError(ErrorCode.NOT_FOUND, `${what} ${echoId(globalId)} was not found.`);
  return parsed.id;
}

export function optionalIdOf(
  type: NodeType,
  globalId: string | null | undefined,
  what?: string,
): string | null {
  return globalId == null ? null : idOf(type, globalId, what);
}

/** For nullable lookups (`document(id)`, `product(id)`): an id that is not one of ours finds nothing. */
export function lookupIdOf(type: NodeType, globalId: string): string | null {
  const parsed = parseGlobalId(globalId);
  return parsed?.type === type ? parsed.id : null;
}
