import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import '../common/enums';
import { connectionResolver } from '../common/connection.resolver';
import { validateArguments } from '../common/validation';
import { authChecker } from '../modules/auth/auth-checker';
import { DocumentLineResolver, DocumentResolver } from '../modules/document/document.resolver';
import { DocumentConnection } from '../modules/document/document.type';
import { NodeResolver } from '../modules/node/node.resolver';
import { PartyResolver } from '../modules/party/party.resolver';
import { ProductResolver } from '../modules/product/product.resolver';
import { ScanResolver } from '../modules/scan/scan.resolver';
import { ProductConnection } from '../modules/product/product.type';
import { MovementResolver, SerialResolver } from '../modules/serial/serial.resolver';
import { SerialConnection } from '../modules/serial/serial.type';
import { WarehouseResolver } from '../modules/warehouse/warehouse.resolver';
import { ReservationResolver } from '../modules/numbering/reservation.resolver';
import { WarrantyResolver } from '../modules/warranty/warranty.resolver';
import { EventsResolver, noTopicPubSub } from '../modules/events/events.resolver';
import { DocumentStockCountResolver, StockCountResolver } from '../modules/stock-count/stock-count.resolver';
import { StockCountScanConnection } from '../modules/stock-count/stock-count.type';
import { WebhookResolver } from '../modules/webhooks/webhook.resolver';
import { WebhookDeliveryConnection } from '../modules/webhooks/webhook.types';

/** The executable schema: type-graphql classes are the source of truth; schema.graphql is emitted from it. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      NodeResolver,
      ProductResolver,
      ScanResolver,
      WarehouseResolver,
      PartyResolver,
      SerialResolver,
      MovementResolver,
      DocumentResolver,
      DocumentLineResolver,
      ReservationResolver,
      WarrantyResolver,
      EventsResolver,
      WebhookResolver,
      connectionResolver(ProductConnection),
      connectionResolver(SerialConnection),
      connectionResolver(DocumentConnection),
      StockCountResolver,
      DocumentStockCountResolver,
      connectionResolver(StockCountScanConnection),
      connectionResolver(WebhookDeliveryConnection),
    ],
    authChecker,
    authMode: 'error',
    pubSub: noTopicPubSub,
    // Text hygiene and class-validator rules for every argument, nested inputs included.
    validateFn: validateArguments,
  });
}
