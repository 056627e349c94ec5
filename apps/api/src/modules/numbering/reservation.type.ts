import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

/** Where a reservation stands (computed: nothing has to run for a reservation to expire). */
export const ReservationState = {
  ACTIVE: 'ACTIVE',
  CONSUMED: 'CONSUMED',
  EXPIRED: 'EXPIRED',
} as const;
export type ReservationState = (typeof ReservationState)[keyof typeof ReservationState];
registerEnumType(ReservationState, {
  name: 'SerialReservationState',
  description:
    'ACTIVE: numbers left to receive; CONSUMED: every number received; EXPIRED: past expiresAt, the numbers not received are void and never reissued.',
});

@ObjectType('SerialReservation', {
  description:
    'Serial numbers handed out ahead of a receipt (reserveSerials): consecutive values of the product’s number template counter, never given to anyone else.',
})
export class SerialReservationNode {
  @Field(() => ID) id!: string;
  @Field(() => Int) count!: number;
  @Field(() => String) firstNumber!: string;
  @Field(() => String) lastNumber!: string;
  @Field(() => [String], { description: 'Every reserved number, in counter order (at most 10,000).' })
  numbers!: string[];
  @Field(() => Int, { description: 'How many of the numbers were received (in order, from the first).' })
  received!: number;
  @Field(() => ReservationState) state!: ReservationState;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) expiresAt!: Date;
}
