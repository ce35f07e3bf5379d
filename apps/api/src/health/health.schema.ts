import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

const INDICATORS: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] } }, required: ['status'], additionalProperties: true },
  example: { eventStore: { status: 'up', adapter: 'sqlite', lastPosition: 42 }, readStore: { status: 'up', dialect: 'sqlite' }, projections: { status: 'up' } },
};

/** GET /health, /health/ready: each indicator (event store, read store, projections) and whether it is up. */
export class HealthReport {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ ...INDICATORS, description: 'the indicators that are up' }) info!: Record<string, { status: string }>;
  @ApiProperty({ ...INDICATORS, description: 'the indicators that are down (empty when ready)' }) error!: Record<string, { status: string }>;
  @ApiProperty({ ...INDICATORS, description: 'every indicator' }) details!: Record<string, { status: string }>;
}

/** GET /health/live: the process answers. */
export class Liveness {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}
