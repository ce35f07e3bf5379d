import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import type { EventStore } from '../../../../libs/event-store/src';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { InjectEventStore } from '../store/event-store.provider';
import { ProjectionHostService } from './projection-host.service';

/**
 * regie_projection_lag_events and regie_projection_checkpoint, per projection and saga, and how its
 * feed batches the log once it follows it: transactions written and the events in them.
 */
@Injectable()
export class ProjectionMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly projections: ProjectionHostService,
    @InjectEventStore() private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    const host = this.projections.host;
    const store = this.store;
    let lastPosition = 0;
    const checkpoint = new Gauge({
      name: 'regie_projection_checkpoint',
      help: 'Global position the live generation of each projection has seen',
      labelNames: ['projection'] as const,
      registers: [this.metrics.registry],
    });
    const lag = new Gauge({
      name: 'regie_projection_lag_events',
      help: "Events in the store the projection's live generation has not seen yet",
      labelNames: ['projection'] as const,
      registers: [this.metrics.registry],
      // At scrape time the store's last position is read fresh, so the lag is exact then.
      async collect() {
        lastPosition = await store.lastPosition().catch(() => lastPosition);
        update();
      },
    });
    const transactions = new Counter({
      name: 'regie_projection_followed_transactions_total',
      help: 'Read-store transactions written for each projection while it followed the log (each batch of new events is one)',
      labelNames: ['projection'] as const,
      registers: [this.metrics.registry],
    });
    const events = new Counter({
      name: 'regie_projection_followed_events_total',
      help: 'Events in those transactions: divided by them, the events per batch',
      labelNames: ['projection'] as const,
      registers: [this.metrics.registry],
    });
    const counted = new Map<string, { transactions: number; events: number }>();
    const update = () => {
      for (const p of host.checkpoints()) {
        checkpoint.set({ projection: p.name }, p.checkpoint);
        lag.set({ projection: p.name }, Math.max(0, lastPosition - p.checkpoint));
        const before = counted.get(p.name) ?? { transactions: 0, events: 0 };
        transactions.inc({ projection: p.name }, p.followed.transactions - before.transactions);
        events.inc({ projection: p.name }, p.followed.events - before.events);
        counted.set(p.name, p.followed);
      }
    };
    // The runner moves the gauges on every commit.
    host.onCommit(update);
  }
}
