import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry per app instance, so tests can run several apps in one process. */
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'regie_commands_total',
    help: 'Commands by type and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly commandSeconds = new Histogram({
    name: 'regie_command_duration_seconds',
    help: 'Command latency, load to answer',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly appendSeconds = new Histogram({
    name: 'regie_append_duration_seconds',
    help: 'Event store append latency',
    labelNames: ['store'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'regie_' });
  }
}
