import { MEMBERSHIP_FOLD, takesPart, type Membership } from '../../apps/api/src/history/history-views';
import type { StoredEvent } from '../../libs/event-store/src';
import type { InitiativeEvent } from '../../events';
import { evolve, initialState, isVisible, type Actor, type InitiativeState } from '../../libs/initiative/src';
import {
  exploreDone,
  initiativeStarted,
  joined,
  left,
  municipality,
  perspectiveShared,
  police,
  prosecutor,
  regisseurJoined,
  youthCare,
} from '../../libs/initiative/src/testing/fixtures';

const stored = (events: InitiativeEvent[]): StoredEvent[] =>
  events.map((e, revision) => ({
    position: revision + 1,
    stream: 'initiative-i',
    revision,
    id: `e-${revision}`,
    type: e.type,
    data: e.data,
    metadata: { schemaVersion: e.schemaVersion, hash: 'h' },
    recordedAt: '2025-03-01T09:00:00.000Z',
  }));

/**
 * "May this caller see the initiative now?" is answered from the membership fold instead of a
 * projection's state: it must agree with the decider's own rule after every event.
 */
describe('the membership fold decides visibility exactly as isVisible on the decider state', () => {
  const actors: Actor[] = [
    ...[municipality, police, youthCare, prosecutor].flatMap((p) =>
      (['analyst', 'partner-member', 'steering-group'] as const).map((role) => ({ sub: `${role}-${p.partnerId}`, roles: [role], partner: p.partnerId })),
    ),
    { sub: 'no-partner', roles: ['analyst'] },
    { sub: 'root', roles: ['admin'] },
  ];

  it.each([
    [
      'joins and leaves, a rejoin, a second leave',
      [
        initiativeStarted(),
        regisseurJoined(),
        joined(police),
        joined(youthCare),
        ...exploreDone().slice(0, 2),
        left(police),
        perspectiveShared(youthCare),
        joined(police),
        left(youthCare),
        left(youthCare),
        joined(prosecutor),
      ],
    ],
    ['events before the start count for nothing', [joined(police), left(municipality), initiativeStarted(), regisseurJoined(), left(prosecutor)]],
    ['a second start opens the partner list again', [initiativeStarted(), regisseurJoined(), joined(police), initiativeStarted(), joined(youthCare)]],
  ])('%s', (_, events) => {
    const log = stored(events);
    let state: InitiativeState = initialState;
    let membership: Membership = MEMBERSHIP_FOLD.initial();
    for (const [i, event] of log.entries()) {
      state = evolve(state, events[i]);
      membership = MEMBERSHIP_FOLD.step(membership, event);
      for (const actor of actors) {
        expect({ after: i, actor: actor.sub, sees: takesPart(membership, actor) }).toEqual({ after: i, actor: actor.sub, sees: isVisible(state, actor) });
      }
    }
  });
});
