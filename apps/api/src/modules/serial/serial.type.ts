import { Field, Int, ObjectType } from 'type-graphql';
import { SerialCheckIssue, SerialStatus } from '@serialgraph/domain';
import { NodeInterface, PageInfo } from '../../common/node';
import { DateTimeScalar } from '../../common/scalars';

@ObjectType('Warranty')
export class WarrantyType {
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => DateTimeScalar) endsAt!: Date;
  @Field(() => Boolean) active!: boolean;
}

@ObjectType('Serial', { implements: NodeInterface })
export class SerialNode extends NodeInterface {
  @Field(() => String, { description: 'As recorded (trimmed); unique per product, case-insensitively.' })
  number!: string;
  @Field(() => SerialStatus) status!: SerialStatus;
  @Field(() => DateTimeScalar) receivedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Latest shipment (or repair release).' })
  shippedAt!: Date | null;
  @Field(() => Int) repairCount!: number;
  @Field(() => String, { nullable: true, description: 'Why the unit is on hold (ON_HOLD only).' })
  holdReason!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The organization’s own code or asset tag beside the real serial; unique per organization, case-insensitively. Set at receipt, changed by setInternalCode.',
  })
  internalCode!: string | null;
}

@ObjectType('SerialEdge')
export class SerialEdge {
  @Field(() => SerialNode) node!: SerialNode;
  @Field(() => String) cursor!: string;
}

@ObjectType('SerialConnection')
export class SerialConnection {
  @Field(() => [SerialEdge]) edges!: SerialEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('SerialCheck')
export class SerialCheck {
  @Field(() => String) number!: string;
  @Field(() => Boolean) ok!: boolean;
  @Field(() => SerialCheckIssue, { nullable: true }) issue!: SerialCheckIssue | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why an INVALID_FORMAT number is refused: EMPTY, TOO_LONG, WHITESPACE, CONTROL_CHAR, FORMAT_MISMATCH or CHECK_DIGIT (a preset’s check digit is wrong).',
  })
  problem!: string | null;
  @Field(() => SerialNode, { nullable: true }) serial!: SerialNode | null;
}
