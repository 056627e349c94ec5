// `pnpm schema:emit`: writes the schema the code builds to packages/graphql-schema/schema.graphql.
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printCommittedSchema } from '../src/graphql/emit-schema';
import { createSchema } from '../src/graphql/schema';

const target = fileURLToPath(new URL('../../../packages/graphql-schema/schema.graphql', import.meta.url));
await writeFile(target, printCommittedSchema(await createSchema()));
console.log(`wrote ${target}`);
