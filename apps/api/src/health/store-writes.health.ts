import type { HealthIndicatorService } from '@nestjs/terminus';
import type { StoreFailures } from '../http/store-failures';

/**
 * A store that answers `SELECT 1` may still refuse every write (a full disk, an I/O error, a lock
 * held by another process): readiness also reports the last write a store refused, for a while.
 */
export class StoreWritesHealthIndicator {
  constructor(
    private readonly failures: StoreFailures,
    private readonly health: HealthIndicatorService,
  ) {}

  isHealthy() {
    const indicator = this.health.check('storeWrites');
    const failure = this.failures.recent();
    return failure ? indicator.down({ ...failure }) : indicator.up();
  }
}
