import type { InitiativeEvent, RegieEvent } from '../../../events';
import { evolve, initialState, type InitiativeState } from '../../initiative/src';

/**
 * A slice of the initiative state: the decider's own `evolve`, fed only the event types that
 * write the fields a projection needs. Every other field stays at what InitiativeStarted made it
 * and is never read. So the projections ask the domain's questions (`isVisible`,
 * `unmetConditions`, who signed the covenant) of state that the domain itself folded, without
 * keeping every document as large as the whole initiative.
 */
export type Slice = ReadonlySet<InitiativeEvent['type']>;

/** Who takes part: all that `isVisible` reads. */
export const MEMBERSHIP: Slice = new Set(['InitiativeStarted', 'PartnerJoined', 'PartnerLeft']);

/** Where the initiative is in the method. */
export const PHASE_MOVES: Slice = new Set(['InitiativeStarted', 'PhaseAdvanced', 'PhaseReturned', 'InitiativeDissolved']);

export const sliceOf = (...slices: Slice[]): Slice => new Set(slices.flatMap((s) => [...s]));

export const foldSlice = (slice: Slice, state: InitiativeState, event: RegieEvent): InitiativeState =>
  event.type !== 'PartnerRegistered' && slice.has(event.type) ? evolve(state, event) : state;

export const emptySlice = (): InitiativeState => initialState;
