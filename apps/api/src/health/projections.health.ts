import type { HealthIndicatorService } from '@nestjs/terminus';
import type { ProjectionHost } from '../../../../libs/projections/src';

/**
 * The read side is part of readiness: a projection that stopped on an error answers stale data to
 * every query, so a load balancer should send traffic elsewhere until it feeds again.
 */
export class ProjectionsHealthIndicator {
  constructor(private readonly host: ProjectionHost | null, private readonly health: HealthIndicatorService) {}

  async isHealthy() {
    const indicator = this.health.check('projections');
    if (!this.host) return indicator.up({ note: 'this process runs no projections' });
    let status: Awaited<ReturnType<ProjectionHost['status']>>;
    try {
      status = await this.host.status();
    } catch (error) {
      return indicator.down({ message: `the projections' status cannot be read: ${(error as Error).message}` });
    }
    // Stopped means: its last batch failed and the log has moved on past it. One that failed but
    // has nothing left to fold (a dropped connection on an idle store) still answers current data.
    const stopped = status.filter((s) => s.error && s.lag > 0);
    if (!stopped.length) return indicator.up();
    return indicator.down({ stopped: stopped.map((s) => ({ projection: s.name, error: s.error, checkpoint: s.checkpoint, lag: s.lag })) });
  }
}
