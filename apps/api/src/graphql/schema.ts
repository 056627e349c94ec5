import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import '../common/enums';
import { authChecker } from '../modules/auth/auth-checker';
import { DocumentLineResolver, DocumentResolver } from '../modules/document/document.resolver';
import { NodeResolver } from '../modules/node/node.resolver';
import { PartyResolver } from '../modules/party/party.resolver';
import { ProductResolver } from '../modules/product/product.resolver';
import { MovementResolver, SerialResolver } from '../modules/serial/serial.resolver';
import { WarehouseResolver } from '../modules/warehouse/warehouse.resolver';

/** The executable schema: type-graphql classes are the source of truth; schema.graphql is emitted from it. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      NodeResolver,
      ProductResolver,
      WarehouseResolver,
      PartyResolver,
      SerialResolver,
      MovementResolver,
      DocumentResolver,
      DocumentLineResolver,
    ],
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
  });
}
