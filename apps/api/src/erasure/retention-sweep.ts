import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Actor } from '../../../../libs/auth/src';
import { SealingEventStore } from '../../../../libs/data-keys/src';
import type { EventStore } from '../../../../libs/event-store/src';
import { erasableAt } from '../../../../libs/initiative/src';
import type { Environment } from '../config/environment';
import { Problem } from '../http/problem';
import { InjectEventStore } from '../store/event-store.provider';
import { Clock } from '../write/clock';
import { InitiativeRepository } from '../write/initiative.repository';
import type { RequestContext } from '../write/request-context';
import { Erasures } from './erasures';

export const RETENTION_ACTOR: Actor = { sub: 'system:retention', roles: ['admin'] };

/** Not at start: a restart should not wait on it; but soon enough that an often restarted instance still sweeps. */
const FIRST_SWEEP_AFTER_MS = 10 * 60 * 1000;

export interface SweptErasure {
  initiativeId: string;
  initiativeText: boolean;
  caseDays: string[];
}

/**
 * Erases, every ERASURE_SWEEP_MS, whatever free text the covenants let go by now, through the same
 * command an admin gives (so each erasure is an event, decided by the same rule), and finishes
 * erasures whose key destruction a crash cut short. Instances sweeping together are harmless: the
 * second one finds nothing left to erase.
 */
@Injectable()
export class RetentionSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<unknown> = Promise.resolve();
  private readonly logger = new Logger('RetentionSweep');

  constructor(
    @InjectEventStore() private readonly store: EventStore,
    private readonly initiatives: InitiativeRepository,
    private readonly erasures: Erasures,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.get('ERASURE_SWEEP_MS', { infer: true });
    if (every === 0) return;
    const run = () => {
      this.running = this.sweep().catch((error) => this.logger.error(`the retention sweep failed: ${(error as Error).message}`));
    };
    const first = setTimeout(
      () => {
        run();
        const repeat = setInterval(run, every);
        repeat.unref();
        this.timers.push(repeat);
      },
      Math.min(every, FIRST_SWEEP_AFTER_MS),
    );
    first.unref();
    this.timers.push(first);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await this.running;
  }

  /** One pass over every initiative; answers what it erased. */
  async sweep(): Promise<SweptErasure[]> {
    const now = this.clock.now().toISOString();
    const erased: SweptErasure[] = [];
    for (const { stream } of await this.store.listStreams()) {
      if (!stream.startsWith('initiative-')) continue;
      const id = stream.slice('initiative-'.length);
      const { state } = await this.initiatives.load(id);
      if (!state.started) continue;
      await this.finishCutShort(state.id, state.erasures ?? []);
      const due = erasableAt(state, now);
      if (!due.initiativeText && due.caseDays.length === 0) continue;
      const reason = `the covenant's retention of ${due.retentionMonths} months ran out`;
      try {
        await this.erasures.erase(id, reason, this.context(id, now));
        erased.push({ initiativeId: id, initiativeText: due.initiativeText, caseDays: due.caseDays });
        this.logger.log(`erased free text of initiative ${id}: ${due.initiativeText ? 'all of it' : `pilot cases and notes of ${due.caseDays.join(', ')}`}`);
      } catch (error) {
        // Another instance erased it first, or the initiative moved on: nothing left to do here.
        if (error instanceof Problem && error.getStatus() >= 400 && error.getStatus() < 500) continue;
        throw error;
      }
    }
    return erased;
  }

  private async finishCutShort(
    initiativeId: string,
    erasures: ReadonlyArray<{ initiativeText: boolean; caseDays: string[]; retentionMonths: number; reason: string }>,
  ): Promise<void> {
    if (!(this.store instanceof SealingEventStore)) return;
    for (const erasure of erasures) {
      const data = { initiativeId, ...erasure, occurredAt: '' };
      const left = [];
      for (const keyId of this.store.keyIdsOf(data)) if (await this.store.keys.exists(keyId)) left.push(keyId);
      if (left.length) await this.store.destroyKeysOf(data);
    }
  }

  private context(initiativeId: string, now: string): RequestContext {
    const key = `retention:${initiativeId}:${now}`;
    return {
      actor: RETENTION_ACTOR,
      correlationId: key,
      idempotencyKey: key,
      fingerprint: createHash('sha256').update(`sweep ${key}`).digest('hex'),
    };
  }
}
