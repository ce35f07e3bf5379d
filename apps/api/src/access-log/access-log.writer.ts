import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AccessRecord } from '../../../../libs/access-log/src';
import type { OpenedReadStore } from '../../../../libs/read-store/src';
import type { Environment } from '../config/environment';
import { InjectReadStore } from '../store/read-store.provider';
import { AccessLogStore } from './access-log.store';

/** A batch this large is written at once instead of waiting for the timer. */
export const ACCESS_LOG_BATCH = 100;
/**
 * Beyond this many unwritten entries (the read store has been down for a long while) the oldest
 * are dropped, and counted in the error log: an audit gap is bad, a process that runs out of
 * memory and loses all of them is worse.
 */
const MAX_BUFFERED = 100_000;

/**
 * Takes reads' records off the request path: a request only pushes onto an array; the records are
 * chained and written in batches (every ACCESS_LOG_FLUSH_MS, or as soon as 100 wait), one at a
 * time, and whatever is still waiting when the app closes is written before the read store closes.
 */
@Injectable()
export class AccessLogWriter implements OnModuleInit, OnApplicationShutdown {
  readonly store: AccessLogStore;
  readonly enabled: boolean;
  private buffer: AccessRecord[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private failing = false;
  private dropped = 0;
  private readonly logger = new Logger('AccessLog');

  constructor(
    @InjectReadStore() db: OpenedReadStore,
    private readonly config: ConfigService<Environment, true>,
  ) {
    this.store = new AccessLogStore(db);
    this.enabled = config.get('ACCESS_LOG', { infer: true }) === 'on';
  }

  async onModuleInit(): Promise<void> {
    // The tables exist even with the log off, so /access-log routes and `verify` answer the same way.
    await this.store.ensureSchema();
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.config.get('ACCESS_LOG_FLUSH_MS', { infer: true }));
    this.timer.unref();
  }

  record(record: AccessRecord): void {
    if (!this.enabled) return;
    this.buffer.push(record);
    if (this.buffer.length > MAX_BUFFERED) {
      this.dropped += this.buffer.length - MAX_BUFFERED;
      this.buffer.splice(0, this.buffer.length - MAX_BUFFERED);
    }
    if (this.buffer.length >= ACCESS_LOG_BATCH) void this.flush().catch(() => undefined);
  }

  /** Writes what is waiting; flushes never overlap, so the chain is extended by one writer at a time. */
  flush(): Promise<void> {
    const run = this.writing.then(() => this.write());
    this.writing = run.catch(() => undefined);
    return run;
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** After the HTTP server has closed (no request can still record), before the read store closes. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    try {
      await this.flush();
    } catch (error) {
      this.logger.error(`${this.buffer.length} access-log entries could not be written at shutdown: ${(error as Error).message}`);
    }
  }

  private async write(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer.splice(0, ACCESS_LOG_BATCH * 10);
    try {
      await this.store.append(batch);
      if (this.failing) this.logger.log('access log writes again');
      this.failing = false;
    } catch (error) {
      // Back in front, in order: the next flush retries them before anything newer.
      this.buffer.unshift(...batch);
      if (!this.failing) this.logger.error(`access log: ${batch.length} entries wait; writing them failed: ${(error as Error).message}`);
      this.failing = true;
      throw error;
    }
    if (this.dropped) {
      this.logger.error(`access log: ${this.dropped} entries were dropped while the read store could not take them`);
      this.dropped = 0;
    }
    if (this.buffer.length >= ACCESS_LOG_BATCH) await this.write();
  }
}
