import { FieldResolver, Int, Resolver, Root, type ClassType } from 'type-graphql';

/** A connection whose count runs only when asked for (see `toConnection`). */
interface LazyCountConnection {
  totalCount: () => Promise<number>;
}

/** Resolves `totalCount` of a connection type lazily; one class per connection type. */
export function connectionResolver(connection: ClassType) {
  @Resolver(() => connection)
  class ConnectionResolver {
    @FieldResolver(() => Int, {
      description: 'Every matching row, not just this page (counted only when selected).',
    })
    totalCount(@Root() root: LazyCountConnection) {
      return root.totalCount();
    }
  }
  return ConnectionResolver;
}
