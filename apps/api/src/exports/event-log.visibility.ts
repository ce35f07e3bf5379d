import type { Actor } from '../../../../libs/auth/src';
import type { EventStore } from '../../../../libs/event-store/src';
import { readLogPages } from '../../../../libs/event-store/src/ndjson';
import { upcast } from '../../../../events';
import { partnerStream } from '../write/partner.repository';

const REGISTRY_PREFIX = partnerStream('');
const MEMBERSHIP_TYPES = new Set(['PartnerJoined', 'PartnerLeft']);

/**
 * Which streams of the raw log a caller may read, decided once per export, as of the export's
 * snapshot position:
 * - admins read every stream;
 * - an analyst reads the partner registry (every user may read it: GET /api/partners) and the
 *   streams of the initiatives their partner organisation takes part in at the snapshot — the
 *   same rule as access.policy's isVisible: a partner that left no longer sees the initiative
 *   (its whole stream, including what happened before it joined, like GET …/history);
 * - an analyst without a partner claim takes part in no initiative, so reads the registry only.
 *   Programme-wide analysis is an admin's export; the spec lets only admins omit `partner`.
 * Streams of any other kind are not shown to analysts: a new kind of stream stays private until
 * someone decides who may read it.
 *
 * Deciding that needs a first pass over the log up to the snapshot, keeping only one flag per
 * initiative stream the partner ever joined: memory bounded by the number of initiatives, time
 * about one extra read of the log. A partner-network projection could answer it directly once it
 * exists.
 */
export const streamVisibility = async (store: EventStore, actor: Actor, upTo: number): Promise<(stream: string) => boolean> => {
  const registry = (stream: string) => stream.startsWith(REGISTRY_PREFIX);
  if (actor.roles.includes('admin')) return () => true;
  const partner = actor.partner;
  if (!partner) return registry;
  const takesPart = new Map<string, boolean>();
  const membership = readLogPages(store, { upTo, keep: (e) => MEMBERSHIP_TYPES.has(e.type) });
  for await (const { events } of membership) {
    for (const stored of events) {
      const event = upcast(stored.type, stored.metadata.schemaVersion as number | undefined, stored.data);
      if (event.type === 'PartnerJoined' && event.data.partnerId === partner) takesPart.set(stored.stream, true);
      if (event.type === 'PartnerLeft' && event.data.partnerId === partner) takesPart.set(stored.stream, false);
    }
  }
  return (stream) => registry(stream) || takesPart.get(stream) === true;
};
