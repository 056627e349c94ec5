import { randomBytes } from 'node:crypto';
import {
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { breathe } from '../../common/slices';

/** Lists of strings longer than this are hidden from graphql-js's variable coercion. */
export const HIDDEN_LIST_MIN_LENGTH = 1000;
/** Elements type-checked between two yields to the event loop. */
const SLICE = 5000;

/**
 * Long `[String]` lists of one request's variables, hidden from graphql-js's coercion and handed
 * back to the resolvers.
 *
 * graphql-js coerces a list variable element by element in one synchronous call (~0.5 µs each:
 * 50 ms for a posting's 100,000 serials). Coercing a string as a `String` is the identity, so a
 * list whose every element is a string comes out of it equal to what went in. Such a list (found
 * by its type in the operation's variable definitions, never by a field name) is checked here in
 * slices, then given its own iterator, which yields one unguessable token: graphql-js coerces
 * lists through their iterator (`Array.from`), so it coerces `[token]` instead, in constant time.
 * Error messages print a list by index (graphql-js `inspect`), so they still show the real list.
 * Before any resolver runs, every `[token]` in its arguments is replaced by the real list
 * ({@link restoreIn}, called by the plugin for every field of the schema); the iterators are
 * removed again at the first field, when coercion is over.
 */
export class HiddenLists {
  private readonly byToken = new Map<string, string[]>();
  private released = false;

  /** How many lists are hidden. */
  get size(): number {
    return this.byToken.size;
  }

  /** Hides the long string lists of a mutation's variables (awaits between slices of the checks). */
  async hideIn(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): Promise<void> {
    const candidates: string[][] = [];
    for (const definition of operation.variableDefinitions ?? []) {
      const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
      const name = definition.variable.name.value;
      if (type && Object.hasOwn(variables, name)) collectStringLists(variables[name], type, candidates);
    }
    for (const list of candidates) {
      if (await everyElementIsString(list)) this.hide(list);
    }
  }

  private hide(list: string[]): void {
    if (this.released || Object.hasOwn(list, Symbol.iterator)) return; // the same list twice: once
    const token = `hidden-list:${randomBytes(24).toString('base64url')}`;
    this.byToken.set(token, list);
    Object.defineProperty(list, Symbol.iterator, {
      configurable: true,
      writable: true,
      value: () => [token][Symbol.iterator](),
    });
  }

  /**
   * Replaces, in a field's arguments (in place), every one-element list holding one of this
   * request's tokens by the real list. Coercion is over once a field resolves: the lists get their
   * own iterators back first.
   */
  restoreIn(args: Record<string, unknown>): void {
    this.release();
    restore(args, this.byToken);
  }

  /** The lists iterate as arrays again (idempotent). */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const list of this.byToken.values())
      delete (list as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  }
}

/** Arrays longer than the threshold at positions typed as a list of String (any nullability). */
function collectStringLists(value: unknown, type: GraphQLInputType, out: string[][]): void {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const itemType = nullable.ofType as GraphQLInputType;
    if (!Array.isArray(value)) return collectStringLists(value, itemType, out); // coerced as [value]
    if (isString(itemType)) {
      if (value.length > HIDDEN_LIST_MIN_LENGTH) out.push(value as string[]);
      return;
    }
    const named = getNullableType(itemType);
    if (!isInputObjectType(named) && !isListType(named)) return;
    for (const item of value) collectStringLists(item, itemType, out);
    return;
  }
  if (isInputObjectType(nullable) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = nullable.getFields();
    for (const name of Object.keys(fields)) {
      if (Object.hasOwn(value, name))
        collectStringLists((value as Record<string, unknown>)[name], fields[name]!.type, out);
    }
  }
}

/** The built-in String (a schema cannot define another type of that name). */
function isString(type: GraphQLInputType): boolean {
  const nullable = getNullableType(type);
  return isScalarType(nullable) && nullable.name === 'String';
}

/** True when every element is a string, checked in slices with a yield between them. */
async function everyElementIsString(list: readonly unknown[]): Promise<boolean> {
  for (let start = 0; start < list.length; start += SLICE) {
    if (start > 0) await breathe();
    const end = Math.min(list.length, start + SLICE);
    for (let i = start; i < end; i++) if (typeof list[i] !== 'string') return false;
  }
  return true;
}

/** See {@link HiddenLists.restoreIn}; returns the value to keep in place of `value`. */
function restore(value: unknown, byToken: ReadonlyMap<string, string[]>): unknown {
  if (Array.isArray(value)) {
    if (typeof value[0] === 'string') {
      return value.length === 1 ? (byToken.get(value[0]) ?? value) : value;
    }
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item && typeof item === 'object') value[i] = restore(item, byToken);
    }
    return value;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (item && typeof item === 'object') {
        const restored = restore(item, byToken);
        if (restored !== item) record[key] = restored;
      }
    }
  }
  return value;
}
