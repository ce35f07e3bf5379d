import type { DataKeyConfig } from '../../../../libs/data-keys/src';
import type { EventStoreConfig } from '../../../../libs/event-store/src';
import type { CatchUpMember, GroupCommit, HelpResult, StreamShare } from '../../../../libs/projections/src';
import type { ReadStoreConfig } from '../../../../libs/read-store/src';

/** What the catch-up thread is started with: the stores to open (as the API opened them) and what to fold. */
export interface CatchUpWorkerData {
  eventStore: EventStoreConfig & DataKeyConfig;
  readStore: ReadStoreConfig;
  members: CatchUpMember[];
  /** go on following the store once caught up, until stopped */
  follow: boolean;
  /** while following: the next batch this long after the last, unless hurried (ProjectionGroup.hurry); default 0 */
  followGapMs?: number;
  /** a cold catch-up shared by stream with the API's pass (CatchUpThread.start) */
  share?: StreamShare;
  /** with `share`: the API's members (the KPI saga) this thread folds over its side of the streams, those starting from nothing */
  helping?: CatchUpMember[];
}

/** What either side of a shared catch-up tells the other once its side's streams are written for the other's members (or will not be). */
export interface HelpedMessage {
  type: 'helped';
  result: HelpResult;
}

/** What the thread tells the API before `helped`, batch by batch: the commands the API's sagas ask for over streams the thread has written. */
export interface AskedMessage {
  type: 'asked';
  effects: HelpResult['effects'];
}

/** What the API tells a thread that follows the store: a reader waits for a position. */
export interface HurryMessage {
  type: 'hurry';
}

/** What the thread tells the API, in order: commits and failed members, then done (or an error). */
export type CatchUpMessage =
  | { type: 'commit'; commit: GroupCommit }
  | { type: 'member-failed'; name: string; message: string }
  | HelpedMessage
  | AskedMessage
  | { type: 'done' }
  | { type: 'error'; message: string; stack?: string; conflict?: { projection: string; generation: number; expected: number } };
