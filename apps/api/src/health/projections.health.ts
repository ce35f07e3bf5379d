import type { HealthIndicatorService } from '@nestjs/terminus';
import type { ProjectionHost } from '../../../../libs/projections/src';

const STOPPED_AFTER_MS = 6_000;

/**
 * The read side is part of readiness: a projection that stopped on an error answers stale data to
 * every query, so a load balancer should send traffic elsewhere until it feeds again.
 */
export class ProjectionsHealthIndicator {
  constructor(
    private readonly host: ProjectionHost | null,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy() {
    const indicator = this.health.check('projections');
    if (!this.host) return indicator.up({ note: 'this process runs no projections' });
    let status: Awaited<ReturnType<ProjectionHost['status']>>;
    try {
      status = await this.host.status();
    } catch (error) {
      return indicator.down({ message: `the projections' status cannot be read: ${(error as Error).message}` });
    }
    // Stopped means: its batches have failed for a while (the runner retries every 2 s, so a dropped
    // connection heals within one or two rounds) and the log has moved on past it. A blip must not
    // take the instance out of the load balancer; a projection that keeps failing must.
    const now = Date.now();
    const stopped = status.filter((s) => s.error && s.lag > 0 && s.failingSince && now - Date.parse(s.failingSince) >= STOPPED_AFTER_MS);
    if (!stopped.length) return indicator.up();
    return indicator.down({
      stopped: stopped.map((s) => ({ projection: s.name, error: s.error, failingSince: s.failingSince, checkpoint: s.checkpoint, lag: s.lag })),
    });
  }
}
