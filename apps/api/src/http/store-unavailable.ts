import { EventStoreUnavailable } from '../../../../libs/event-store/src';
import { type ProblemBody, problemType, titleFor } from './problem';

/** Why a store could not take a request just now; each passes without anyone fixing the request. */
export type Unavailability = 'locked' | 'full' | 'io' | 'unreachable';

/** What a client is told to wait before retrying, by cause (seconds). */
const RETRY_AFTER: Record<Unavailability, number> = { locked: 2, full: 30, io: 10, unreachable: 5 };

const PG_CONNECTION_CLASS = '08';
const PG_UNAVAILABLE: Record<string, Unavailability> = {
  '53100': 'full', // disk_full
  '53200': 'unreachable', // out_of_memory
  '53300': 'unreachable', // too_many_connections
  '55P03': 'locked', // lock_not_available (lock_timeout)
  '57014': 'locked', // query_canceled (statement_timeout)
  '40001': 'locked', // serialization_failure
  '40P01': 'locked', // deadlock_detected
  '57P01': 'unreachable', // admin_shutdown
  '57P02': 'unreachable', // crash_shutdown
  '57P03': 'unreachable', // cannot_connect_now
  '58030': 'io', // io_error
};
const NODE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
// node-postgres says these in words only: a dropped connection, a pool with none to give.
const PG_CONNECTION_WORDS =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/;

const classify = (error: unknown): Unavailability | null => {
  if (error instanceof EventStoreUnavailable) return 'unreachable';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'full';
    if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'EIO') return 'io';
    if (PG_UNAVAILABLE[code]) return PG_UNAVAILABLE[code];
    if (code.length === 5 && code.startsWith(PG_CONNECTION_CLASS)) return 'unreachable';
    if (NODE_NETWORK.has(code)) return 'unreachable';
  }
  return error instanceof Error && PG_CONNECTION_WORDS.test(error.message) ? 'unreachable' : null;
};

/** The cause of a store's failure to take a request, looking through wrapped errors; null for anything else. */
export const unavailabilityOf = (error: unknown): Unavailability | null => {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const found = classify(e);
    if (found) return found;
  }
  return null;
};

const SLUG: Record<Unavailability, string> = { locked: 'store-locked', full: 'store-full', io: 'store-io-error', unreachable: 'store-unavailable' };

const WHAT: Record<Unavailability, string> = {
  locked: 'the data store is locked by another process (a backup, a sqlite3 shell, a second process on the same data directory)',
  full: "the data store's disk is full",
  io: 'the data store could not read or write its files',
  unreachable: 'the data store cannot be reached',
};

/**
 * A 503 for a store that cannot take the request now: never a 500, since nothing is wrong with the
 * request and retrying it later will do. The command may have been recorded before the failure
 * (its events committed, its answer not yet kept), so the client is told to retry with the same
 * Idempotency-Key: a recorded command answers again without running twice.
 */
export const unavailableProblem = (cause: Unavailability): { body: ProblemBody; retryAfterSeconds: number } => {
  const retryAfterSeconds = RETRY_AFTER[cause];
  return {
    retryAfterSeconds,
    body: {
      type: problemType(SLUG[cause]),
      title: titleFor(503),
      status: 503,
      detail: `${WHAT[cause]}; retry in ${retryAfterSeconds} s with the same Idempotency-Key (a command that was recorded answers again, it does not run twice)`,
    },
  };
};
