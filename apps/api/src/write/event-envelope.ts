import type { Actor } from '../../../../libs/auth/src';
import type { EventToAppend, StoredEvent } from '../../../../libs/event-store/src';
import { type RegieEvent, upcast } from '../../../../events';

/** Metadata every event carries beside its data: who, on whose behalf, why. */
export interface EventMetadata {
  actor: { sub: string; partner: string | null };
  correlationId: string;
  causationId: string;
  schemaVersion: number;
  command: string;
}

export const toAppend = (event: RegieEvent, id: string, base: Omit<EventMetadata, 'schemaVersion'>): EventToAppend => ({
  id,
  type: event.type,
  data: event.data,
  metadata: { ...base, schemaVersion: event.schemaVersion },
});

/** A stored event read as today's catalogue defines it. */
export const toDomain = (stored: StoredEvent): RegieEvent => upcast(stored.type, stored.metadata.schemaVersion as number | undefined, stored.data);

export const actorMetadata = (actor: Actor) => ({ sub: actor.sub, partner: actor.partner ?? null });
