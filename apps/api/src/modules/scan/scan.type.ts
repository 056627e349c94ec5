import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ScanKind } from '@serialgraph/domain';
import { ProductNode } from '../product/product.type';
import { SerialNode } from '../serial/serial.type';

registerEnumType(ScanKind, {
  name: 'ScanKind',
  description: 'What a scanned code means once the scan rule is applied (see resolveScan).',
});

@ObjectType('ScanResolution', {
  description:
    'What a scanned code is: a product barcode (which product), a recorded serial (which units), both, or neither; ' +
    '`kind` applies the scan rule.',
})
export class ScanResolution {
  @Field(() => String, { description: 'The code as looked up (trimmed).' }) code!: string;
  @Field(() => ScanKind, {
    description:
      'SERIAL inside a line of productId when the code is a serial of that product (even if it is also a barcode); ' +
      'otherwise PRODUCT when it is a product barcode; otherwise SERIAL when it is a recorded serial; else NONE.',
  })
  kind!: ScanKind;
  @Field(() => ProductNode, { nullable: true, description: 'The product carrying this barcode, if any.' })
  product!: ProductNode | null;
  @Field(() => Boolean, { description: 'True when the code is a serial and a product barcode at once.' })
  ambiguous!: boolean;
  @Field(() => SerialNode, {
    nullable: true,
    description:
      "When kind is SERIAL: the unit picked (productId's unit, or the only unit with this number); null when " +
      'units of several products share the number and no productId says which.',
  })
  serial!: SerialNode | null;
  @Field(() => [SerialNode], {
    description: "Every unit recorded with this number (any product), productId's first.",
  })
  serials!: SerialNode[];
}
