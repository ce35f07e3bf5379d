/** The stream is not where the caller expected it: someone else wrote first. */
export class WrongExpectedRevision extends Error {
  override readonly name = 'WrongExpectedRevision';
  constructor(
    readonly stream: string,
    readonly expected: string | number,
    /** the stream's actual last revision, or -1 when it does not exist */
    readonly actual: number,
  ) {
    super(`stream ${stream}: expected revision ${expected}, actual ${actual === -1 ? 'no stream' : actual}`);
  }
}

/** An event id already stored somewhere else than where this append would put it. */
export class DuplicateEventId extends Error {
  override readonly name = 'DuplicateEventId';
  constructor(
    readonly eventId: string,
    readonly storedIn: string,
    readonly storedAt: number,
  ) {
    super(`event id ${eventId} is already stored in ${storedIn} at revision ${storedAt}`);
  }
}

/** The store cannot be reached (server down, file unusable). */
export class EventStoreUnavailable extends Error {
  override readonly name = 'EventStoreUnavailable';
}
