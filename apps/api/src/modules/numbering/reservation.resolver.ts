import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../common/context';
import { DateTimeScalar } from '../../common/scalars';
import { ProductNode } from '../product/product.type';
import {
  reservationGlobalId,
  reservationState,
  reservedNumbers,
  MAX_RESERVATION_COUNT,
  type ReservationRow,
} from './reservation.row';
import { findReservation, reserveSerials } from './reservation.service';
import { ReservationState, SerialReservationNode } from './reservation.type';

@Resolver(() => SerialReservationNode)
export class ReservationResolver {
  @Authorized('clerk')
  @Mutation(() => SerialReservationNode, {
    description: `Reserves count (1 to ${MAX_RESERVATION_COUNT.toLocaleString('en')}) new serial numbers of the product's numberTemplate, for labels printed before the units are received (receiveStock lines with reservationId). They expire unreceived after SERIALGRAPH_RESERVATION_TTL_MINUTES (default 24 h) and are never reissued. A retry with the same idempotencyKey returns the same reservation.`,
  })
  reserveSerials(
    @Ctx() ctx: RequestContext,
    @Arg('productId', () => ID) productId: string,
    @Arg('count', () => Int) count: number,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ) {
    return reserveSerials(ctx, { productId, count, idempotencyKey });
  }

  @Authorized()
  @Query(() => SerialReservationNode, { nullable: true })
  serialReservation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return findReservation(ctx, id);
  }

  @FieldResolver(() => ID)
  id(@Root() r: ReservationRow) {
    return reservationGlobalId(r.id);
  }

  @FieldResolver(() => ProductNode)
  async product(@Root() r: ReservationRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.product.load(r.productId);
  }

  @FieldResolver(() => String)
  firstNumber(@Root() r: ReservationRow) {
    return reservedNumbers(r, 0, 1)[0];
  }

  @FieldResolver(() => String)
  lastNumber(@Root() r: ReservationRow) {
    return reservedNumbers(r, r.count - 1, 1)[0];
  }

  @FieldResolver(() => [String])
  numbers(@Root() r: ReservationRow) {
    return reservedNumbers(r);
  }

  @FieldResolver(() => ReservationState)
  state(@Root() r: ReservationRow, @Ctx() ctx: RequestContext) {
    return reservationState(r, ctx.now?.() ?? new Date());
  }

  @FieldResolver(() => DateTimeScalar)
  createdAt(@Root() r: ReservationRow) {
    return r.issuedAt;
  }
}
