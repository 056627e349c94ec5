import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The committed SDL: sorted, so a diff shows only real changes. */
export function printCommittedSchema(schema: GraphQLSchema): string {
  return `# Emitted from apps/api by \`pnpm schema:emit\`; do not edit. CI fails when it drifts from the code.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
