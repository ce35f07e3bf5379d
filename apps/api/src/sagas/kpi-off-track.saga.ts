import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import type { Actor } from '../../../../libs/auth/src';
import { addDays, type EarlyReviewRequest, kpiOffTrackSaga, type SagaBinding, utcDate } from '../../../../libs/projections/src';
import { Problem } from '../http/problem';
import { RunInitiativeCommand } from '../write/run-initiative-command';
import type { RequestContext } from '../write/request-context';

/** The saga acts as the system, with every right an admin has, and says so in each event's actor. */
export const SYSTEM_ACTOR: Actor = { sub: 'system:kpi-saga', roles: ['admin'] };

/** Initiatives whose early reviews are asked for at the same time. */
const DISPATCH_LANES = 16;

/**
 * A turn of the event loop between two requests of a lane. A request that appends nothing (refused
 * because the initiative was dissolved or moved on, or answered from the log when a saga replays
 * onto a log that already holds its reviews) never waits for I/O: without this, a saga replaying a
 * million events without its read store ran 2,301 such requests back to back, and the API answered
 * nothing, not even /health/live, for 32-35 s of its cold start.
 */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Early reviews are due two weeks after they are asked for. */
export const EARLY_REVIEW_DAYS = 14;

/**
 * Counted from the measurement that made the streak, in domain time: a saga catching up after
 * downtime (or replaying after an upgrade) gives the steering group the same two weeks it would
 * have had. Requests folded before they carried the moment fall back to the dispatch time.
 */
export const earlyReviewDueOn = (r: Pick<EarlyReviewRequest, 'triggeredAt'>, now: string): string =>
  addDays(utcDate(Date.parse(r.triggeredAt ?? now)), EARLY_REVIEW_DAYS);

/**
 * The write side of the KPI saga (its decisions are the pure kpiOffTrackSaga in libs/projections,
 * fed from the store by its own checkpointed runner). Each request becomes a ScheduleReview
 * through the ordinary command pipeline, with an idempotency key derived from the triggering
 * event: a replay, a restart between dispatch and checkpoint, or a second instance produce the
 * very same command id and event ids, and the pipeline answers the first result again.
 */
@Injectable()
export class KpiOffTrackSaga {
  private readonly logger = new Logger('KpiOffTrackSaga');

  constructor(private readonly commands: CommandBus) {}

  binding(): SagaBinding<EarlyReviewRequest> {
    return { saga: kpiOffTrackSaga, dispatch: (requests) => this.dispatch(requests) };
  }

  /**
   * An initiative's requests go in the order they were made; different initiatives' go side by
   * side, so their appends share commits (a saga catching up on a long log asks for thousands).
   */
  async dispatch(requests: EarlyReviewRequest[]): Promise<void> {
    const byInitiative = new Map<string, EarlyReviewRequest[]>();
    for (const r of requests) {
      const queue = byInitiative.get(r.initiativeId);
      if (queue) queue.push(r);
      else byInitiative.set(r.initiativeId, [r]);
    }
    const queues = [...byInitiative.values()];
    const lane = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift())
        for (const r of queue) {
          await this.request(r);
          await nextTurn();
        }
    };
    await Promise.all(Array.from({ length: Math.min(DISPATCH_LANES, queues.length) }, lane));
  }

  private async request(r: EarlyReviewRequest): Promise<void> {
    const key = `kpi-off-track:${r.triggeringEventId}`;
    const ctx: RequestContext = {
      actor: SYSTEM_ACTOR,
      correlationId: r.triggeringEventId,
      idempotencyKey: key,
      fingerprint: createHash('sha256').update(`saga ${key}`).digest('hex'),
    };
    try {
      await this.commands.execute(
        new RunInitiativeCommand({
          label: 'ScheduleReview',
          initiativeId: r.initiativeId,
          ctx,
          causationId: r.triggeringEventId,
          build: (t) => ({
            type: 'ScheduleReview',
            initiativeId: r.initiativeId,
            now: t.now,
            reviewId: t.newId(),
            dueOn: earlyReviewDueOn(r, t.now),
            reason: r.reason,
            kpiId: r.kpiId,
          }),
        }),
      );
      this.logger.log(`early review requested for initiative ${r.initiativeId}: KPI ${r.kpiId} off track in ${r.streak.join(', ')}`);
    } catch (error) {
      // A rule of the method said no (the initiative moved on, was dissolved …): the request is
      // answered and must not hold up the saga. Anything else is retried with the batch.
      if (error instanceof Problem && error.getStatus() >= 400 && error.getStatus() < 500 && error.getStatus() !== 409) {
        this.logger.warn(`early review for initiative ${r.initiativeId} (KPI ${r.kpiId}) refused: ${error.body.detail}`);
        return;
      }
      throw error;
    }
  }
}
