import {
  Kind,
  getNamedType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** A top-level field of a mutation: its name and the name it answers under (its alias, if any). */
export interface MutationField {
  field: string;
  responseName: string;
  /** It posts a document (it answers a `Document`). */
  posting: boolean;
  /** Where it is selected (its arguments). */
  node: FieldNode;
}

/**
 * The top-level fields of a mutation operation, through fragments, in document order. Directives
 * are not evaluated: a field under `@skip` still counts (the rule it serves is about what a
 * request may carry, so the stricter reading is the safe one).
 */
export function mutationFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): MutationField[] {
  const mutation = schema.getMutationType();
  if (operation.operation !== 'mutation' || !mutation) return [];
  const fields = mutation.getFields();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions)
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  const found: MutationField[] = [];
  const entered = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fields[selection.name.value];
        found.push({
          field: selection.name.value,
          responseName: selection.alias?.value ?? selection.name.value,
          posting: !!field && getNamedType(field.type).name === 'Document',
          node: selection,
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !entered.has(fragment.name.value)) {
          entered.add(fragment.name.value);
          collect(fragment.selectionSet);
        }
      }
    }
  };
  collect(operation.selectionSet);
  return found;
}
