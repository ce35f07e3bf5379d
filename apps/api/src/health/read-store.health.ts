import type { HealthIndicatorService } from '@nestjs/terminus';
import type { ReadStore } from '../../../../libs/read-store/src';

/** The read store (projections, idempotency records) answers: without it no query and no keyed command works. */
export class ReadStoreHealthIndicator {
  constructor(
    private readonly store: ReadStore,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy() {
    const indicator = this.health.check('readStore');
    try {
      await this.store.query('SELECT 1');
      return indicator.up({ dialect: this.store.dialect });
    } catch (error) {
      return indicator.down({ dialect: this.store.dialect, message: (error as Error).message });
    }
  }
}
