import { WrongExpectedRevision } from './errors';
import type { ExpectedRevision } from './event-store.port';

/** `current` is the stream's last revision, -1 when the stream does not exist. */
export const checkExpectedRevision = (stream: string, expected: ExpectedRevision, current: number): void => {
  const ok = expected === 'any' || (expected === 'no-stream' && current === -1) || (expected === 'exists' && current >= 0) || expected === current;
  if (!ok) throw new WrongExpectedRevision(stream, expected, current);
};
