import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../libs/event-store/src';

/** Appends a PartnerRegistered for `partnerId` to its own stream, the cheapest event a test projection can key documents on; answers its position. */
export const registerPartner = async (store: EventStore, partnerId: string): Promise<number> =>
  (
    await store.append(
      `partner-${partnerId}`,
      [
        {
          id: randomUUID(),
          type: 'PartnerRegistered',
          data: { partnerId, name: partnerId, kind: 'care', occurredAt: '2025-01-01T00:00:00.000Z' },
          metadata: {},
        },
      ],
      'any',
    )
  ).position;
