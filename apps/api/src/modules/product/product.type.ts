import { Field, Int, ObjectType } from 'type-graphql';
import { SerialPreset, TrackingMode } from '@serialgraph/domain';
import { NodeInterface, PageInfo } from '../../common/node';
import {
  NUMBER_TEMPLATE_DESCRIPTION,
  SERIAL_FORMAT_DESCRIPTION,
  SERIAL_PRESET_DESCRIPTION,
} from './product.inputs';

@ObjectType('Product', { implements: NodeInterface })
export class ProductNode extends NodeInterface {
  @Field(() => String) sku!: string;
  @Field(() => String) name!: string;
  @Field(() => TrackingMode) trackingMode!: TrackingMode;
  @Field(() => String, {
    nullable: true,
    description: SERIAL_FORMAT_DESCRIPTION,
  })
  serialFormat!: string | null;
  @Field(() => SerialPreset, { nullable: true, description: SERIAL_PRESET_DESCRIPTION })
  serialPreset!: SerialPreset | null;
  @Field(() => Int, { nullable: true, description: 'Warranty length counted from the shipment date.' })
  warrantyMonths!: number | null;
  @Field(() => String, { nullable: true, description: NUMBER_TEMPLATE_DESCRIPTION })
  numberTemplate!: string | null;
}

@ObjectType('ProductEdge')
export class ProductEdge {
  @Field(() => ProductNode) node!: ProductNode;
  @Field(() => String) cursor!: string;
}

@ObjectType('ProductConnection')
export class ProductConnection {
  @Field(() => [ProductEdge]) edges!: ProductEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
