import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printCommittedSchema } from '../src/graphql/emit-schema';
import { createSchema } from '../src/graphql/schema';

const read = (path: string) => readFile(new URL(path, import.meta.url), 'utf8');

describe('the GraphQL schema', () => {
  it('contains all of public contract v1: no breaking change against it', async () => {
    const contract = buildSchema(await read('../../../packages/graphql-schema/contract-v1.graphql'));
    const ours = await createSchema();
    expect(findBreakingChanges(contract, ours)).toEqual([]);
  });

  it('keeps the contract’s argument and input defaults (first = 50, includeOutOfStorage = false, …)', async () => {
    const contract = buildSchema(await read('../../../packages/graphql-schema/contract-v1.graphql'));
    const changedDefaults = findDangerousChanges(contract, await createSchema()).filter(
      (c) => c.type === 'ARG_DEFAULT_VALUE_CHANGE',
    );
    expect(changedDefaults).toEqual([]);
  });

  it('is committed as emitted (run `pnpm schema:emit` after changing the API)', async () => {
    const committed = await read('../../../packages/graphql-schema/schema.graphql');
    expect(committed).toBe(printCommittedSchema(await createSchema()));
  });
});
