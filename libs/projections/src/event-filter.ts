import type { EventOfType, EventType, RegieEvent } from '../../../events';

/**
 * Which event types of the catalogue a projection reads: one entry per type, true or false.
 * A new event type in the catalogue does not compile until every projection and saga has said
 * whether it reads it; a Set of names would quietly leave it out.
 */
export type EventFilter = { readonly [T in EventType]: boolean };

/** The types a filter reads. */
export type ReadTypes<F extends EventFilter> = { [T in EventType]: F[T] extends true ? T : never }[EventType];

/**
 * Every type `F` reads must be read: `satisfies EventFilter & Reads<typeof MEMBERSHIP.table>` makes
 * the compiler hold a projection to what the domain questions it asks (`isVisible`) fold from.
 */
export type Reads<F extends EventFilter> = { readonly [T in ReadTypes<F>]: true };

/** Refuses entries for types the catalogue does not have (a typo, a type since renamed). */
type OnlyEventTypes<F> = { readonly [K in Exclude<keyof F, EventType>]: never };

export interface TypedFilter<F extends EventFilter> {
  readonly table: F;
  /** True for the types the filter reads; narrows the event to them. */
  reads(event: RegieEvent): event is EventOfType<ReadTypes<F>>;
}

/** A filter from its table; `reads` narrows an event to the types the table marks true. */
export const eventFilter = <const F extends EventFilter & OnlyEventTypes<F>>(table: F): TypedFilter<F> => ({
  table,
  reads: (event): event is EventOfType<ReadTypes<F>> => table[event.type],
});
