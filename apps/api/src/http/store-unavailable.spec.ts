import { EventStoreUnavailable } from '../../../../libs/event-store/src';
import { unavailabilityOf, unavailableProblem } from './store-unavailable';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('a store error is told apart from a bug by its code', () => {
  it.each([
    ['SQLITE_BUSY', 'locked'],
    ['SQLITE_BUSY_SNAPSHOT', 'locked'],
    ['SQLITE_LOCKED', 'locked'],
    ['SQLITE_FULL', 'full'],
    ['ENOSPC', 'full'],
    ['53100', 'full'],
    ['SQLITE_IOERR', 'io'],
    ['SQLITE_IOERR_WRITE', 'io'],
    ['SQLITE_IOERR_FSYNC', 'io'],
    ['55P03', 'locked'],
    ['40P01', 'locked'],
    ['57P01', 'unreachable'],
    ['08006', 'unreachable'],
    ['ECONNREFUSED', 'unreachable'],
  ])('%s: %s', (code, cause) => {
    expect(unavailabilityOf(coded(code))).toBe(cause);
  });

  it("looks through wrapped errors, and knows node-postgres's words for a lost connection", () => {
    expect(unavailabilityOf(new Error('append failed', { cause: coded('SQLITE_FULL') }))).toBe('full');
    expect(unavailabilityOf(new Error('Connection terminated unexpectedly'))).toBe('unreachable');
    expect(unavailabilityOf(new EventStoreUnavailable('down'))).toBe('unreachable');
  });

  it('leaves everything else to be a 500', () => {
    for (const error of [new TypeError('x is undefined'), coded('SQLITE_CONSTRAINT_UNIQUE'), coded('23505'), coded('SQLITE_ERROR'), null, 'text']) {
      expect(unavailabilityOf(error)).toBeNull();
    }
  });

  it('answers 503 with a Retry-After and tells the client to retry with the same key', () => {
    const { body, retryAfterSeconds } = unavailableProblem('full');
    expect(body).toMatchObject({
      status: 503,
      type: 'https://regie.dev/problems/store-full',
      detail: expect.stringContaining('same Idempotency-Key') as unknown,
    });
    expect(retryAfterSeconds).toBeGreaterThan(0);
  });
});
