import { Injectable } from '@nestjs/common';
import type { Unavailability } from './store-unavailable';

/** How long one refused write keeps the instance out of readiness: a load balancer polls every few seconds. */
const REPORTED_FOR_MS = 15_000;

export interface StoreFailure {
  cause: Unavailability;
  message: string;
  at: string;
}

/**
 * The last time a store could not take a request (a full disk, an I/O error, a lock held too long),
 * as the HTTP layer answered it with a 503. Readiness reports it: `SELECT 1` still answers on a
 * full disk, so only a write that failed tells that this instance cannot serve commands now.
 */
@Injectable()
export class StoreFailures {
  private last: (StoreFailure & { ms: number }) | null = null;

  record(cause: Unavailability, error: unknown): void {
    const ms = Date.now();
    this.last = { cause, message: error instanceof Error ? error.message : String(error), at: new Date(ms).toISOString(), ms };
  }

  recent(now = Date.now()): StoreFailure | null {
    if (!this.last || now - this.last.ms > REPORTED_FOR_MS) return null;
    const { ms: _ms, ...failure } = this.last;
    return failure;
  }
}
