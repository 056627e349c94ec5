import { Field, Int, ObjectType } from 'type-graphql';
import { DocumentType } from '@serialgraph/domain';
import { NodeInterface, PageInfo } from '../../common/node';
import { DateTimeScalar } from '../../common/scalars';

@ObjectType('Document', { implements: NodeInterface })
export class DocumentNode extends NodeInterface {
  @Field(() => DocumentType) type!: DocumentType;
  @Field(() => String, { description: 'Human number, gapless per type, e.g. "RCV-000012".' }) number!: string;
  @Field(() => DateTimeScalar) postedAt!: Date;
  @Field(() => String, { nullable: true }) reference!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { description: 'Name of the API key that posted it.' }) actor!: string;
}

@ObjectType('DocumentLine')
export class DocumentLineNode {
  @Field(() => Int) quantity!: number;
}

@ObjectType('DocumentEdge')
export class DocumentEdge {
  @Field(() => DocumentNode) node!: DocumentNode;
  @Field(() => String) cursor!: string;
}

@ObjectType('DocumentConnection')
export class DocumentConnection {
  @Field(() => [DocumentEdge]) edges!: DocumentEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
