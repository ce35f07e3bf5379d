import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { accessLogKey, firstKeptSegment, type SegmentHead, signHead } from '../../../../libs/access-log/src';
import type { Environment } from '../config/environment';
import { Clock } from '../write/clock';
import { AccessLogWriter } from './access-log.writer';

/** Often enough that nothing outlives its retention by much more than a day's segment. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface PruneResult {
  /** the first segment (UTC day) kept */
  keptFrom: string;
  removed: number;
  head: SegmentHead | null;
}

/**
 * ACCESS_LOG_RETENTION_MONTHS (AVG storage limitation): whole segments older than that are
 * deleted, and a signed head records where the kept chain starts, so `verify` still proves the
 * rest whole and that nothing but old segments went.
 */
@Injectable()
export class AccessLogRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();
  private readonly logger = new Logger('AccessLogRetention');

  constructor(
    private readonly writer: AccessLogWriter,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    // Once at start (a process restarted daily would otherwise never reach the first interval), then hourly.
    const run = () => {
      this.running = this.prune().catch((error) => this.logger.error(`pruning the access log failed: ${(error as Error).message}`));
    };
    const first = setTimeout(run, 0);
    first.unref();
    this.timer = setInterval(run, PRUNE_EVERY_MS);
    this.timer.unref();
  }

  /** A run in progress finishes before the read store closes. */
  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async prune(now: Date = this.clock.now()): Promise<PruneResult> {
    const keptFrom = firstKeptSegment(now, this.config.get('ACCESS_LOG_RETENTION_MONTHS', { infer: true }));
    // Read only when there is a head to sign: an app that never prunes writes no key file.
    const key = () => accessLogKey(this.config.get('DATA_DIR', { infer: true }), this.config.get('ACCESS_LOG_KEY', { infer: true }));
    const pruned = await this.writer.store.prune(keptFrom, (head) => signHead(head, key()), now.toISOString());
    if (pruned)
      this.logger.log(`access log: removed ${pruned.removed} entries of segments before ${keptFrom}; the chain now starts after entry ${pruned.head.sequence}`);
    return { keptFrom, removed: pruned?.removed ?? 0, head: pruned?.head ?? null };
  }
}
